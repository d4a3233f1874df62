package io.wrpkafka.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code wrpkafka.*} properties: the keys of the {@code kafka:} section of the wrpkafka YAML
 * file (flat form), with the same meanings, in Spring's spelling ({@code
 * wrpkafka.max-buffered-records} or {@code wrpkafka.maxBufferedRecords}). Durations and sizes
 * take Spring's forms ({@code 10s}, {@code PT1M30S}, {@code 500ms}; {@code 64MB}, where Spring's
 * {@code MB} is 1024 × 1024 bytes); a duration without a unit is rejected, as in the YAML file.
 *
 * <p>A property left unset keeps the wrpkafka default given in its description. The rules
 * (a route has {@code topic} or {@code topics} with {@code shard-by}, timeouts fit together, …)
 * are checked by the wrpkafka config module when the publisher is created, and every problem is
 * reported by its property name. Mutable, as Spring binding needs; not thread-safe, read once at
 * startup.
 */
@ConfigurationProperties(prefix = WrpKafkaProperties.PREFIX)
public class WrpKafkaProperties {
  /** The prefix of every property: {@value}. */
  public static final String PREFIX = "wrpkafka";

  /**
   * Whether to publish to Kafka. False gives Publisher.disabled(): it accepts every message and
   * publishes nothing, and no other property is required.
   */
  private boolean enabled = true;

  /** Bootstrap brokers, host:port, as a list or comma-separated. Required when enabled. */
  private List<String> brokers = new ArrayList<>();

  /** Kafka client.id. Default wrpkafka. */
  private String clientId;

  /** TLS to the brokers. Setting any key turns TLS on unless tls.enabled is false. */
  private Tls tls;

  /** SASL authentication. Setting any key turns SASL on unless sasl.enabled is false. */
  private Sasl sasl;

  /**
   * Records held unacknowledged. 0 or less: no record limit (the byte limit still holds).
   * Default 10000.
   */
  private Integer maxBufferedRecords;

  /** Encoded bytes held unacknowledged; more than 0. Default 64MB (64 × 1024 × 1024 bytes). */
  private DataSize maxBufferedBytes;

  /**
   * Retries of a failed send, as in the Go library: -1 none, 0 unlimited, n at most n; the
   * record delivery timeout bounds retrying either way. Default 0.
   */
  private Integer maxRetries;

  /** Kafka retry.backoff.ms: the wait before the first retry; more than 0. Default 100ms. */
  private Duration retryBackoff;

  /**
   * Kafka retry.backoff.max.ms: each retry waits twice as long as the one before, up to this; at
   * least retry-backoff. Default 5s.
   */
  private Duration retryBackoffMax;

  /**
   * Kafka request.timeout.ms; 0 or negative: no timeout of its own (a request may take what the
   * record delivery timeout leaves after linger). Default 30s.
   */
  private Duration requestTimeout;

  /**
   * Kafka delivery.timeout.ms; at least linger + request-timeout (without a request timeout:
   * more than linger). Default 2m.
   */
  private Duration recordDeliveryTimeout;

  /**
   * How long stopping waits for buffered records; the application context's shutdown waits at
   * most this long for the publisher. Default 10s.
   */
  private Duration cleanupTimeout;

  /** Let brokers create missing topics. Default false. */
  private Boolean allowAutoTopicCreation;

  /** Fail messages that have no partition key. Default false. */
  private Boolean denyNilPartitionKey;

  /** The Kafka record value: msgpack (wrp-go's msgpack, the default) or json (wrp-go's JSON). */
  private String valueFormat;

  /**
   * Starting checks that a broker answers and accepts the TLS handshake and credentials, and
   * fails the application's startup with one line naming the brokers and the cause otherwise;
   * false starts without the brokers (records wait in the buffer). Default true.
   */
  private Boolean verifyOnStart;

  /** How long starting waits for a broker to answer; more than 0. Default 30s. */
  private Duration startTimeout;

  /**
   * The circuit breaker: once no broker has been reachable for open-after, produce calls stop
   * waiting (QoS 75-99 fails and QoS 0-24 is dropped at once, with circuit_open) and health is
   * DOWN, until a probe is answered. Unset: on, with the defaults.
   */
  private CircuitBreaker circuitBreaker;

  /**
   * The durable local spool: records of QoS min-qos and above are written to disk before produce
   * answers and sent again after an outage of any length, or after a restart. Setting any of its
   * keys turns it on (directory is then required); unset: records wait in memory only.
   */
  private Spool spool;

  /**
   * Extra Kafka producer properties, applied as given, e.g. kafka-properties.linger.ms. Values
   * are never echoed in messages.
   */
  private Map<String, String> kafkaProperties = new LinkedHashMap<>();

  /** The routes, tried in order: event type pattern to topic. Required, at least one. */
  private List<Route> topicMap = new ArrayList<>();

  /**
   * Record headers: name to values, in order; a value wrp.Field reads the message (wrp.Source,
   * wrp.DeviceID, wrp.Metadata.key, ...), any other value is a literal.
   */
  private Map<String, List<String>> headers = new LinkedHashMap<>();

  /** Batch compression: none (default), gzip, snappy, lz4 or zstd. */
  private String compressionCodec;

  /** Kafka linger.ms. Default 5ms. */
  private Duration linger;

  /** Kafka batch.size; 0 disables batching. Default 16384 bytes. */
  private DataSize batchMaxBytes;

  /** Acknowledgement level: all or -1 (default), leader or 1, none or 0. */
  private String acks;

  /** Which routes a message takes: first (the first matching route, default) or all. */
  private String routing;

  /**
   * The dead-letter topic for records that failed for good. Setting any of its keys turns it on;
   * unset: failed records are reported, not kept.
   */
  private DeadLetter deadLetter;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public List<String> getBrokers() {
    return brokers;
  }

  public void setBrokers(List<String> brokers) {
    this.brokers = brokers;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public Tls getTls() {
    return tls;
  }

  public void setTls(Tls tls) {
    this.tls = tls;
  }

  public Sasl getSasl() {
    return sasl;
  }

  public void setSasl(Sasl sasl) {
    this.sasl = sasl;
  }

  public Integer getMaxBufferedRecords() {
    return maxBufferedRecords;
  }

  public void setMaxBufferedRecords(Integer maxBufferedRecords) {
    this.maxBufferedRecords = maxBufferedRecords;
  }

  public DataSize getMaxBufferedBytes() {
    return maxBufferedBytes;
  }

  public void setMaxBufferedBytes(DataSize maxBufferedBytes) {
    this.maxBufferedBytes = maxBufferedBytes;
  }

  public Integer getMaxRetries() {
    return maxRetries;
  }

  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  public Duration getRetryBackoff() {
    return retryBackoff;
  }

  public void setRetryBackoff(Duration retryBackoff) {
    this.retryBackoff = retryBackoff;
  }

  public Duration getRetryBackoffMax() {
    return retryBackoffMax;
  }

  public void setRetryBackoffMax(Duration retryBackoffMax) {
    this.retryBackoffMax = retryBackoffMax;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public Duration getRecordDeliveryTimeout() {
    return recordDeliveryTimeout;
  }

  public void setRecordDeliveryTimeout(Duration recordDeliveryTimeout) {
    this.recordDeliveryTimeout = recordDeliveryTimeout;
  }

  public Duration getCleanupTimeout() {
    return cleanupTimeout;
  }

  public void setCleanupTimeout(Duration cleanupTimeout) {
    this.cleanupTimeout = cleanupTimeout;
  }

  public Boolean getAllowAutoTopicCreation() {
    return allowAutoTopicCreation;
  }

  public void setAllowAutoTopicCreation(Boolean allowAutoTopicCreation) {
    this.allowAutoTopicCreation = allowAutoTopicCreation;
  }

  public Boolean getDenyNilPartitionKey() {
    return denyNilPartitionKey;
  }

  public void setDenyNilPartitionKey(Boolean denyNilPartitionKey) {
    this.denyNilPartitionKey = denyNilPartitionKey;
  }

  public String getValueFormat() {
    return valueFormat;
  }

  public void setValueFormat(String valueFormat) {
    this.valueFormat = valueFormat;
  }

  public Boolean getVerifyOnStart() {
    return verifyOnStart;
  }

  public void setVerifyOnStart(Boolean verifyOnStart) {
    this.verifyOnStart = verifyOnStart;
  }

  public Duration getStartTimeout() {
    return startTimeout;
  }

  public void setStartTimeout(Duration startTimeout) {
    this.startTimeout = startTimeout;
  }

  public CircuitBreaker getCircuitBreaker() {
    return circuitBreaker;
  }

  public void setCircuitBreaker(CircuitBreaker circuitBreaker) {
    this.circuitBreaker = circuitBreaker;
  }

  public Spool getSpool() {
    return spool;
  }

  public void setSpool(Spool spool) {
    this.spool = spool;
  }

  public Map<String, String> getKafkaProperties() {
    return kafkaProperties;
  }

  public void setKafkaProperties(Map<String, String> kafkaProperties) {
    this.kafkaProperties = kafkaProperties;
  }

  public List<Route> getTopicMap() {
    return topicMap;
  }

  public void setTopicMap(List<Route> topicMap) {
    this.topicMap = topicMap;
  }

  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  public void setHeaders(Map<String, List<String>> headers) {
    this.headers = headers;
  }

  public String getCompressionCodec() {
    return compressionCodec;
  }

  public void setCompressionCodec(String compressionCodec) {
    this.compressionCodec = compressionCodec;
  }

  public Duration getLinger() {
    return linger;
  }

  public void setLinger(Duration linger) {
    this.linger = linger;
  }

  public DataSize getBatchMaxBytes() {
    return batchMaxBytes;
  }

  public void setBatchMaxBytes(DataSize batchMaxBytes) {
    this.batchMaxBytes = batchMaxBytes;
  }

  public String getAcks() {
    return acks;
  }

  public void setAcks(String acks) {
    this.acks = acks;
  }

  public String getRouting() {
    return routing;
  }

  public void setRouting(String routing) {
    this.routing = routing;
  }

  public DeadLetter getDeadLetter() {
    return deadLetter;
  }

  public void setDeadLetter(DeadLetter deadLetter) {
    this.deadLetter = deadLetter;
  }

  /** {@code wrpkafka.tls.*}: TLS to the brokers. */
  public static class Tls {
    /** False keeps the settings but connects in plaintext. Default true. */
    private Boolean enabled;

    /** Skip certificate and host name checks (tests only). Default false. */
    private Boolean insecureSkipVerify;

    /** Client certificate chain (PEM file); with key-file, or neither. */
    private String certFile;

    /** Client private key (PEM file); with cert-file, or neither. */
    private String keyFile;

    /** The password of an encrypted PKCS#8 key-file; never printed. Unset: the key is not encrypted. */
    private String keyPassword;

    /** CA certificates (PEM file). Default: the JVM trust store. */
    private String caFile;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Boolean getInsecureSkipVerify() {
      return insecureSkipVerify;
    }

    public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
      this.insecureSkipVerify = insecureSkipVerify;
    }

    public String getCertFile() {
      return certFile;
    }

    public void setCertFile(String certFile) {
      this.certFile = certFile;
    }

    public String getKeyFile() {
      return keyFile;
    }

    public void setKeyFile(String keyFile) {
      this.keyFile = keyFile;
    }

    public String getKeyPassword() {
      return keyPassword;
    }

    public void setKeyPassword(String keyPassword) {
      this.keyPassword = keyPassword;
    }

    public String getCaFile() {
      return caFile;
    }

    public void setCaFile(String caFile) {
      this.caFile = caFile;
    }

    @Override
    public String toString() {
      return "Tls{enabled=" + enabled + ", insecureSkipVerify=" + insecureSkipVerify
          + ", certFile=" + certFile + ", keyFile=" + keyFile + ", keyPassword="
          + (keyPassword == null ? "null" : "***") + ", caFile=" + caFile + '}';
    }
  }

  /** {@code wrpkafka.sasl.*}: SASL authentication. The password is never printed. */
  public static class Sasl {
    /** False drops SASL (the other keys are not checked). Default true. */
    private Boolean enabled;

    /** PLAIN (default), SCRAM-SHA-256 or SCRAM-SHA-512. */
    private String mechanism;

    /** User name. Required. */
    private String username;

    /** Password. Required; never printed. */
    private String password;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getMechanism() {
      return mechanism;
    }

    public void setMechanism(String mechanism) {
      this.mechanism = mechanism;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
      return "Sasl{enabled=" + enabled + ", mechanism=" + mechanism + ", username=" + username
          + ", password=" + (password == null ? "null" : "***") + '}';
    }
  }

  /** {@code wrpkafka.circuit-breaker.*}: failing fast while no broker is reachable. */
  public static class CircuitBreaker {
    /** False: no breaker and no probe; callers wait as their QoS says. Default true. */
    private Boolean enabled;

    /** How long no broker must be reachable before the circuit opens; more than 0. Default 10s. */
    private Duration openAfter;

    /**
     * The time between probes of the cluster while it seems unreachable; at least 10ms. Default
     * 2s.
     */
    private Duration probeInterval;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getOpenAfter() {
      return openAfter;
    }

    public void setOpenAfter(Duration openAfter) {
      this.openAfter = openAfter;
    }

    public Duration getProbeInterval() {
      return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
      this.probeInterval = probeInterval;
    }
  }

  /** {@code wrpkafka.spool.*}: the durable local spool. */
  public static class Spool {
    /** The directory of the spool's files; required when the spool is on. */
    private String directory;

    /** The most disk the spool may use; when full, records follow the in-memory rules. Default 10GB. */
    private DataSize maxBytes;

    /** The lowest QoS that is spooled, 0 to 99. Default 25. */
    private Integer minQos;

    /** When written entries reach the disk: never (the OS decides), interval (default) or always. */
    private String fsync;

    /** With fsync interval: the time between syncs; more than 0. Default 100ms. */
    private Duration fsyncInterval;

    public String getDirectory() {
      return directory;
    }

    public void setDirectory(String directory) {
      this.directory = directory;
    }

    public DataSize getMaxBytes() {
      return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
      this.maxBytes = maxBytes;
    }

    public Integer getMinQos() {
      return minQos;
    }

    public void setMinQos(Integer minQos) {
      this.minQos = minQos;
    }

    public String getFsync() {
      return fsync;
    }

    public void setFsync(String fsync) {
      this.fsync = fsync;
    }

    public Duration getFsyncInterval() {
      return fsyncInterval;
    }

    public void setFsyncInterval(Duration fsyncInterval) {
      this.fsyncInterval = fsyncInterval;
    }
  }

  /** One route of {@code wrpkafka.topic-map[n]}. */
  public static class Route {
    /** Event type pattern: *, device-status, qos-*, *-online, a-*-b; \* is a literal star. */
    private String pattern;

    /** The one target topic; excludes topics. */
    private String topic;

    /** Sharded target topics; requires shard-by. */
    private List<String> topics;

    /** How one of topics is picked: roundrobin, deviceid or metadata:field. */
    private String shardBy;

    /** Ignore case when matching the pattern. Default false. */
    private Boolean caseInsensitive;

    /** Alias of case-insensitive (not both). */
    private Boolean ignoreCase;

    /** The Kafka record key: deviceid (default), source, metadata/field or none. */
    private String partitionKey;

    public String getPattern() {
      return pattern;
    }

    public void setPattern(String pattern) {
      this.pattern = pattern;
    }

    public String getTopic() {
      return topic;
    }

    public void setTopic(String topic) {
      this.topic = topic;
    }

    public List<String> getTopics() {
      return topics;
    }

    public void setTopics(List<String> topics) {
      this.topics = topics;
    }

    public String getShardBy() {
      return shardBy;
    }

    public void setShardBy(String shardBy) {
      this.shardBy = shardBy;
    }

    public Boolean getCaseInsensitive() {
      return caseInsensitive;
    }

    public void setCaseInsensitive(Boolean caseInsensitive) {
      this.caseInsensitive = caseInsensitive;
    }

    public Boolean getIgnoreCase() {
      return ignoreCase;
    }

    public void setIgnoreCase(Boolean ignoreCase) {
      this.ignoreCase = ignoreCase;
    }

    public String getPartitionKey() {
      return partitionKey;
    }

    public void setPartitionKey(String partitionKey) {
      this.partitionKey = partitionKey;
    }
  }

  /** {@code wrpkafka.dead-letter.*}: where records that failed for good are kept. */
  public static class DeadLetter {
    /** The dead-letter topic; must exist and must not be a route's topic. Default wrp-dead-letter. */
    private String topic;

    /** The lowest QoS (0-99) whose failed records are kept. Default 25. */
    private Integer minQos;

    /** Keep messages of QoS at least min-qos that match no route as well. Default false. */
    private Boolean unroutable;

    public String getTopic() {
      return topic;
    }

    public void setTopic(String topic) {
      this.topic = topic;
    }

    public Integer getMinQos() {
      return minQos;
    }

    public void setMinQos(Integer minQos) {
      this.minQos = minQos;
    }

    public Boolean getUnroutable() {
      return unroutable;
    }

    public void setUnroutable(Boolean unroutable) {
      this.unroutable = unroutable;
    }
  }
}
