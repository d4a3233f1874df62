package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodePropertiesTest {

  private static final Path DATA = Path.of("/tmp/cluster/node/data");

  /* Node i listens on 9000 + 10 * i (+1 per extra listener) and, if a controller, 9009 + 10 * i. */
  private static List<NodePorts> ports(EmbeddedKafkaConfig config) {
    List<NodePorts> ports = new ArrayList<>();
    for (int id = 0; id < config.nodes(); id++) {
      Map<String, Integer> listeners = new LinkedHashMap<>();
      listeners.put("PLAINTEXT", 9000 + 10 * id);
      int next = 1;
      for (String name : config.listeners().keySet()) {
        listeners.put(name, 9000 + 10 * id + next++);
      }
      ports.add(new NodePorts(listeners, id < config.controllers() ? 9009 + 10 * id : 0));
    }
    return ports;
  }

  private static Map<String, String> propertiesOf(EmbeddedKafkaConfig config, int node) {
    return NodeProperties.of(config, node, ports(config), DATA);
  }

  @Test
  void singleNodeIsCombinedBrokerAndControllerOnLoopback() {
    Map<String, String> p = propertiesOf(EmbeddedKafkaConfig.builder().build(), 0);

    assertThat(p).containsEntry("node.id", "0")
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("controller.quorum.voters", "0@127.0.0.1:9009")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9000,CONTROLLER://127.0.0.1:9009")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9000")
        .containsEntry("log.dirs", DATA.toAbsolutePath().toString())
        .containsEntry("auto.create.topics.enable", "true");
  }

  @Test
  void nodesBeyondTheThirdAreBrokersOnlyAndVoteForNobody() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder().nodes(4).build();

    Map<String, String> fourth = propertiesOf(config, 3);

    assertThat(fourth).containsEntry("process.roles", "broker")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9030")
        .containsEntry("controller.quorum.voters",
            "0@127.0.0.1:9009,1@127.0.0.1:9019,2@127.0.0.1:9029");
  }

  @ParameterizedTest(name = "{0} nodes replicate internal topics {1} times, min ISR {2}")
  @CsvSource({"1, 1, 1", "2, 2, 2", "3, 3, 2", "5, 3, 2"})
  void internalTopicsAreReplicatedLikeARealCluster(int nodes, String replicas, String minIsr) {
    Map<String, String> p = propertiesOf(EmbeddedKafkaConfig.builder().nodes(nodes).build(), 0);

    assertThat(p).containsEntry("offsets.topic.replication.factor", replicas)
        .containsEntry("transaction.state.log.replication.factor", replicas)
        .containsEntry("transaction.state.log.min.isr", minIsr);
  }

  @Test
  void extraListenerIsAdvertisedWithItsSecurityProtocol() {
    EmbeddedKafkaConfig config =
        EmbeddedKafkaConfig.builder().listener("SASL", "SASL_PLAINTEXT").build();

    Map<String, String> p = propertiesOf(config, 0);

    assertThat(p)
        .containsEntry("listeners",
            "PLAINTEXT://127.0.0.1:9000,SASL://127.0.0.1:9001,CONTROLLER://127.0.0.1:9009")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9000,SASL://127.0.0.1:9001")
        .containsEntry("listener.security.protocol.map",
            "PLAINTEXT:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
        .containsEntry("inter.broker.listener.name", "PLAINTEXT");
  }

  @Test
  void brokerPropertiesOverrideTheDefaults() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .autoCreateTopics(false)
        .brokerProperty("offsets.topic.replication.factor", "1")
        .brokerProperty("message.max.bytes", "2097152")
        .build();

    assertThat(propertiesOf(config, 0))
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("message.max.bytes", "2097152");
  }
}
