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

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted().toList().stream();
    }
  }

  @Test
  void examplesFolderHoldsTheDocumentedFiles() throws IOException {
    assertThat(examples().map(p -> p.getFileName().toString()))
        .contains("minimal.yaml", "seed.yaml", "talaria.yaml", "local.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleLoadsWithoutProblemsOrWarnings(Path file) {
    assertThat(WrpKafkaConfig.validate(file, Map.of())).isEmpty();
    WrpKafkaConfig config = WrpKafkaConfig.load(file, Map.of());
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
}
