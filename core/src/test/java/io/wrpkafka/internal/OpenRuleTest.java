package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WARN line of an opening circuit says what happens to each QoS, spool or not. */
class OpenRuleTest {
  @ParameterizedTest(name = "spool from {0}")
  @CsvSource(delimiter = '|', value = {
      "100 | QoS 0-24 is dropped, QoS 25-74 waits for buffer room and QoS 75-99 fails at once (circuit_open)",
      "75  | QoS 0-24 is dropped, QoS 25-74 waits for buffer room and QoS 75-99 fails at once (circuit_open)",
      "25  | QoS 0-24 is dropped, QoS 25-74 goes to the spool and QoS 75-99 fails at once (circuit_open)",
      "50  | QoS 0-24 is dropped, QoS 25-49 waits for buffer room, QoS 50-74 goes to the spool and QoS 75-99 fails at once (circuit_open)",
      "26  | QoS 0-24 is dropped, QoS 25 waits for buffer room, QoS 26-74 goes to the spool and QoS 75-99 fails at once (circuit_open)",
      "10  | QoS 0-9 is dropped, QoS 10-74 goes to the spool and QoS 75-99 fails at once (circuit_open)",
      "1   | QoS 0 is dropped, QoS 1-74 goes to the spool and QoS 75-99 fails at once (circuit_open)",
      "0   | QoS 0-74 goes to the spool and QoS 75-99 fails at once (circuit_open)"})
  void describesWhatEachQosGets(int spoolMinQos, String rule) {
    assertThat(Pipeline.openRule(spoolMinQos)).isEqualTo(rule);
  }
}
