package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionTest {

  @ParameterizedTest(name = "\"{0}\" parses as {1}")
  @CsvSource({"none, NONE", "gzip, GZIP", "SNAPPY, SNAPPY", "' Lz4 ', LZ4", "zstd, ZSTD"})
  void parseAcceptsKafkaNamesInAnyCase(String value, Compression expected) {
    assertThat(Compression.parse(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} round-trips through its Kafka name")
  @EnumSource(Compression.class)
  void kafkaNameParsesBackToTheSameCodec(Compression compression) {
    assertThat(Compression.parse(compression.kafkaName())).isEqualTo(compression);
    assertThat(compression.kafkaName()).isEqualTo(compression.name().toLowerCase());
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(strings = {"", "brotli", "lz-4"})
  void parseRejectsUnknownCodecsListingTheAcceptedOnes(String value) {
    assertThatThrownBy(() -> Compression.parse(value))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("\"" + value + "\"")
        .hasMessageContaining("none, gzip, snappy, lz4 or zstd");
  }
}
