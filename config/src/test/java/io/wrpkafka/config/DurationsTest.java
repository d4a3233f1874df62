package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "\"{0}\" is {1} ns")
  @CsvSource(delimiter = ';', value = {
      "30s;          30000000000",
      "10ms;         10000000",
      "1m30s;        90000000000",
      "1h;           3600000000000",
      "500us;        500000",
      "500µs;        500000",
      "500μs;        500000",
      "100ns;        100",
      "2.5s;         2500000000",
      ".5s;          500000000",
      "1.h;          3600000000000",
      "1h2m3s4ms;    3723004000000",
      "0;            0",
      "+0;           0",
      "-1.5s;        -1500000000",
      "' 30s ';      30000000000",
      "PT30S;        30000000000",
      "pt1m30s;      90000000000",
      "PT0.005S;     5000000",
      "P1D;          86400000000000",
      "-PT1S;        -1000000000",
  })
  void parsesGoAndIsoDurations(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
  @CsvSource(delimiter = ';', value = {
      "30;        'duration \"30\" has no unit (write 30s or 30ms'",
      "1.5;       'duration \"1.5\" has no unit'",
      "'';        'invalid duration \"\"'",
      "s;         'invalid duration \"s\"'",
      "30d;       'duration \"30d\" has unknown unit \"d\" (units: ns, us, µs, ms, s, m or h)'",
      "30 s;      'duration \"30 s\" has unknown unit \" s\"'",
      "1..5s;     'invalid duration \"1..5s\"'",
      "1s30;      'duration \"1s30\" has a number without a unit'",
      "PT;        'invalid ISO-8601 duration \"PT\"'",
      "P1X;       'invalid ISO-8601 duration \"P1X\"'",
      "3000000h;  'duration \"3000000h\" is too long'",
  })
  void rejectsMalformedDurationsNamingTheText(String text, String message) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0} ns formats as \"{1}\"")
  @CsvSource(delimiter = ';', value = {
      "0;               0s",
      "1;               1ns",
      "1500;            1.5us",
      "5000000;         5ms",
      "1500000;         1.5ms",
      "1000000000;      1s",
      "2500000000;      2.5s",
      "90000000000;     1m30s",
      "3600000000000;   1h0m0s",
      "3723004000000;   1h2m3.004s",
      "-1500000000;     -1.5s",
  })
  void formatsInGoStyleAndParsesBackToTheSameValue(long nanos, String text) {
    Duration d = Duration.ofNanos(nanos);
    assertThat(Durations.format(d)).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(d);
  }

  @Test
  void durationsBeyondGoRangeFormatAsIsoAndParseBack() {
    Duration huge = Duration.ofDays(200_000);
    assertThat(Durations.format(huge)).isEqualTo("PT4800000H");
    assertThat(Durations.parse(Durations.format(huge))).isEqualTo(huge);
  }
}
