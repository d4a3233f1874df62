package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NodePortsTest {

  /* Hands out 30000, 30001, ... so every choice is predictable. */
  private static final IntFunction<int[]> SEQUENTIAL =
      count -> IntStream.range(30000, 30000 + count).toArray();

  @Test
  void everyNodeGetsItsOwnPortsAndOnlyTheFirstThreeAControllerPort() {
    EmbeddedKafkaConfig config =
        EmbeddedKafkaConfig.builder().nodes(4).listener("SASL", "SASL_PLAINTEXT").build();

    List<NodePorts> ports = NodePorts.forCluster(config, SEQUENTIAL);

    assertThat(ports).extracting(NodePorts::isController)
        .containsExactly(true, true, true, false);
    assertThat(ports.get(0).listeners().keySet()).containsExactly("PLAINTEXT", "SASL");
    assertThat(ports.stream().flatMap(p -> IntStream.concat(
            p.listeners().values().stream().mapToInt(Integer::intValue),
            IntStream.of(p.controllerPort()).filter(port -> port != 0)).boxed()))
        .hasSize(11).doesNotHaveDuplicates();
  }

  @Test
  void fixedPlaintextPortIsCountedUpFromNodeZero() {
    EmbeddedKafkaConfig config =
        EmbeddedKafkaConfig.builder().nodes(3).plaintextPort(30001).build();

    List<NodePorts> ports = NodePorts.forCluster(config, SEQUENTIAL);

    assertThat(ports).extracting(p -> p.port("PLAINTEXT")).containsExactly(30001, 30002, 30003);
    assertThat(ports).extracting(NodePorts::controllerPort)
        .doesNotContain(30001, 30002, 30003)
        .doesNotHaveDuplicates();
  }

  @Test
  void unknownListenerIsRejectedNamingTheKnownOnes() {
    NodePorts ports =
        NodePorts.forCluster(EmbeddedKafkaConfig.builder().build(), SEQUENTIAL).get(0);

    assertThatThrownBy(() -> ports.port("SSL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("listenerName: no listener \"SSL\" (expected one of [PLAINTEXT])");
  }
}
