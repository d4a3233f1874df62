package io.wrpkafka;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;

/** A {@link ValueEncoder} backed by one of the WRP {@link Format}s. */
enum FormatEncoder implements ValueEncoder {
  MSGPACK(Format.MSGPACK),
  JSON(Format.JSON);

  private final Format format;

  FormatEncoder(Format format) {
    this.format = format;
  }

  @Override
  public byte[] encode(Message message) {
    return format.encode(message);
  }

  @Override
  public String contentType() {
    return format.contentType();
  }

  @Override
  public String toString() {
    return format.name().toLowerCase(java.util.Locale.ROOT);
  }
}
