package io.wrpkafka.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModeTest {

  @ParameterizedTest(name = "{0} is compared with {1}")
  @CsvSource({
    "RAW, RAW, true",
    "QOS_50, RAW, false",
    "QOS_10, RAW, false",
    "RAW_SYNC, RAW_SYNC, true",
    "QOS_80, RAW_SYNC, false",
    "RAW_TELEMETRY, RAW_TELEMETRY, true",
    "QOS_50_TELEMETRY, RAW_TELEMETRY, false",
  })
  void everyModeIsComparedWithTheRawModeOfTheSameWork(Mode mode, Mode baseline, boolean raw) {
    assertThat(mode.baseline()).isEqualTo(baseline);
    assertThat(mode.raw()).isEqualTo(raw);
  }
}
