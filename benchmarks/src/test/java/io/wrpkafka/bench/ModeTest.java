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
    "QOS_10_PACED, RAW, false",
    "RAW_SYNC, RAW_SYNC, true",
    "QOS_80, RAW_SYNC, false",
    "RAW_TELEMETRY, RAW_TELEMETRY, true",
    "QOS_50_TELEMETRY, RAW_TELEMETRY, false",
  })
  void everyModeIsComparedWithTheRawModeOfTheSameWork(Mode mode, Mode baseline, boolean raw) {
    assertThat(mode.baseline()).isEqualTo(baseline);
    assertThat(mode.raw()).isEqualTo(raw);
  }

  @ParameterizedTest(name = "{0} is named {1} on the command line")
  @CsvSource({"QOS_10_PACED, qos-10-paced", "RAW, raw", "QOS_50_TELEMETRY, qos-50-telemetry"})
  void everyModeIsFoundByItsCommandLineName(Mode mode, String cliName) {
    assertThat(mode.cliName()).isEqualTo(cliName);
    assertThat(Mode.ofCliName(cliName)).isEqualTo(mode);
  }
}
