package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Passwords and tokens never reach toString() or a problem message. */
class SecretsTest {
  private static final String SECRET = "Sup3rSecretValue";

  private static final String CONFIG = """
      kafka:
        brokers: localhost:9092
        sasl: {mechanism: PLAIN, username: bridge, password: "${SASL_PASSWORD}"}
        tls: {certFile: /c.pem, keyFile: /k.pem, keyPassword: "${SASL_PASSWORD}"}
        kafkaProperties:
          sasl.jaas.config: ${SASL_PASSWORD}
        topicMap: [{pattern: "*", topic: events}]
      server:
        auth:
          basic: {username: talaria, password: "${SASL_PASSWORD}"}
          bearerTokens: ["${SASL_PASSWORD}"]
        adminToken: ${SASL_PASSWORD}
      """;

  @Test
  void toStringOfALoadedConfigShowsNoSecret() {
    WrpKafkaConfig config =
        WrpKafkaConfig.parse(CONFIG, "bridge.yaml", Map.of("SASL_PASSWORD", SECRET));
    assertThat(config.server().adminToken()).contains(SECRET);
    assertThat(config.toString()).doesNotContain(SECRET).contains("***");
    assertThat(config.server().toString()).doesNotContain(SECRET);
    assertThat(config.server().basic().get(0).toString()).doesNotContain(SECRET);
    assertThat(config.publisher().orElseThrow().tls().orElseThrow().keyPassword())
        .contains(SECRET);
  }

  static Stream<Arguments> secretMistakes() {
    return Stream.of(
        Arguments.of("SASL password given as a list", """
            kafka:
              brokers: localhost:9092
              sasl: {username: u, password: [%s]}
              topicMap: [{pattern: "*", topic: events}]
            """, "kafka.sasl.password: expected a string, found a list"),
        Arguments.of("TLS key password given as a list", """
            kafka:
              brokers: localhost:9092
              tls: {certFile: /c.pem, keyFile: /k.pem, keyPassword: [%s]}
              topicMap: [{pattern: "*", topic: events}]
            """, "kafka.tls.keyPassword: expected a string, found a list"),
        Arguments.of("Kafka property given as a list", """
            kafka:
              brokers: localhost:9092
              kafkaProperties: {sasl.jaas.config: [%s]}
              topicMap: [{pattern: "*", topic: events}]
            """, "expected a string, found a list"),
        Arguments.of("admin token with a blank", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              adminToken: "%s x"
            """, "server.adminToken: must not contain blanks or control characters (character 17)"),
        Arguments.of("bearer token with a newline", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              auth: {bearerTokens: ["%s\\n"]}
            """, "server.auth.bearerTokens[0]: must not contain blanks"),
        Arguments.of("misspelt password key", """
            kafka:
              brokers: localhost:9092
              sasl: {username: u, pasword: %s}
              topicMap: [{pattern: "*", topic: events}]
            """, "kafka.sasl.pasword: unknown key; did you mean \"password\"?"),
        Arguments.of("syntax error on the password line", """
            kafka:
              brokers: localhost:9092
              sasl: {username: u, password: %s
            """, "invalid YAML"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretMistakes")
  void problemsAboutSecretsDoNotEchoThem(String name, String template, String expected) {
    String yaml = template.formatted(SECRET);
    List<ConfigProblem> problems = WrpKafkaConfig.validate(yaml, "bridge.yaml", Map.of());
    assertThat(problems).isNotEmpty();
    assertThat(problems.toString()).contains(expected).doesNotContain(SECRET);
    assertThatThrownBy(() -> WrpKafkaConfig.parse(yaml, "bridge.yaml", Map.of()))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void substitutedSecretIsNotEchoedWhenItsSurroundingsAreWrong() {
    List<ConfigProblem> problems = WrpKafkaConfig.validate("""
        kafka:
          brokers: localhost:9092
          sasl: {username: u, password: {value: "${PW}"}}
          topicMap: [{pattern: "*", topic: events}]
        """, "bridge.yaml", Map.of("PW", SECRET));
    assertThat(problems.toString()).contains("kafka.sasl.password").doesNotContain(SECRET);
  }

  @Test
  void unquotedSubstitutionInFlowStyleGetsAHint() {
    assertThat(WrpKafkaConfig.validate("""
        kafka:
          brokers: localhost:9092
          sasl: {username: u, password: ${PW}}
        """, "bridge.yaml", Map.of("PW", SECRET))).singleElement().asString()
        .startsWith("bridge.yaml:3:")
        .endsWith("(inside {…} or […], quote a value with ${…}: \"${NAME}\")");
  }

  @Test
  void missingSecretVariableIsNamedWithoutAValue() {
    assertThat(WrpKafkaConfig.validate(CONFIG, "bridge.yaml", Map.of()))
        .extracting(ConfigProblem::message)
        .allMatch(m -> m.startsWith("environment variable SASL_PASSWORD is not set"));
  }
}
