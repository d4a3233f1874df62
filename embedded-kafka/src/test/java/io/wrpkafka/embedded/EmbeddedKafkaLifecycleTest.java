package io.wrpkafka.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test starts its own cluster: these are about starting and closing one. */
class EmbeddedKafkaLifecycleTest {

  @TempDir Path parent;

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  private List<Path> clusterDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.toList();
    }
  }

  @Test
  void closeKillsEveryBrokerJvmAndDeletesTheDirectory() {
    Set<Long> before = childPids();
    EmbeddedKafka kafka = EmbeddedKafka.start(
        EmbeddedKafkaConfig.builder().nodes(2).parentDirectory(parent).build());
    Set<Long> brokers = childPids();
    brokers.removeAll(before);
    Path directory = kafka.directory();
    assertThat(brokers).hasSize(2);
    assertThat(directory).isDirectory();

    kafka.close();

    assertThat(directory).doesNotExist();
    assertThat(brokers).allSatisfy(
        pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
  }

  @Test
  void brokerThatCannotStartFailsTheStartWithTheReasonFromItsLog() throws IOException {
    Set<Long> before = childPids();
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .brokerProperty("num.io.threads", "0").parentDirectory(parent).build();

    assertThatThrownBy(() -> EmbeddedKafka.start(config))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("node 0: broker JVM exited with code")
        .hasMessageContaining("num.io.threads");
    assertThat(clusterDirectories()).isEmpty();
    assertThat(childPids()).isEqualTo(before);
  }

  @Test
  void extraSaslListenerAuthenticatesClientsWithTheConfiguredUsers() throws Exception {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required";
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder()
        .listener("SASL", "SASL_PLAINTEXT")
        .brokerProperty("listener.name.sasl.sasl.enabled.mechanisms", "PLAIN")
        .brokerProperty("listener.name.sasl.plain.sasl.jaas.config",
            jaas + " user_alice=\"alice-secret\";")
        .parentDirectory(parent).build())) {
      String sasl = kafka.bootstrapServers("SASL");
      assertThat(sasl).isNotEqualTo(kafka.bootstrapServers());
      kafka.createTopic("via-sasl", 1);
      Map<String, Object> alice = Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sasl,
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
          SaslConfigs.SASL_MECHANISM, "PLAIN",
          SaslConfigs.SASL_JAAS_CONFIG,
          jaas + " username=\"alice\" password=\"alice-secret\";");

      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(alice, new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("via-sasl", "device-1", "hello"))
            .get(30, TimeUnit.SECONDS);
      }

      assertThat(TestClients.readValues(kafka.bootstrapServers(), "via-sasl", 1, 1))
          .containsExactly("hello");
    }
  }

  @Test
  void startThatMissesTheDeadlineKillsTheBrokerAndSaysSo() throws IOException {
    Set<Long> before = childPids();
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .startupTimeout(Duration.ofMillis(1)).parentDirectory(parent).build();

    assertThatThrownBy(() -> EmbeddedKafka.start(config))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("node 0: broker did not serve within PT0.001S");
    assertThat(clusterDirectories()).isEmpty();
    assertThat(childPids()).isEqualTo(before);
  }

  @Test
  void brokerJvmHaltsWhenTheJvmThatStartedItIsKilled() throws Exception {
    Process owner = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        StartAndWaitMain.class.getName(), parent.toString())
        .redirectErrorStream(true).start();
    ProcessHandle broker = null;
    try {
      BufferedReader output =
          new BufferedReader(new InputStreamReader(owner.getInputStream(), UTF_8));
      String line;
      do {
        line = output.readLine();
      } while (line != null && !line.startsWith("broker "));
      assertThat(line).as("broker pid printed by the owner JVM").isNotNull();
      broker = ProcessHandle.of(Long.parseLong(line.substring(7))).orElseThrow();
      ProcessHandle started = broker;

      owner.destroyForcibly().waitFor();

      await().atMost(Duration.ofSeconds(30)).until(() -> !started.isAlive());
    } finally {
      owner.destroyForcibly();
      if (broker != null) {
        broker.destroyForcibly();
      }
    }
  }
}
