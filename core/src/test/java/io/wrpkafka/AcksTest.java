package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcksTest {

  @ParameterizedTest(name = "\"{0}\" parses as {1}, Kafka value {2}")
  @CsvSource({
      "all, ALL, all", "ALL, ALL, all", "-1, ALL, all",
      "leader, LEADER, 1", "1, LEADER, 1",
      "none, NONE, 0", "' None ', NONE, 0", "0, NONE, 0"})
  void parseAcceptsNamesAndKafkaNumbers(String value, Acks expected, String kafkaValue) {
    assertThat(Acks.parse(value)).isEqualTo(expected);
    assertThat(expected.kafkaValue()).isEqualTo(kafkaValue);
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(strings = {"", "2", "bad", "quorum"})
  void parseRejectsUnknownValuesListingTheAcceptedOnes(String value) {
    assertThatThrownBy(() -> Acks.parse(value))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("\"" + value + "\"")
        .hasMessageContaining("all, leader or none");
  }
}
