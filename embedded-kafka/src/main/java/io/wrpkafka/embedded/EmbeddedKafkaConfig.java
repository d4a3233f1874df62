package io.wrpkafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Immutable settings of an {@link EmbeddedKafka} cluster: how many nodes, extra broker properties
 * and listeners, users, TLS and ACLs, and how the broker JVMs are launched.
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
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]+");
  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z]+:.+");
  private static final Set<String> SCRAM_MECHANISMS = Set.of("SCRAM-SHA-256", "SCRAM-SHA-512");

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
  private final Map<String, String> plainUsers;
  private final List<ScramUser> scramUsers;
  private final Certificates tls;
  private final List<AclBinding> acls;
  private final Set<String> superUsers;

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
    this.plainUsers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.plainUsers));
    this.scramUsers = List.copyOf(builder.scramUsers);
    this.tls = builder.tls;
    this.acls = List.copyOf(builder.acls);
    this.superUsers = Collections.unmodifiableSet(new LinkedHashSet<>(builder.superUsers));
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
    b.plainUsers.putAll(plainUsers);
    b.scramUsers.addAll(scramUsers);
    b.tls = tls;
    b.acls.addAll(acls);
    b.superUsers.addAll(superUsers);
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

  /**
   * The certificates of the {@code SSL} and {@code SASL_SSL} listeners, if set with {@link
   * Builder#tls(Certificates)}.
   */
  public Optional<Certificates> tls() {
    return Optional.ofNullable(tls);
  }

  /** ACLs created when the cluster starts, in order. */
  public List<AclBinding> acls() {
    return acls;
  }

  /**
   * Principals that every ACL check lets through, besides {@code User:ANONYMOUS} (the built-in
   * PLAINTEXT and CONTROLLER listeners).
   */
  public Set<String> superUsers() {
    return superUsers;
  }

  /** Whether the brokers check ACLs: true once an ACL or a super user is configured. */
  public boolean authorization() {
    return !acls.isEmpty() || !superUsers.isEmpty();
  }

  /** PLAIN users: name to password, in insertion order. */
  Map<String, String> plainUsers() {
    return plainUsers;
  }

  /** SCRAM users, in insertion order. */
  List<ScramUser> scramUsers() {
    return scramUsers;
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
        + ", plainUsers=" + plainUsers.keySet()
        + ", scramUsers=" + scramUsers
        + ", tls=" + tls
        + ", acls=" + acls
        + ", superUsers=" + superUsers
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
    private final Map<String, String> plainUsers = new LinkedHashMap<>();
    private final List<ScramUser> scramUsers = new ArrayList<>();
    private Certificates tls;
    private final List<AclBinding> acls = new ArrayList<>();
    private final Set<String> superUsers = new LinkedHashSet<>();

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

    /**
     * Adds a user who logs in with SASL/PLAIN on every {@code SASL_PLAINTEXT} and {@code SASL_SSL}
     * listener (the brokers' JAAS configuration lists it). A second call for the same user
     * replaces the password.
     *
     * @param user letters, digits, '.', '_', '@' and '-'
     */
    public Builder plainUser(String user, String password) {
      plainUsers.put(Objects.requireNonNull(user, "user"),
          Objects.requireNonNull(password, "password"));
      return this;
    }

    /**
     * Adds a user who logs in with SCRAM on every {@code SASL_PLAINTEXT} and {@code SASL_SSL}
     * listener. The credential is written into the cluster metadata when the storage is formatted
     * ({@code kafka-storage format --add-scram}), so it exists before any client connects.
     *
     * @param mechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     * @param user letters, digits, '.', '_', '@' and '-'
     * @param password anything without ',' (the storage formatter splits on it)
     */
    public Builder scramUser(String mechanism, String user, String password) {
      scramUsers.add(new ScramUser(Objects.requireNonNull(mechanism, "mechanism"),
          Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password")));
      return this;
    }

    /**
     * Serves the {@code SSL} and {@code SASL_SSL} listeners with {@code certificates}' server
     * certificate and trusts its CA. An {@code SSL} listener requires a client certificate signed
     * by that CA (mutual TLS; the client's principal is its subject, e.g. {@code User:CN=client});
     * override with {@code brokerProperty("listener.name.<name>.ssl.client.auth", "none")}.
     */
    public Builder tls(Certificates certificates) {
      this.tls = Objects.requireNonNull(certificates, "certificates");
      return this;
    }

    /**
     * Adds an ACL, created through the PLAINTEXT listener once the cluster serves, and turns on
     * authorization (KRaft's {@code StandardAuthorizer}): a principal without a matching ACL is
     * denied, except {@code User:ANONYMOUS} (the PLAINTEXT and CONTROLLER listeners, used between
     * the nodes and by {@link EmbeddedKafka#createTopic}) and the {@link #superUser super users}.
     */
    public Builder acl(AclBinding acl) {
      acls.add(Objects.requireNonNull(acl, "acl"));
      return this;
    }

    /**
     * Adds a principal (such as {@code User:admin}) that passes every ACL check, and turns on
     * authorization as {@link #acl(AclBinding)} does.
     */
    public Builder superUser(String principal) {
      superUsers.add(Objects.requireNonNull(principal, "principal"));
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
      checkSecurity();
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

    private void checkSecurity() {
      boolean sasl = listeners.containsValue("SASL_PLAINTEXT") || listeners.containsValue("SASL_SSL");
      for (Map.Entry<String, String> user : plainUsers.entrySet()) {
        checkUser("plainUsers[\"" + user.getKey() + "\"]", user.getKey(), user.getValue(), sasl);
      }
      for (ScramUser user : scramUsers) {
        String field = "scramUsers[\"" + user.user() + "\"]";
        if (!SCRAM_MECHANISMS.contains(user.mechanism())) {
          throw new IllegalArgumentException(field + ": unknown mechanism \"" + user.mechanism()
              + "\" (expected SCRAM-SHA-256 or SCRAM-SHA-512)");
        }
        checkUser(field, user.user(), user.password(), sasl);
        String password = user.password();
        if (password.contains(",")
            || (password.length() > 1 && password.startsWith("\"") && password.endsWith("\""))) {
          throw new IllegalArgumentException(field + ": the password must not contain ',' nor be"
              + " wrapped in '\"' (the storage formatter cannot read it)");
        }
      }
      if (tls != null && !listeners.containsValue("SSL") && !listeners.containsValue("SASL_SSL")) {
        throw new IllegalArgumentException("tls: no SSL or SASL_SSL listener to serve; add one"
            + " with listener(name, \"SSL\") or listener(name, \"SASL_SSL\")");
      }
      for (String principal : superUsers) {
        if (!PRINCIPAL.matcher(principal).matches()) {
          throw new IllegalArgumentException("superUsers: \"" + principal
              + "\" is not a principal (expected type:name, e.g. User:admin)");
        }
      }
      for (AclBinding acl : acls) {
        if (acl.isUnknown()) {
          throw new IllegalArgumentException("acls: " + acl + " has an unknown or ANY field");
        }
      }
    }

    private static void checkUser(String field, String user, String password, boolean sasl) {
      if (!USER_NAME.matcher(user).matches()) {
        throw new IllegalArgumentException(field + ": bad user name (expected letters, digits,"
            + " '.', '_', '@' and '-')");
      }
      if (password.isEmpty()) {
        throw new IllegalArgumentException(field + ": the password must not be empty");
      }
      if (!sasl) {
        throw new IllegalArgumentException(field + ": no SASL_PLAINTEXT or SASL_SSL listener to"
            + " log in on; add one with listener(name, \"SASL_SSL\")");
      }
    }
  }
}
