package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  /** The secrets secure.yaml takes from the environment, without defaults. */
  private static final Map<String, String> SECURE_ENV = Map.of(
      "KAFKA_SASL_PASSWORD", "sasl-pw-example", "WRPKAFKA_INGEST_PASSWORD", "ingest-pw-example",
      "WRPKAFKA_ADMIN_TOKEN", "admin-token-example");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted().toList().stream();
    }
  }

  @Test
  void examplesFolderHoldsTheDocumentedFiles() throws IOException {
    assertThat(examples().map(p -> p.getFileName().toString()))
        .contains("minimal.yaml", "seed.yaml", "talaria.yaml", "local.yaml", "secure.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleLoadsWithoutProblemsOrWarnings(Path file) {
    Map<String, String> env = file.endsWith("secure.yaml") ? SECURE_ENV : Map.of();
    assertThat(WrpKafkaConfig.validate(file, env)).isEmpty();
    WrpKafkaConfig config = WrpKafkaConfig.load(file, env);
    assertThat(config.warnings()).isEmpty();
    assertThat(config.publisher()).isPresent();
  }

  @Test
  void seedExampleRoutesWithTheSeedTopicMap() {
    WrpKafkaConfig config = WrpKafkaConfig.load(EXAMPLES.resolve("seed.yaml"), Map.of());
    assertThat(config.dynamicConfig().topicMap()).extracting(r -> r.pattern())
        .containsExactly("online", "offline", "device-status", "qos-*", "iot-*", "*");
    assertThat(config.dynamicConfig().topicMap().get(3).topics())
        .isEqualTo(List.of("qos-events-0", "qos-events-1", "qos-events-2"));
  }

  @Test
  void talariaExampleRunsPlaintextWhenTheEnvironmentSwitchesSaslAndTlsOff() {
    WrpKafkaConfig config = WrpKafkaConfig.load(EXAMPLES.resolve("talaria.yaml"), Map.of(
        "KAFKA_BROKERS", "localhost:9092", "KAFKA_SASL_ENABLED", "false",
        "KAFKA_TLS_ENABLED", "false"));
    var publisher = config.publisher().orElseThrow();
    assertThat(publisher.brokers()).containsExactly("localhost:9092");
    assertThat(publisher.sasl()).isEmpty();
    assertThat(publisher.clientProperties()).doesNotContainKeys("security.protocol", "sasl.jaas.config");
  }

  @Test
  void localExampleIsPlaintextOnLocalhostWithADeadLetterTopic() {
    WrpKafkaConfig config = WrpKafkaConfig.load(EXAMPLES.resolve("local.yaml"), Map.of());
    var publisher = config.publisher().orElseThrow();
    assertThat(publisher.brokers()).containsExactly("localhost:9092");
    assertThat(publisher.clientProperties()).doesNotContainKeys("security.protocol", "sasl.jaas.config");
    assertThat(config.dynamicConfig().deadLetter().orElseThrow().topic()).isEqualTo("wrp-dead-letter");
  }

  @Test
  void secureExampleTurnsOnEveryProtection() {
    WrpKafkaConfig config = WrpKafkaConfig.load(EXAMPLES.resolve("secure.yaml"), SECURE_ENV);
    var publisher = config.publisher().orElseThrow();
    assertThat(publisher.tls().orElseThrow().caFile()).isPresent();
    assertThat(publisher.tls().orElseThrow().certFile()).isPresent();
    assertThat(publisher.tls().orElseThrow().insecureSkipVerify()).isFalse();
    assertThat(publisher.sasl().orElseThrow().mechanism())
        .isEqualTo(io.wrpkafka.SaslConfig.Mechanism.SCRAM_SHA_512);
    assertThat(publisher.allowAutoTopicCreation()).isFalse();
    ServerConfig server = config.server();
    assertThat(server.tls().orElseThrow().clientAuth()).isEqualTo(ServerTls.ClientAuth.REQUIRED);
    assertThat(server.ingestAuthRequired()).isTrue();
    assertThat(server.adminToken()).hasValue("admin-token-example");
    assertThat(server.maxBodyBytes()).isEqualTo(64 * 1024);
  }

  @ParameterizedTest(name = "without ${0} it does not load")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "KAFKA_SASL_PASSWORD", "WRPKAFKA_INGEST_PASSWORD", "WRPKAFKA_ADMIN_TOKEN"})
  void secureExampleRefusesToLoadWithoutEachSecret(String variable) {
    Map<String, String> env = new java.util.HashMap<>(SECURE_ENV);
    env.remove(variable);

    assertThat(WrpKafkaConfig.validate(EXAMPLES.resolve("secure.yaml"), env))
        .singleElement().asString().contains(variable);
  }

  @Test
  void securityPageShowsTheSecureExampleUnchanged() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "security.md"));
    String example = Files.readString(EXAMPLES.resolve("secure.yaml"));

    assertThat(page).contains("```yaml\n" + example + "```\n");
  }
}
