package io.wrpkafka.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.Compression;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndToEndOptionsTest {

  @Test
  void laterArgumentsOverrideAPreset() {
    EndToEndOptions options =
        EndToEndOptions.parse("--quick", "--rounds", "1", "--compression", "lz4");

    assertThat(options.rounds()).isEqualTo(1);
    assertThat(options.modeTime()).isEqualTo(Duration.ofMillis(1500));
    assertThat(options.compression()).isEqualTo(Compression.LZ4);
  }

  @Test
  void modesRunInTheirDeclaredOrderSoRawComesBeforeThePacedMode() {
    EndToEndOptions options = EndToEndOptions.parse("--modes", "qos-10-paced,qos-50,raw");

    assertThat(options.modes()).containsExactly(Mode.RAW, Mode.QOS_50, Mode.QOS_10_PACED);
    assertThat(options.paceRate()).isZero();
  }

  @Test
  void allModesRunByDefault() {
    assertThat(EndToEndOptions.parse().modes()).containsExactly(Mode.values());
  }

  @Test
  void aDefaultRunMeasuresFiveRoundsSoItsMedianOutvotesTwoOddRounds() {
    assertThat(EndToEndOptions.parse().rounds()).isEqualTo(5);
  }

  @Test
  void helpGivesNoOptions() {
    assertThat(EndToEndOptions.parse("--help")).isNull();
  }

  @ParameterizedTest(name = "{0} {1} is rejected with \"{2}\"")
  @CsvSource(delimiter = '|', value = {
    "--rounds    | 0    | --rounds: must be positive, got 0",
    "--seconds   | abc  | --seconds: not a number of seconds: \"abc\"",
    "--seconds   | -1   | --seconds: must be above 0 and at most 3600, got -1",
    "--callers   | 1.5  | --callers: not a whole number: \"1.5\"",
    "--compression | brotli | --compression: unknown compression \"brotli\"",
    "--name      | a/b  | --name: not a file name: \"a/b\"",
    "--bogus     | 1    | unknown argument \"--bogus\"",
    "--modes     | qos-51 | --modes: unknown mode \"qos-51\"; use raw, qos-50,",
    "--modes     | qos-10-paced | --modes: qos-10-paced takes raw's rate",
    "--pace-rate | 0    | --pace-rate: must be positive, got 0",
  })
  void badArgumentsAreRejectedNamingTheArgumentAndValue(
      String option, String value, String message) {
    assertThatThrownBy(() -> EndToEndOptions.parse(option, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void anOptionWithoutItsValueIsRejected() {
    assertThatThrownBy(() -> EndToEndOptions.parse("--records"))
        .hasMessage("--records: needs a value");
  }
}
