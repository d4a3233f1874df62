package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The static circuitBreaker key under kafka:, the same in both forms of the file. */
class CircuitBreakerSectionTest {

  /** The two forms; circuitBreaker sits beside the static settings in both. */
  enum Form {
    FLAT("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
        """),
    TALARIA("""
        kafka:
          enabled: true
          brokers: localhost:9092
          initialDynamicConfig:
            topicMap: [{pattern: "*", topic: events}]
        """);

    private final String head;

    Form(String head) {
      this.head = head;
    }

    String file(String circuitBreakerLine) {
      return head + (circuitBreakerLine.isEmpty() ? "" : "  " + circuitBreakerLine + "\n");
    }
  }

  private static CircuitBreakerConfig breakerOf(String yaml) {
    return WrpKafkaConfig.parse(yaml, "bridge.yaml", Map.of()).publisher().orElseThrow()
        .circuitBreaker();
  }

  private static List<String> problems(String yaml) {
    return WrpKafkaConfig.validate(yaml, "bridge.yaml", Map.of()).stream()
        .map(ConfigProblem::toString).toList();
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void everyKeyIsRead(Form form) {
    assertThat(breakerOf(form.file("circuitBreaker: {openAfter: 30s, probeInterval: 500ms}")))
        .isEqualTo(CircuitBreakerConfig.builder().openAfter(Duration.ofSeconds(30))
            .probeInterval(Duration.ofMillis(500)).build());
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void absentMeansTheDefaultBreaker(Form form) {
    assertThat(breakerOf(form.file(""))).isEqualTo(CircuitBreakerConfig.defaults());
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void enabledFalseTurnsItOff(Form form) {
    assertThat(breakerOf(form.file("circuitBreaker: {enabled: false}")).enabled()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      circuitBreaker: {openAfter: 0s}          | bridge.yaml:4:31: kafka.circuitBreaker.openAfter: must be positive (got 0s)
      circuitBreaker: {probeInterval: 1ms}     | bridge.yaml:4:35: kafka.circuitBreaker.probeInterval: must be at least 10ms (got 1ms)
      circuitBreaker: {openAfter: 10}          | bridge.yaml:4:31: kafka.circuitBreaker.openAfter: duration "10" has no unit
      circuitBreaker: {probeIntervall: 2s}     | bridge.yaml:4:20: kafka.circuitBreaker.probeIntervall: unknown key; did you mean "probeInterval"?
      circuitBreaker: 10s                      | bridge.yaml:4:19: kafka.circuitBreaker: expected a mapping
      """)
  void problemsNameThePathAndTheLine(String line, String problem) {
    assertThat(problems(Form.FLAT.file(line))).anySatisfy(p -> assertThat(p).startsWith(problem));
  }

  @Test
  void theTalariaFormReportsTheSamePath() {
    assertThat(problems(Form.TALARIA.file("circuitBreaker: {openAfter: 0s}")))
        .anySatisfy(p -> assertThat(p).startsWith(
            "bridge.yaml:6:31: kafka.circuitBreaker.openAfter: must be positive (got 0s)"));
  }
}
