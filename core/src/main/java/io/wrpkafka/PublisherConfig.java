package io.wrpkafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The static settings of a publisher, fixed when it starts: brokers, security, buffer limits,
 * timeouts, retries, and the first {@link DynamicConfig}. Immutable and thread-safe; build with
 * {@link #builder()}, derive variants with {@link #toBuilder()}. {@link #toString()} never shows
 * a password or a secret-looking Kafka property.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>{@code clientId}</td><td>{@code wrpkafka}</td></tr>
 *   <tr><td>{@code maxBufferedRecords}</td><td>10000 (less than 1: no record limit)</td></tr>
 *   <tr><td>{@code maxBufferedBytes}</td><td>64 MiB</td></tr>
 *   <tr><td>{@code requestTimeout}</td><td>30 s (Kafka's {@code request.timeout.ms}; zero or
 *   less: none of its own)</td></tr>
 *   <tr><td>{@code recordDeliveryTimeout}</td><td>2 min (Kafka's {@code delivery.timeout.ms})
 *   </td></tr>
 *   <tr><td>{@code cleanupTimeout}</td><td>10 s</td></tr>
 *   <tr><td>{@code maxRetries}</td><td>0: unlimited, retry until {@code recordDeliveryTimeout}
 *   (the Go implementation's default); -1: no retries; more than 0: that many</td></tr>
 *   <tr><td>{@code retryBackoff}</td><td>100 ms (Kafka's {@code retry.backoff.ms})</td></tr>
 *   <tr><td>{@code retryBackoffMax}</td><td>5 s (the first retry waits {@code retryBackoff},
 *   each next one twice as long, up to this; Kafka's {@code retry.backoff.max.ms})</td></tr>
 *   <tr><td>{@code allowAutoTopicCreation}</td><td>false</td></tr>
 *   <tr><td>{@code denyNilPartitionKey}</td><td>false</td></tr>
 *   <tr><td>{@code valueEncoder}</td><td>{@link ValueEncoder#msgpack()}</td></tr>
 *   <tr><td>{@code verifyOnStart}</td><td>true ({@code start()} checks that a broker answers
 *   and accepts the credentials)</td></tr>
 *   <tr><td>{@code startTimeout}</td><td>30 s</td></tr>
 *   <tr><td>{@code circuitBreaker}</td><td>{@link CircuitBreakerConfig#defaults()}: on,
 *   opens after 10 s without a reachable broker, probes every 2 s</td></tr>
 * </table>
 */
public final class PublisherConfig {
  /** The default client id. */
  public static final String DEFAULT_CLIENT_ID = "wrpkafka";
  /** The default limit on records buffered and in flight. */
  public static final int DEFAULT_MAX_BUFFERED_RECORDS = 10_000;
  /** The default limit on bytes buffered and in flight: 64 MiB. */
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 64L * 1024 * 1024;
  /** Kafka's default {@code request.timeout.ms}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** Kafka's default {@code delivery.timeout.ms}. */
  public static final Duration DEFAULT_RECORD_DELIVERY_TIMEOUT = Duration.ofMinutes(2);
  /** The default {@code maxRetries}: unlimited, as in the Go implementation. */
  public static final int UNLIMITED_RETRIES = 0;
  /** The {@code maxRetries} that turns retries off, as in the Go implementation. */
  public static final int NO_RETRIES = -1;
  /** The default time {@code stop} waits for buffered records. */
  public static final Duration DEFAULT_CLEANUP_TIMEOUT = Duration.ofSeconds(10);
  /** The default wait before the first retry of a failed send. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
  /** The default longest wait between retries (the backoff doubles up to it). */
  public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(5);
  /** The default time {@code start()} gives the brokers to answer. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

  private static final List<String> SECRET_PROPERTY_WORDS =
      List.of("password", "secret", "jaas", "token", "credential", "keystore.key", "key.password");

  private final List<String> brokers;
  private final String clientId;
  private final TlsConfig tls;
  private final SaslConfig sasl;
  private final int maxBufferedRecords;
  private final long maxBufferedBytes;
  private final Duration requestTimeout;
  private final Duration recordDeliveryTimeout;
  private final Duration cleanupTimeout;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final Duration retryBackoffMax;
  private final boolean allowAutoTopicCreation;
  private final boolean denyNilPartitionKey;
  private final ValueEncoder valueEncoder;
  private final boolean verifyOnStart;
  private final Duration startTimeout;
  private final CircuitBreakerConfig circuitBreaker;
  private final Map<String, String> kafkaProperties;
  private final DynamicConfig initialDynamicConfig;
  private final SpoolConfig spool;

  private PublisherConfig(Builder b) {
    this.brokers = List.copyOf(b.brokers);
    this.clientId = b.clientId;
    this.tls = b.tls;
    this.sasl = b.sasl;
    this.maxBufferedRecords = b.maxBufferedRecords;
    this.maxBufferedBytes = b.maxBufferedBytes;
    // Every "no timeout" spelling (zero, negative) is one value, so equal meanings are equal.
    this.requestTimeout = b.requestTimeout.isNegative() ? Duration.ZERO : b.requestTimeout;
    this.recordDeliveryTimeout = b.recordDeliveryTimeout;
    this.cleanupTimeout = b.cleanupTimeout;
    this.maxRetries = b.maxRetries;
    this.retryBackoff = b.retryBackoff;
    this.retryBackoffMax = b.retryBackoffMax;
    this.allowAutoTopicCreation = b.allowAutoTopicCreation;
    this.denyNilPartitionKey = b.denyNilPartitionKey;
    this.valueEncoder = b.valueEncoder;
    this.verifyOnStart = b.verifyOnStart;
    this.startTimeout = b.startTimeout;
    this.circuitBreaker = b.circuitBreaker;
    this.kafkaProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.kafkaProperties));
    this.initialDynamicConfig = b.initialDynamicConfig;
    this.spool = b.spool;
  }

  /** A new builder with the defaults above and no brokers or dynamic config (both required). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.brokers = new ArrayList<>(brokers);
    b.clientId = clientId;
    b.tls = tls;
    b.sasl = sasl;
    b.maxBufferedRecords = maxBufferedRecords;
    b.maxBufferedBytes = maxBufferedBytes;
    b.requestTimeout = requestTimeout;
    b.recordDeliveryTimeout = recordDeliveryTimeout;
    b.cleanupTimeout = cleanupTimeout;
    b.maxRetries = maxRetries;
    b.retryBackoff = retryBackoff;
    b.retryBackoffMax = retryBackoffMax;
    b.allowAutoTopicCreation = allowAutoTopicCreation;
    b.denyNilPartitionKey = denyNilPartitionKey;
    b.valueEncoder = valueEncoder;
    b.verifyOnStart = verifyOnStart;
    b.startTimeout = startTimeout;
    b.circuitBreaker = circuitBreaker;
    b.kafkaProperties = new LinkedHashMap<>(kafkaProperties);
    b.initialDynamicConfig = initialDynamicConfig;
    b.spool = spool;
    return b;
  }

  /** The bootstrap brokers, each {@code host:port}; never empty. */
  public List<String> brokers() {
    return brokers;
  }

  /** The Kafka client id. */
  public String clientId() {
    return clientId;
  }

  /** TLS settings, if configured. */
  public Optional<TlsConfig> tls() {
    return Optional.ofNullable(tls);
  }

  /** SASL settings, if configured. */
  public Optional<SaslConfig> sasl() {
    return Optional.ofNullable(sasl);
  }

  /**
   * The most records the publisher holds unacknowledged at once; 0 or less means no record limit
   * of its own ({@link #maxBufferedBytes()} still holds), as the Go implementation's "buffering
   * disabled".
   */
  public int maxBufferedRecords() {
    return maxBufferedRecords;
  }

  /** The most encoded bytes the publisher holds unacknowledged at once; always positive. */
  public long maxBufferedBytes() {
    return maxBufferedBytes;
  }

  /**
   * How long to wait for a broker's answer to one request; {@link Duration#ZERO} means no timeout
   * of its own: a request may then take as long as its record may ({@code request.timeout.ms} =
   * {@code recordDeliveryTimeout} − {@code linger}, at most {@link Integer#MAX_VALUE} ms).
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How long a record may take, retries included, before it fails. */
  public Duration recordDeliveryTimeout() {
    return recordDeliveryTimeout;
  }

  /** How long {@code stop} waits for buffered records before closing. */
  public Duration cleanupTimeout() {
    return cleanupTimeout;
  }

  /**
   * How many times a failed send is retried within {@link #recordDeliveryTimeout()}: {@value
   * #NO_RETRIES} none, {@value #UNLIMITED_RETRIES} until the delivery timeout, more than 0 that
   * many (the Go implementation's meanings).
   */
  public int maxRetries() {
    return maxRetries;
  }

  /** The wait before the first retry of a failed send ({@code retry.backoff.ms}). */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** The longest wait between retries; the wait doubles up to it ({@code retry.backoff.max.ms}). */
  public Duration retryBackoffMax() {
    return retryBackoffMax;
  }

  /** Whether the client may ask the broker to create a missing topic. */
  public boolean allowAutoTopicCreation() {
    return allowAutoTopicCreation;
  }

  /** Whether a message without a partition key fails ({@code validation_error}). */
  public boolean denyNilPartitionKey() {
    return denyNilPartitionKey;
  }

  /** How a message becomes its record value; {@link ValueEncoder#msgpack()} unless set. */
  public ValueEncoder valueEncoder() {
    return valueEncoder;
  }

  /**
   * Whether {@code start()} checks, within {@link #startTimeout()}, that a broker answers and
   * accepts the credentials, and fails if not. False starts without waiting for the brokers.
   */
  public boolean verifyOnStart() {
    return verifyOnStart;
  }

  /** How long {@code start()} waits for a broker to answer when {@link #verifyOnStart()}. */
  public Duration startTimeout() {
    return startTimeout;
  }

  /** The circuit breaker's settings ({@link CircuitBreakerConfig#disabled()} for none). */
  public CircuitBreakerConfig circuitBreaker() {
    return circuitBreaker;
  }

  /**
   * Extra Kafka producer properties, applied as given, in order. An escape hatch: values may be
   * secrets and are masked in {@link #toString()}.
   */
  public Map<String, String> kafkaProperties() {
    return kafkaProperties;
  }

  /**
   * The Kafka client properties for reaching and logging in to this publisher's cluster, for any
   * other client of it (an admin client, a consumer): {@code bootstrap.servers}, {@code
   * client.id}, {@code security.protocol} and the {@code ssl.*} and {@code sasl.*} settings of
   * {@link #tls()} and {@link #sasl()}, as the publisher's producer uses them, then the entries of
   * {@link #kafkaProperties()} whose keys are {@code bootstrap.servers}, {@code
   * security.protocol}, {@code ssl.*} or {@code sasl.*}. Set your own {@code client.id} for a
   * client that should be told apart from the producer.
   *
   * <p>Returns a new unmodifiable map of string values on each call. It holds secrets (the SASL
   * password in {@code sasl.jaas.config}, a TLS private key): pass it to a Kafka client, never
   * to a log. Reads the TLS PEM files each call. With {@code tls.insecureSkipVerify} it adds, once
   * per JVM, a security provider offering only the trust-everything algorithm it names in {@code
   * ssl.trustmanager.algorithm}. Thread-safe.
   *
   * @throws java.io.UncheckedIOException if a TLS certificate or key file cannot be read
   */
  public Map<String, Object> clientProperties() {
    return ClientProperties.of(this);
  }

  /** The dynamic settings the publisher starts with. */
  public DynamicConfig initialDynamicConfig() {
    return initialDynamicConfig;
  }

  /** The durable local spool's settings; empty when the spool is off (the default). */
  public Optional<SpoolConfig> spool() {
    return Optional.ofNullable(spool);
  }

  /**
   * Checks that {@code dynamic} can run under these static settings: Kafka requires {@code
   * delivery.timeout.ms >= linger.ms + request.timeout.ms}. {@link Builder#build()} checks the
   * initial dynamic config this way; a publisher checks each replacement.
   *
   * @throws ConfigException naming {@code recordDeliveryTimeout} and the three durations
   */
  public void checkDynamicConfig(DynamicConfig dynamic) {
    checkDeliveryTimeout(recordDeliveryTimeout, requestTimeout, dynamic.linger());
  }

  private static void checkDeliveryTimeout(Duration delivery, Duration request, Duration linger) {
    if (request.isZero()) {
      // No request timeout of its own: the request gets what the delivery timeout leaves.
      if (delivery.compareTo(linger) <= 0) {
        throw new ConfigException("recordDeliveryTimeout: " + delivery.toMillis()
            + "ms leaves no time for a request after linger " + linger.toMillis()
            + "ms (requestTimeout is unlimited, so a request may take recordDeliveryTimeout"
            + " - linger; make recordDeliveryTimeout longer than linger)");
      }
      return;
    }
    if (delivery.compareTo(request.plus(linger)) < 0) {
      throw new ConfigException("recordDeliveryTimeout: " + delivery.toMillis()
          + "ms is less than linger " + linger.toMillis() + "ms + requestTimeout "
          + request.toMillis() + "ms (Kafka requires delivery.timeout.ms >= linger.ms"
          + " + request.timeout.ms)");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublisherConfig c
        && brokers.equals(c.brokers)
        && clientId.equals(c.clientId)
        && Objects.equals(tls, c.tls)
        && Objects.equals(sasl, c.sasl)
        && maxBufferedRecords == c.maxBufferedRecords
        && maxBufferedBytes == c.maxBufferedBytes
        && requestTimeout.equals(c.requestTimeout)
        && recordDeliveryTimeout.equals(c.recordDeliveryTimeout)
        && cleanupTimeout.equals(c.cleanupTimeout)
        && maxRetries == c.maxRetries
        && retryBackoff.equals(c.retryBackoff)
        && retryBackoffMax.equals(c.retryBackoffMax)
        && allowAutoTopicCreation == c.allowAutoTopicCreation
        && denyNilPartitionKey == c.denyNilPartitionKey
        && valueEncoder.equals(c.valueEncoder)
        && verifyOnStart == c.verifyOnStart
        && startTimeout.equals(c.startTimeout)
        && circuitBreaker.equals(c.circuitBreaker)
        && kafkaProperties.equals(c.kafkaProperties)
        && initialDynamicConfig.equals(c.initialDynamicConfig)
        && Objects.equals(spool, c.spool);
  }

  @Override
  public int hashCode() {
    return Objects.hash(brokers, clientId, tls, sasl, maxBufferedRecords, maxBufferedBytes,
        requestTimeout, recordDeliveryTimeout, cleanupTimeout, maxRetries, retryBackoff,
        retryBackoffMax,
        allowAutoTopicCreation, denyNilPartitionKey, valueEncoder, verifyOnStart, startTimeout,
        circuitBreaker, kafkaProperties, initialDynamicConfig, spool);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    kafkaProperties.forEach((key, value) -> shown.put(key, looksSecret(key) ? "***" : value));
    return "PublisherConfig{brokers=" + brokers + ", clientId=" + clientId
        + ", tls=" + tls + ", sasl=" + sasl
        + ", maxBufferedRecords=" + maxBufferedRecords + ", maxBufferedBytes=" + maxBufferedBytes
        + ", requestTimeout=" + requestTimeout + ", recordDeliveryTimeout="
        + recordDeliveryTimeout + ", cleanupTimeout=" + cleanupTimeout
        + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff
        + ", retryBackoffMax=" + retryBackoffMax + ", allowAutoTopicCreation=" + allowAutoTopicCreation
        + ", denyNilPartitionKey=" + denyNilPartitionKey + ", valueEncoder=" + valueEncoder
        + ", verifyOnStart=" + verifyOnStart + ", startTimeout=" + startTimeout
        + ", circuitBreaker=" + circuitBreaker
        + ", kafkaProperties=" + shown
        + ", initialDynamicConfig=" + initialDynamicConfig + ", spool=" + spool + '}';
  }

  private static boolean looksSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_PROPERTY_WORDS.stream().anyMatch(lower::contains);
  }

  /** Collects the static settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private List<String> brokers = new ArrayList<>();
    private String clientId = DEFAULT_CLIENT_ID;
    private TlsConfig tls;
    private SaslConfig sasl;
    private int maxBufferedRecords = DEFAULT_MAX_BUFFERED_RECORDS;
    private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration recordDeliveryTimeout = DEFAULT_RECORD_DELIVERY_TIMEOUT;
    private Duration cleanupTimeout = DEFAULT_CLEANUP_TIMEOUT;
    private int maxRetries = UNLIMITED_RETRIES;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    private Duration retryBackoffMax = DEFAULT_RETRY_BACKOFF_MAX;
    private boolean allowAutoTopicCreation;
    private boolean denyNilPartitionKey;
    private ValueEncoder valueEncoder = ValueEncoder.msgpack();
    private boolean verifyOnStart = true;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.defaults();
    private Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private DynamicConfig initialDynamicConfig;
    private SpoolConfig spool;

    private Builder() {}

    /** The bootstrap brokers, each {@code host:port} ({@code [::1]:9092} for IPv6). Required. */
    public Builder brokers(List<String> brokers) {
      Objects.requireNonNull(brokers, "brokers");
      this.brokers = new ArrayList<>(brokers);
      return this;
    }

    /** The bootstrap brokers, each {@code host:port}. Required. */
    public Builder brokers(String... brokers) {
      return brokers(Arrays.asList(brokers));
    }

    /** The Kafka client id; default {@code wrpkafka}. */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /** TLS to the brokers; none by default. */
    public Builder tls(TlsConfig tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** SASL authentication; none by default. */
    public Builder sasl(SaslConfig sasl) {
      this.sasl = Objects.requireNonNull(sasl, "sasl");
      return this;
    }

    /**
     * The most records held unacknowledged; default 10000; 0 or less: no record limit of the
     * publisher's own (the byte limit still holds, and {@code bufferState().maxRecords()} is 0).
     */
    public Builder maxBufferedRecords(int maxBufferedRecords) {
      this.maxBufferedRecords = maxBufferedRecords;
      return this;
    }

    /** The most encoded bytes held unacknowledged; default 64 MiB; must be positive. */
    public Builder maxBufferedBytes(long maxBufferedBytes) {
      this.maxBufferedBytes = maxBufferedBytes;
      return this;
    }

    /**
     * The broker request timeout; default 30 s; zero or negative: no timeout of its own (a
     * request may take what {@code recordDeliveryTimeout} leaves after {@code linger}).
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * The time a record may take, retries included; default 2 min; at least {@code linger +
     * requestTimeout}.
     */
    public Builder recordDeliveryTimeout(Duration recordDeliveryTimeout) {
      this.recordDeliveryTimeout =
          Objects.requireNonNull(recordDeliveryTimeout, "recordDeliveryTimeout");
      return this;
    }

    /** How long {@code stop} waits for buffered records; default 10 s; zero waits not at all. */
    public Builder cleanupTimeout(Duration cleanupTimeout) {
      this.cleanupTimeout = Objects.requireNonNull(cleanupTimeout, "cleanupTimeout");
      return this;
    }

    /**
     * Retries of a failed send, with the Go implementation's meanings: {@value
     * #UNLIMITED_RETRIES} (the default) retries until {@code recordDeliveryTimeout}; {@value
     * #NO_RETRIES} disables retries (and with them the idempotent producer); more than 0 retries
     * that many times, still within {@code recordDeliveryTimeout}. {@link #build()} rejects
     * anything below -1.
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** The wait before the first retry of a failed send; default 100 ms. */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
      return this;
    }

    /** The longest wait between retries (the wait doubles up to it); default 5 s. */
    public Builder retryBackoffMax(Duration retryBackoffMax) {
      this.retryBackoffMax = Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
      return this;
    }

    /** Let the client ask brokers to create missing topics; default false (typos stay typos). */
    public Builder allowAutoTopicCreation(boolean allowAutoTopicCreation) {
      this.allowAutoTopicCreation = allowAutoTopicCreation;
      return this;
    }

    /** Fail messages that have no partition key; default false (Kafka spreads them). */
    public Builder denyNilPartitionKey(boolean denyNilPartitionKey) {
      this.denyNilPartitionKey = denyNilPartitionKey;
      return this;
    }

    /**
     * How a message becomes its Kafka record value: {@link ValueEncoder#msgpack()} (default),
     * {@link ValueEncoder#json()} or an encoding of your own. Records carry no content-type
     * header unless the dynamic {@code headers} add one.
     */
    public Builder valueEncoder(ValueEncoder valueEncoder) {
      this.valueEncoder = Objects.requireNonNull(valueEncoder, "valueEncoder");
      return this;
    }

    /**
     * Whether {@code start()} checks that a broker answers and accepts the credentials; default
     * true. False keeps a lazy start: records wait in the buffer until a broker is reachable.
     */
    public Builder verifyOnStart(boolean verifyOnStart) {
      this.verifyOnStart = verifyOnStart;
      return this;
    }

    /** How long {@code start()} waits for a broker to answer; default 30 s; must be positive. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    /**
     * The circuit breaker; default {@link CircuitBreakerConfig#defaults()} (on: opens after 10 s
     * without a reachable broker, probes every 2 s); {@link CircuitBreakerConfig#disabled()} for
     * none.
     */
    public Builder circuitBreaker(CircuitBreakerConfig circuitBreaker) {
      this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
      return this;
    }

    /** Extra Kafka producer properties, applied as given after the publisher's own. */
    public Builder kafkaProperties(Map<String, String> kafkaProperties) {
      Objects.requireNonNull(kafkaProperties, "kafkaProperties");
      this.kafkaProperties = new LinkedHashMap<>(kafkaProperties);
      return this;
    }

    /** The dynamic settings to start with. Required. */
    public Builder initialDynamicConfig(DynamicConfig initialDynamicConfig) {
      this.initialDynamicConfig =
          Objects.requireNonNull(initialDynamicConfig, "initialDynamicConfig");
      return this;
    }

    /**
     * The durable local spool; null (the default) keeps records in memory only. See {@link
     * SpoolConfig}.
     */
    public Builder spool(SpoolConfig spool) {
      this.spool = spool;
      return this;
    }

    /**
     * Checks the settings and returns them. Has no side effects: it neither resolves host names
     * nor reads TLS files.
     *
     * @throws ConfigException naming the field (e.g. {@code brokers[1]: …}) and the problem
     */
    public PublisherConfig build() {
      if (brokers.isEmpty()) {
        throw new ConfigException("brokers: at least one host:port is required");
      }
      for (int i = 0; i < brokers.size(); i++) {
        checkBroker(i, brokers.get(i));
      }
      if (clientId.isBlank()) {
        throw new ConfigException("clientId: must not be blank");
      }
      if (maxBufferedBytes <= 0) {
        throw new ConfigException(
            "maxBufferedBytes: must be positive (got " + maxBufferedBytes + ")");
      }
      if (requestTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new ConfigException("requestTimeout: at most " + Integer.MAX_VALUE
            + "ms, Kafka's limit (got " + requestTimeout + "; zero means no timeout)");
      }
      checkPositiveMillis("recordDeliveryTimeout", recordDeliveryTimeout);
      if (cleanupTimeout.isNegative()) {
        throw new ConfigException("cleanupTimeout: must not be negative (got " + cleanupTimeout
            + ")");
      }
      if (maxRetries < NO_RETRIES) {
        throw new ConfigException("maxRetries: " + maxRetries + " is not allowed (expected -1 for"
            + " no retries, 0 for unlimited, or a positive count)");
      }
      checkPositiveMillis("retryBackoff", retryBackoff);
      checkPositiveMillis("startTimeout", startTimeout);
      checkPositiveMillis("retryBackoffMax", retryBackoffMax);
      if (retryBackoffMax.compareTo(retryBackoff) < 0) {
        throw new ConfigException("retryBackoffMax: " + retryBackoffMax.toMillis()
            + "ms is less than retryBackoff " + retryBackoff.toMillis() + "ms");
      }
      for (Map.Entry<String, String> property : kafkaProperties.entrySet()) {
        if (property.getKey() == null || property.getKey().isBlank()) {
          throw new ConfigException("kafkaProperties: key must not be blank");
        }
        if (property.getValue() == null) {
          throw new ConfigException(
              "kafkaProperties[\"" + property.getKey() + "\"]: value must not be null");
        }
      }
      if (initialDynamicConfig == null) {
        throw new ConfigException(
            "initialDynamicConfig: required (the publisher cannot route without a topic map)");
      }
      checkDeliveryTimeout(recordDeliveryTimeout, requestTimeout, initialDynamicConfig.linger());
      return new PublisherConfig(this);
    }

    private static void checkPositiveMillis(String field, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new ConfigException(field + ": must be positive (got " + value + ")");
      }
      if (value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new ConfigException(field + ": at most " + Integer.MAX_VALUE
            + "ms, Kafka's limit (got " + value + ")");
      }
    }

    private static void checkBroker(int index, String broker) {
      String field = "brokers[" + index + "]";
      if (broker == null || broker.isBlank()) {
        throw new ConfigException(field + ": must not be blank");
      }
      for (int i = 0; i < broker.length(); i++) {
        if (Character.isWhitespace(broker.charAt(i))) {
          throw new ConfigException(field + ": \"" + broker + "\" must not contain blanks");
        }
      }
      int colon = broker.lastIndexOf(':');
      if (colon <= 0 || colon == broker.length() - 1) {
        throw new ConfigException(field + ": \"" + broker + "\" is not host:port");
      }
      String host = broker.substring(0, colon);
      if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))) {
        throw new ConfigException(field + ": \"" + broker
            + "\" is not host:port (write an IPv6 address in brackets: [::1]:9092)");
      }
      String port = broker.substring(colon + 1);
      int number = -1;
      if (port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        number = Integer.parseInt(port);
      }
      if (number < 1 || number > 65_535) {
        throw new ConfigException(
            field + ": \"" + broker + "\" has port \"" + port + "\" (expected 1 to 65535)");
      }
    }
  }
}
