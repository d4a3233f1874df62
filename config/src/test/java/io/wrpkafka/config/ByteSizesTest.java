package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizesTest {

  @ParameterizedTest(name = "\"{0}\" is {1} bytes")
  @CsvSource(delimiter = ';', value = {
      "0;          0",
      "1048576;    1048576",
      "512B;       512",
      "1KB;        1000",
      "1kib;       1024",
      "64MiB;      67108864",
      "1 MB;       1000000",
      "2GiB;       2147483648",
      "3gb;        3000000000",
  })
  void parsesPlainCountsAndUnits(String text, long bytes) {
    assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
  @CsvSource(delimiter = ';', value = {
      "MiB;                    'expected a byte count such as 1048576 or 64MiB, found \"MiB\"'",
      "-1;                     'expected a byte count'",
      "1.5MiB;                 'unknown size unit \".5MiB\"'",
      "64Mi;                   'unknown size unit \"Mi\" in \"64Mi\" (expected B, KB, MB, GB, KiB, MiB or GiB)'",
      "99999999999999GiB;      'byte count \"99999999999999GiB\" is too large'",
      "99999999999999999999;   'byte count \"99999999999999999999\" is too large'",
  })
  void rejectsMalformedSizes(String text, String message) {
    assertThatThrownBy(() -> ByteSizes.parse(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }
}
