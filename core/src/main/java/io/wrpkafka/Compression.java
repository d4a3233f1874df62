package io.wrpkafka;

import java.util.Locale;

/** The codec Kafka compresses record batches with ({@code compression.type}). */
public enum Compression {
  NONE("none"),
  GZIP("gzip"),
  SNAPPY("snappy"),
  LZ4("lz4"),
  ZSTD("zstd");

  private final String kafkaName;

  Compression(String kafkaName) {
    this.kafkaName = kafkaName;
  }

  /** The value of Kafka's {@code compression.type}, e.g. {@code "lz4"}. */
  public String kafkaName() {
    return kafkaName;
  }

  /**
   * Parses a codec name ({@code none}, {@code gzip}, {@code snappy}, {@code lz4}, {@code zstd}),
   * ignoring case and surrounding blanks.
   *
   * @throws ConfigException naming the value and the accepted ones
   */
  public static Compression parse(String value) {
    String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (Compression compression : values()) {
      if (compression.kafkaName.equals(name)) {
        return compression;
      }
    }
    throw new ConfigException("compression: unknown codec \"" + value
        + "\" (expected none, gzip, snappy, lz4 or zstd)");
  }
}
