package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
  void extraListenerServesClientsOnItsOwnPorts() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder()
        .listener("EXTERNAL", "PLAINTEXT").parentDirectory(parent).build())) {
      String external = kafka.bootstrapServers("EXTERNAL");
      assertThat(external).isNotEqualTo(kafka.bootstrapServers());

      TestClients.send(external, "via-external", "device-1", "hello");

      assertThat(TestClients.readValues(external, "via-external", 1, 1)).containsExactly("hello");
    }
  }
}
