package io.wrpkafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Immutable settings of an {@link EmbeddedKafka} cluster: how many nodes, extra broker properties
 * and listeners, and how the broker JVMs are launched.
 *
 * <p>Create one with {@link #builder()}; derive a variant with {@link #toBuilder()}. Instances are
 * thread-safe. {@link #toString()} masks the values of properties that look like credentials.
 */
public final class EmbeddedKafkaConfig {

  /** Name of the listener every node always has; {@link EmbeddedKafka#bootstrapServers()} uses it. */
  public static final String PLAINTEXT_LISTENER = "PLAINTEXT";

  static final String CONTROLLER_LISTENER = "CONTROLLER";
  static final int MAX_NODES = 16;
  static final int MAX_CONTROLLERS = 3;

  /** Properties that each node derives from its identity, ports and directories. */
  static final Set<String> RESERVED_PROPERTIES = Set.of(
      "process.roles",
      "node.id",
      "broker.id",
      "controller.quorum.voters",
      "controller.quorum.bootstrap.servers",
      "controller.listener.names",
      "listeners",
      "advertised.listeners",
      "listener.security.protocol.map",
      "inter.broker.listener.name",
      "log.dirs",
      "log.dir",
      "metadata.log.dir");

  private static final Set<String> SECURITY_PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Set<String> LOG_LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
  private static final Pattern LISTENER_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|jaas|key).*");

  private final int nodes;
  private final boolean autoCreateTopics;
  private final Map<String, String> brokerProperties;
  private final Map<String, String> listeners;
  private final Duration startupTimeout;
  private final List<String> jvmOptions;
  private final String brokerLogLevel;
  private final Path parentDirectory;
  private final String classpath;
  private final int plaintextPort;

  private EmbeddedKafkaConfig(Builder builder, String brokerLogLevel) {
    this.nodes = builder.nodes;
    this.autoCreateTopics = builder.autoCreateTopics;
    this.brokerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.brokerProperties));
    this.listeners = Collections.unmodifiableMap(new LinkedHashMap<>(builder.listeners));
    this.startupTimeout = builder.startupTimeout;
    this.jvmOptions = List.copyOf(builder.jvmOptions);
    this.brokerLogLevel = brokerLogLevel;
    this.parentDirectory = builder.parentDirectory;
    this.classpath = builder.classpath;
    this.plaintextPort = builder.plaintextPort;
  }

  /** Returns a builder with the defaults: one node, topic auto-creation on, 60 s startup timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.nodes = nodes;
    b.autoCreateTopics = autoCreateTopics;
    b.brokerProperties.putAll(brokerProperties);
    b.listeners.putAll(listeners);
    b.startupTimeout = startupTimeout;
    b.jvmOptions = jvmOptions;
    b.brokerLogLevel = brokerLogLevel;
    b.parentDirectory = parentDirectory;
    b.classpath = classpath;
    b.plaintextPort = plaintextPort;
    return b;
  }

  /** Number of nodes; node ids are {@code 0 .. nodes() - 1}. */
  public int nodes() {
    return nodes;
  }

  /**
   * Number of nodes that are also KRaft controllers: {@code min(nodes(), 3)}. Nodes {@code 0 ..
   * controllers() - 1} run as combined broker and controller; the others are brokers only.
   */
  public int controllers() {
    return Math.min(nodes, MAX_CONTROLLERS);
  }

  /**
   * The PLAINTEXT port of node 0 (node {@code n} listens on this port + {@code n}), or 0 when
   * every port is picked automatically.
   */
  public int plaintextPort() {
    return plaintextPort;
  }

  /** Whether brokers create a topic on first use ({@code auto.create.topics.enable}). */
  public boolean autoCreateTopics() {
    return autoCreateTopics;
  }

  /** Extra broker properties, applied to every node after the defaults, in insertion order. */
  public Map<String, String> brokerProperties() {
    return brokerProperties;
  }

  /** Extra listeners: listener name to security protocol, in insertion order. */
  public Map<String, String> listeners() {
    return listeners;
  }

  /** How long starting a node may take before it is killed and the start fails. */
  public Duration startupTimeout() {
    return startupTimeout;
  }

  /** Options passed to each broker JVM before its main class. */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /** Root log level of the broker JVMs (their output goes to each node's log file). */
  public String brokerLogLevel() {
    return brokerLogLevel;
  }

  /** Directory in which the cluster's temporary directory is created; empty means the system one. */
  public Optional<Path> parentDirectory() {
    return Optional.ofNullable(parentDirectory);
  }

  /** Classpath of the broker JVMs; empty means this JVM's {@code java.class.path}. */
  public Optional<String> classpath() {
    return Optional.ofNullable(classpath);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    brokerProperties.forEach((k, v) -> shown.put(k, SECRET_KEY.matcher(k).matches() ? "***" : v));
    return "EmbeddedKafkaConfig{nodes=" + nodes
        + ", plaintextPort=" + plaintextPort
        + ", autoCreateTopics=" + autoCreateTopics
        + ", brokerProperties=" + shown
        + ", listeners=" + listeners
        + ", startupTimeout=" + startupTimeout
        + ", jvmOptions=" + jvmOptions
        + ", brokerLogLevel=" + brokerLogLevel
        + ", parentDirectory=" + parentDirectory
        + ", classpath=" + (classpath == null ? "<java.class.path>" : "<custom>")
        + '}';
  }

  /**
   * Mutable builder of {@link EmbeddedKafkaConfig}. Setters reject {@code null}; every other rule
   * is checked by {@link #build()}. Not thread-safe.
   */
  public static final class Builder {
    private int nodes = 1;
    private boolean autoCreateTopics = true;
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private final Map<String, String> listeners = new LinkedHashMap<>();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private List<String> jvmOptions = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData");
    private String brokerLogLevel = "WARN";
    private Path parentDirectory;
    private String classpath;
    private int plaintextPort;

    private Builder() {}

    /** Number of nodes, 1 to 16 (default 1). The first three are also controllers. */
    public Builder nodes(int nodes) {
      this.nodes = nodes;
      return this;
    }

    /**
     * Fixes the PLAINTEXT ports, for a broker that people or other programs reach at a known
     * address: node {@code n} listens on {@code port + n}. The default, 0, picks free ports, which
     * is what tests want. Other listeners' ports are always picked automatically.
     */
    public Builder plaintextPort(int port) {
      this.plaintextPort = port;
      return this;
    }

    /** Whether brokers create unknown topics on first use (default {@code true}). */
    public Builder autoCreateTopics(boolean autoCreateTopics) {
      this.autoCreateTopics = autoCreateTopics;
      return this;
    }

    /**
     * Sets one broker property on every node, overriding the defaults. Properties that a node
     * derives from its identity (such as {@code listeners} or {@code log.dirs}) are rejected by
     * {@link #build()}; add listeners with {@link #listener(String, String)}.
     */
    public Builder brokerProperty(String key, String value) {
      brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets several broker properties, as {@link #brokerProperty(String, String)} does. */
    public Builder brokerProperties(Map<String, String> properties) {
      Objects.requireNonNull(properties, "properties").forEach(this::brokerProperty);
      return this;
    }

    /**
     * Adds a listener on a free loopback port of every node, e.g. {@code listener("SASL",
     * "SASL_PLAINTEXT")}. Its settings ({@code listener.name.sasl.*}, {@code ssl.*}) go in
     * {@link #brokerProperty(String, String)}; clients find it with {@link
     * EmbeddedKafka#bootstrapServers(String)}.
     */
    public Builder listener(String name, String securityProtocol) {
      listeners.put(Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(securityProtocol, "securityProtocol"));
      return this;
    }

    /** Deadline for one node to start and register with the cluster (default 60 s). */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
      return this;
    }

    /**
     * Replaces the broker JVM options. The default, {@code -Xms64m -Xmx512m -XX:+UseSerialGC
     * -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData}, starts a node in
     * about 3 s on two busy cores instead of 5 to 9 s; drop {@code -XX:TieredStopAtLevel=1}
     * (C1 only) when measuring broker throughput. They come after the logging properties that
     * the cluster sets, so a {@code -D} option here overrides them.
     */
    public Builder jvmOptions(List<String> jvmOptions) {
      this.jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
      return this;
    }

    /** Root log level of the broker JVMs: TRACE, DEBUG, INFO, WARN (default), ERROR or OFF. */
    public Builder brokerLogLevel(String brokerLogLevel) {
      this.brokerLogLevel = Objects.requireNonNull(brokerLogLevel, "brokerLogLevel");
      return this;
    }

    /** Directory in which to create the cluster's temporary directory (default: the system one). */
    public Builder parentDirectory(Path parentDirectory) {
      this.parentDirectory = Objects.requireNonNull(parentDirectory, "parentDirectory");
      return this;
    }

    /**
     * Classpath of the broker JVMs (default: this JVM's {@code java.class.path}). It must hold
     * this module and {@code org.apache.kafka:kafka_2.13} with their dependencies.
     */
    public Builder classpath(String classpath) {
      this.classpath = Objects.requireNonNull(classpath, "classpath");
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException naming the field and the bad value when a rule is broken
     */
    public EmbeddedKafkaConfig build() {
      if (nodes < 1 || nodes > MAX_NODES) {
        throw new IllegalArgumentException(
            "nodes: " + nodes + " is out of range (expected 1 to " + MAX_NODES + ")");
      }
      if (plaintextPort != 0 && (plaintextPort < 1024 || plaintextPort + nodes - 1 > 65535)) {
        throw new IllegalArgumentException("plaintextPort: " + plaintextPort + " is out of range"
            + " (expected 0 for automatic, or 1024 to " + (65536 - nodes) + " for " + nodes
            + " node(s))");
      }
      for (String key : brokerProperties.keySet()) {
        if (RESERVED_PROPERTIES.contains(key)) {
          throw new IllegalArgumentException("brokerProperties[\"" + key + "\"]: set by each node"
              + " from its id, ports and directories; add listeners with listener(name, protocol)");
        }
      }
      for (Map.Entry<String, String> listener : listeners.entrySet()) {
        String name = listener.getKey();
        if (!LISTENER_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("listeners[\"" + name + "\"]: bad listener name"
              + " (expected upper-case letters, digits and '_', starting with a letter)");
        }
        if (name.equals(PLAINTEXT_LISTENER) || name.equals(CONTROLLER_LISTENER)) {
          throw new IllegalArgumentException("listeners[\"" + name + "\"]: name is taken by the"
              + " built-in " + name + " listener");
        }
        if (!SECURITY_PROTOCOLS.contains(listener.getValue())) {
          throw new IllegalArgumentException("listeners[\"" + name + "\"]: unknown security"
              + " protocol \"" + listener.getValue() + "\" (expected one of "
              + String.join(", ", SECURITY_PROTOCOLS.stream().sorted().toList()) + ")");
        }
      }
      if (startupTimeout.isNegative() || startupTimeout.isZero()) {
        throw new IllegalArgumentException(
            "startupTimeout: " + startupTimeout + " must be positive");
      }
      String level = brokerLogLevel.toUpperCase(Locale.ROOT);
      if (!LOG_LEVELS.contains(level)) {
        throw new IllegalArgumentException("brokerLogLevel: unknown level \"" + brokerLogLevel
            + "\" (expected TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
      }
      if (classpath != null && classpath.isBlank()) {
        throw new IllegalArgumentException("classpath: must not be blank");
      }
      return new EmbeddedKafkaConfig(this, level);
    }
  }
}
