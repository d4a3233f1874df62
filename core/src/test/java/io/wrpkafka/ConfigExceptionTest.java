package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigExceptionTest {

  @ParameterizedTest(name = "\"{1}\" under \"{0}\" reads \"{2}\"")
  @CsvSource(delimiter = '|', value = {
      "topicMap[2] | shardBy: unknown strategy | topicMap[2].shardBy: unknown strategy",
      "tls         | keyFile: required         | tls.keyFile: required",
      "headers     | [\"X\"]: must have a value | headers[\"X\"]: must have a value"})
  void underPutsTheMessageBelowAPath(String path, String message, String expected) {
    ConfigException original = new ConfigException(message);
    ConfigException moved = original.under(path);
    assertThat(moved).hasMessage(expected).hasCause(original);
  }
}
