package io.wrpkafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka cluster in KRaft mode for tests: one node by default, or several, each a
 * broker JVM started from this JVM's classpath, listening on free loopback ports, with its data in
 * a temporary directory. No Docker and no download are needed.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *   kafka.createTopic("events", 3);
 *   Properties props = new Properties();
 *   props.put("bootstrap.servers", kafka.bootstrapServers());
 *   ...
 * }
 * }</pre>
 *
 * <p>A cluster can also be secured for tests of TLS, SASL and ACLs: see {@link
 * EmbeddedKafkaConfig.Builder#tls(Certificates)}, {@link EmbeddedKafkaConfig.Builder#scramUser},
 * {@link EmbeddedKafkaConfig.Builder#plainUser} and {@link EmbeddedKafkaConfig.Builder#acl}.
 *
 * <p>Nodes are numbered from 0. A node can be stopped gracefully ({@link #stopBroker(int)}),
 * killed like a crash ({@link #killBroker(int)}) and started again ({@link #startBroker(int)}) on
 * the same ports and data, so clients reconnect and see the data written before.
 *
 * <p>Thread-safe: methods that change the cluster are serialized. {@link #close()} kills every
 * broker JVM and deletes the temporary directory; a JVM shutdown hook does the same if the
 * cluster is never closed, and each broker JVM halts on its own when this JVM dies.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /*
   * Why child JVMs: a killed broker must look like a process crash to clients and to the cluster
   * (sockets reset, no controlled shutdown, threads gone mid-request), which destroyForcibly gives
   * for free and which cannot be faked inside one JVM; the broker's many threads, its logging and its memory also stay out of
   * the test JVM. The cost is a JVM start per node (about 3 s on two cores).
   *
   * Ports are picked once, when the cluster is created, and reused by every restart: clients keep
   * their bootstrap list and a restarted node keeps its place in the static controller quorum
   * (controller.quorum.voters). The first min(nodes, 3) nodes are combined broker+controller
   * nodes, so a three-node cluster keeps a controller majority when one node dies.
   *
   * Readiness of a node is decided inside its JVM (see BrokerMain); readiness of a topic is
   * checked here with an Admin client: every partition has a leader and every replica on a
   * running node is in sync.
   */

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final EmbeddedKafkaConfig config;
  private final Path directory;
  private final String clusterId;
  private final List<BrokerNode> nodes;
  private final Thread shutdownHook;
  private Admin admin;
  private final Map<Integer, Admin> nodeAdmins = new HashMap<>();
  private boolean closed;

  private EmbeddedKafka(EmbeddedKafkaConfig config, Path directory, String clusterId,
      List<BrokerNode> nodes) {
    this.config = config;
    this.directory = directory;
    this.clusterId = clusterId;
    this.nodes = nodes;
    this.shutdownHook = new Thread(this::destroy, "embedded-kafka-shutdown");
  }

  /**
   * Starts a single-node cluster with the default settings and blocks until it serves.
   *
   * @throws EmbeddedKafkaException if the broker does not serve within 60 s; its log tail is in
   *     the message
   */
  public static EmbeddedKafka start() {
    return start(EmbeddedKafkaConfig.builder().build());
  }

  /**
   * Starts a cluster as configured and blocks until every node serves.
   *
   * @throws EmbeddedKafkaException if a node does not serve within {@link
   *     EmbeddedKafkaConfig#startupTimeout()}; everything started is then stopped and deleted
   * @throws UncheckedIOException if the temporary files cannot be written
   */
  public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
    Objects.requireNonNull(config, "config");
    Path directory = ClusterDirectory.create(config.parentDirectory());
    EmbeddedKafka kafka;
    try {
      String clusterId = Uuid.randomUuid().toString();
      writeLogConfigs(directory, config.brokerLogLevel());
      List<NodePorts> ports = NodePorts.forCluster(config, LoopbackPorts::allocate);
      List<BrokerNode> nodes = new ArrayList<>();
      for (int id = 0; id < config.nodes(); id++) {
        Path nodeDirectory = directory.resolve("node-" + id);
        Map<String, String> properties =
            NodeProperties.of(config, id, ports, nodeDirectory.resolve("data"));
        nodes.add(BrokerNode.create(
            id, ports.get(id), nodeDirectory, properties, clusterId, config, directory));
      }
      kafka = new EmbeddedKafka(config, directory, clusterId, List.copyOf(nodes));
    } catch (RuntimeException e) {
      ClusterDirectory.delete(directory);
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
    try {
      kafka.nodes.forEach(BrokerNode::launch);
      for (BrokerNode node : kafka.nodes) {
        node.awaitReady(config.startupTimeout());
      }
      if (!config.acls().isEmpty()) {
        kafka.createAcls(config.acls(), config.startupTimeout());
      }
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }

  /** The settings this cluster was started with. */
  public EmbeddedKafkaConfig config() {
    return config;
  }

  /** The KRaft cluster id, random per cluster. */
  public String clusterId() {
    return clusterId;
  }

  /** The cluster's temporary directory, holding one {@code node-<id>} directory per node. */
  public Path directory() {
    return directory;
  }

  /**
   * The PLAINTEXT addresses of all nodes, e.g. {@code 127.0.0.1:40123,127.0.0.1:40125}, for the
   * {@code bootstrap.servers} client setting. Stable for the cluster's life, including restarts.
   */
  public String bootstrapServers() {
    return bootstrapServers(EmbeddedKafkaConfig.PLAINTEXT_LISTENER);
  }

  /**
   * The addresses of all nodes on the named listener (one added with {@link
   * EmbeddedKafkaConfig.Builder#listener(String, String)}, or {@code PLAINTEXT}).
   *
   * @throws IllegalArgumentException if there is no such listener
   */
  public String bootstrapServers(String listenerName) {
    Objects.requireNonNull(listenerName, "listenerName");
    StringJoiner servers = new StringJoiner(",");
    for (BrokerNode node : nodes) {
      servers.add(LoopbackPorts.HOST + ":" + node.ports().port(listenerName));
    }
    return servers.toString();
  }

  /**
   * Creates a topic with replication factor 1 and blocks until every partition has a leader.
   *
   * @throws EmbeddedKafkaException if the topic exists, cannot be created, or is not ready within
   *     the startup timeout
   */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, 1, Map.of());
  }

  /**
   * Creates a topic and blocks until every partition has a leader and every replica on a running
   * node is in sync.
   *
   * @throws EmbeddedKafkaException as {@link #createTopic(String, int)}; also when fewer nodes run
   *     than {@code replicationFactor}
   */
  public void createTopic(String name, int partitions, int replicationFactor) {
    createTopic(name, partitions, replicationFactor, Map.of());
  }

  /**
   * Creates a topic with topic-level configs (such as {@code min.insync.replicas}) and blocks as
   * {@link #createTopic(String, int, int)} does.
   *
   * @throws IllegalArgumentException if {@code partitions} or {@code replicationFactor} is below 1
   * @throws EmbeddedKafkaException as {@link #createTopic(String, int, int)}
   */
  public synchronized void createTopic(
      String name, int partitions, int replicationFactor, Map<String, String> configs) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(configs, "configs");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: " + partitions + " must be at least 1");
    }
    if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "replicationFactor: " + replicationFactor + " must be at least 1");
    }
    requireOpen();
    Duration timeout = config.startupTimeout();
    NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor)
        .configs(new LinkedHashMap<>(configs));
    try {
      admin().createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new EmbeddedKafkaException("createTopic(\"" + name + "\", " + partitions + ", "
          + replicationFactor + "): " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new EmbeddedKafkaException("createTopic(\"" + name + "\"): not created within "
          + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("createTopic(\"" + name + "\"): interrupted", e);
    }
    awaitTopicReady(name, timeout);
  }

  /**
   * Stops node {@code node} gracefully (controlled shutdown: its partitions move to other nodes
   * first) and blocks until its JVM has exited. Kills it if it has not exited after 30 s. Does
   * nothing if the node is not running.
   *
   * @throws IndexOutOfBoundsException if there is no such node
   */
  public synchronized void stopBroker(int node) {
    requireOpen();
    BrokerNode broker = node(node);
    closeAdmin();
    broker.stop(STOP_TIMEOUT);
  }

  /**
   * Kills node {@code node}'s JVM abruptly, as a process crash would: connections reset, there is
   * no controlled shutdown, and the cluster notices only when the broker's session times out
   * (about 5 s). What the broker had written to its files survives, as after a real crash.
   * Blocks until the JVM is gone. Does nothing if the node is not running.
   *
   * @throws IndexOutOfBoundsException if there is no such node
   */
  public synchronized void killBroker(int node) {
    requireOpen();
    BrokerNode broker = node(node);
    closeAdmin();
    broker.kill();
  }

  /**
   * Starts node {@code node} again on its ports and data, and blocks until it serves. Does
   * nothing if the node is running.
   *
   * @throws IndexOutOfBoundsException if there is no such node
   * @throws EmbeddedKafkaException if it does not serve within the startup timeout
   */
  public synchronized void startBroker(int node) {
    requireOpen();
    BrokerNode broker = node(node);
    if (broker.isRunning()) {
      return;
    }
    broker.launch();
    broker.awaitReady(config.startupTimeout());
  }

  /**
   * Stops node {@code node} gracefully, then starts it again; blocks until it serves.
   *
   * @throws IndexOutOfBoundsException if there is no such node
   * @throws EmbeddedKafkaException if it does not serve within the startup timeout
   */
  public synchronized void restartBroker(int node) {
    stopBroker(node);
    startBroker(node);
  }

  /** Whether the JVM of node {@code node} is alive. */
  public boolean isRunning(int node) {
    return node(node).isRunning();
  }

  /** The log file of node {@code node}; every start of the node appends to it. */
  public Path logFile(int node) {
    return node(node).logFile();
  }

  /**
   * Kills every broker JVM, waits for them to exit and deletes the temporary directory. Brokers
   * are killed rather than stopped because their data is deleted anyway. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeAdmin();
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or will run; it repeats destroy(), which is harmless
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafka{nodes=" + nodes.size() + ", bootstrapServers=" + bootstrapServers()
        + ", directory=" + directory + '}';
  }

  /* Lock-free: also run by the shutdown hook, possibly while another thread holds the lock. */
  private void destroy() {
    for (BrokerNode node : nodes) {
      try {
        node.kill();
      } catch (RuntimeException e) {
        System.err.println("embedded Kafka: " + e.getMessage());
      }
    }
    ClusterDirectory.delete(directory);
  }

  /*
   * createAcls returns once the controller has committed the ACLs; each broker's authorizer
   * learns them from the metadata log a little later, so wait until describeAcls (answered by a
   * broker's authorizer) lists them all.
   */
  private synchronized void createAcls(List<AclBinding> acls, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      admin().createAcls(acls).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      while (!admin().describeAcls(AclBindingFilter.ANY).values()
          .get(5, TimeUnit.SECONDS).containsAll(acls)) {
        if (System.nanoTime() - deadline > 0) {
          throw new EmbeddedKafkaException("acls: not visible within " + timeout);
        }
        Thread.sleep(50);
      }
    } catch (ExecutionException e) {
      throw new EmbeddedKafkaException("acls: cannot create " + acls + ": " + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new EmbeddedKafkaException("acls: not created within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("acls: interrupted", e);
    }
  }

  private void awaitTopicReady(String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastState = "not described yet";
    while (true) {
      try {
        TopicDescription description = admin().describeTopics(List.of(name))
            .allTopicNames().get(5, TimeUnit.SECONDS).get(name);
        lastState = notReady(description);
        if (lastState == null) {
          lastState = unknownToARunningNode(name);
        }
        if (lastState == null) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        lastState = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedKafkaException("createTopic(\"" + name + "\"): interrupted", e);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new EmbeddedKafkaException("createTopic(\"" + name + "\"): not ready within "
            + timeout + ": " + lastState);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedKafkaException("createTopic(\"" + name + "\"): interrupted", e);
      }
    }
  }

  /* Returns why the topic is not ready yet, or null when it is. */
  private String notReady(TopicDescription description) {
    for (TopicPartitionInfo partition : description.partitions()) {
      Node leader = partition.leader();
      if (leader == null || leader.isEmpty()) {
        return "partition " + partition.partition() + " has no leader";
      }
      for (Node replica : partition.replicas()) {
        boolean running = replica.id() >= 0 && replica.id() < nodes.size()
            && nodes.get(replica.id()).isRunning();
        if (running && !partition.isr().contains(replica)) {
          return "partition " + partition.partition() + ": replica " + replica.id()
              + " is not in sync yet";
        }
      }
    }
    return null;
  }

  /*
   * Each node learns a new topic from the controller on its own time; a client that asks
   * another node right after creation could be told the topic does not exist. Returns which
   * running node does not know the topic yet, or null when all do. A client bootstrapped to one
   * node asks that node: it is the only one it is connected to.
   */
  private String unknownToARunningNode(String name)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (nodes.size() == 1) {
      return null;
    }
    for (int id = 0; id < nodes.size(); id++) {
      if (!nodes.get(id).isRunning()) {
        continue;
      }
      TopicDescription seen = nodeAdmin(id).describeTopics(List.of(name))
          .allTopicNames().get(5, TimeUnit.SECONDS).get(name);
      String notReady = notReady(seen);
      if (notReady != null) {
        return "node " + id + ": " + notReady;
      }
    }
    return null;
  }

  /*
   * Dropping the client when a node goes down keeps it from retrying the lost node in the
   * background (and logging a warning each time) while no topic is being created.
   */
  private void closeAdmin() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
    for (Admin one : nodeAdmins.values()) {
      one.close(Duration.ofSeconds(2));
    }
    nodeAdmins.clear();
  }

  private Admin admin() {
    if (admin == null) {
      admin = newAdmin(bootstrapServers(), "embedded-kafka-admin");
    }
    return admin;
  }

  private Admin nodeAdmin(int id) {
    return nodeAdmins.computeIfAbsent(id, n -> newAdmin(
        LoopbackPorts.HOST + ":" + nodes.get(n).ports().port(EmbeddedKafkaConfig.PLAINTEXT_LISTENER),
        "embedded-kafka-admin-node-" + n));
  }

  private static Admin newAdmin(String bootstrapServers, String clientId) {
    return Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, clientId,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
  }

  private BrokerNode node(int node) {
    if (node < 0 || node >= nodes.size()) {
      throw new IndexOutOfBoundsException(
          "node: " + node + " does not exist (expected 0 to " + (nodes.size() - 1) + ")");
    }
    return nodes.get(node);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this embedded Kafka cluster is closed");
    }
  }

  private static void writeLogConfigs(Path directory, String level) {
    String log4j2 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration status="WARN">
          <Appenders>
            <Console name="out" target="SYSTEM_OUT">
              <PatternLayout pattern="[%d] %p %m (%c)%n"/>
            </Console>
          </Appenders>
          <Loggers>
            <Root level="LEVEL"><AppenderRef ref="out"/></Root>
          </Loggers>
        </Configuration>
        """.replace("LEVEL", level);
    String logback = """
        <configuration>
          <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>[%d] %level %msg \\(%logger\\)%n</pattern></encoder>
          </appender>
          <root level="LEVEL"><appender-ref ref="out"/></root>
        </configuration>
        """.replace("LEVEL", level);
    try {
      Files.writeString(directory.resolve("log4j2.xml"), log4j2);
      Files.writeString(directory.resolve("logback.xml"), logback);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broker log configuration in " + directory, e);
    }
  }
}
