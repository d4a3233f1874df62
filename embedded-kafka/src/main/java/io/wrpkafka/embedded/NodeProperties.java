package io.wrpkafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Builds the {@code server.properties} of one node. */
final class NodeProperties {

  /*
   * Defaults aim at a quick, small broker for tests on a couple of cores: few threads, small
   * internal topics, no rebalance delay, and broker heartbeats fast enough that a killed broker is
   * fenced (and its partitions get new leaders) in about five seconds instead of nine. Internal
   * topics are replicated min(nodes, 3) times so a cluster survives a broker loss like a real one.
   * Users, TLS and ACLs become properties too (SecurityProperties).
   * User properties override the defaults; the reserved ones (identity, listeners, directories)
   * are written last and cannot be overridden (EmbeddedKafkaConfig.build rejects them).
   */

  private NodeProperties() {}

  static Map<String, String> of(
      EmbeddedKafkaConfig config, int nodeId, List<NodePorts> cluster, Path dataDirectory) {
    int replicas = Math.min(config.nodes(), 3);
    int minIsr = Math.min(config.nodes(), 2);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("auto.create.topics.enable", Boolean.toString(config.autoCreateTopics()));
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", Integer.toString(replicas));
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", Integer.toString(replicas));
    p.put("transaction.state.log.min.isr", Integer.toString(minIsr));
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
    p.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", "5000");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("background.threads", "4");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("num.replica.fetchers", "1");
    p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
    p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    p.putAll(SecurityProperties.of(config));
    p.putAll(config.brokerProperties());

    NodePorts self = cluster.get(nodeId);
    p.put("node.id", Integer.toString(nodeId));
    p.put("process.roles", self.isController() ? "broker,controller" : "broker");
    p.put("controller.quorum.voters", voters(cluster));
    p.put("controller.listener.names", EmbeddedKafkaConfig.CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", EmbeddedKafkaConfig.PLAINTEXT_LISTENER);

    StringJoiner listeners = new StringJoiner(",");
    StringJoiner protocols = new StringJoiner(",");
    self.listeners().forEach((name, port) -> {
      listeners.add(name + "://" + LoopbackPorts.HOST + ":" + port);
      String protocol = name.equals(EmbeddedKafkaConfig.PLAINTEXT_LISTENER)
          ? "PLAINTEXT" : config.listeners().get(name);
      protocols.add(name + ":" + protocol);
    });
    String advertised = listeners.toString();
    if (self.isController()) {
      listeners.add(EmbeddedKafkaConfig.CONTROLLER_LISTENER + "://" + LoopbackPorts.HOST + ":"
          + self.controllerPort());
    }
    protocols.add(EmbeddedKafkaConfig.CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("listeners", listeners.toString());
    p.put("advertised.listeners", advertised);
    p.put("listener.security.protocol.map", protocols.toString());
    p.put("log.dirs", dataDirectory.toAbsolutePath().toString());
    return p;
  }

  private static String voters(List<NodePorts> cluster) {
    StringJoiner voters = new StringJoiner(",");
    for (int id = 0; id < cluster.size(); id++) {
      NodePorts node = cluster.get(id);
      if (node.isController()) {
        voters.add(id + "@" + LoopbackPorts.HOST + ":" + node.controllerPort());
      }
    }
    return voters.toString();
  }
}
