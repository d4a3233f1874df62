package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigProblemTest {

  @ParameterizedTest(name = "{4}")
  @CsvSource(delimiter = ';', value = {
      "bridge.yaml;    12; 5; kafka.topicMap[2].shardBy; 'bridge.yaml:12:5: kafka.topicMap[2].shardBy: bad'",
      "$KAFKA_BROKERS; 0;  0; kafka.brokers[0];          '$KAFKA_BROKERS: kafka.brokers[0]: bad'",
      "bridge.yaml;    0;  0; '';                        'bridge.yaml: bad'",
      "bridge.yaml;    3;  1; '';                        'bridge.yaml:3:1: bad'",
  })
  void readsLikeACompilerMessage(String source, int line, int column, String path,
      String expected) {
    assertThat(new ConfigProblem(source, line, column, path, "bad")).hasToString(expected);
  }
}
