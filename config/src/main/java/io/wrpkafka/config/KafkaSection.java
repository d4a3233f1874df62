package io.wrpkafka.config;

import io.wrpkafka.CircuitBreakerConfig;
import io.wrpkafka.ConfigException;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.SaslConfig;
import io.wrpkafka.SpoolConfig;
import io.wrpkafka.TlsConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.ValueEncoder;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/*
 * Reads the kafka: section. The dynamic part is either inline (the flat form) or under
 * initialDynamicConfig (the Talaria form); giving both is an error. The static settings are
 * checked by PublisherConfig.build() even when the dynamic part is broken or Kafka is disabled:
 * a placeholder topic map (and, when disabled, a placeholder broker) stands in, so every problem
 * in the file shows up in one run. The placeholder's zero linger cannot cause a delivery timeout
 * error of its own.
 *
 * Defaults follow the form, so that a file means what it meant where it came from: the flat form
 * (the Go library's fields) keeps PublisherConfig's defaults, which match the Go library's
 * meanings; the Talaria form takes Talaria's kafka defaults (TALARIA_DEFAULTS below). A setting
 * written in the file wins either way.
 */
final class KafkaSection {
  static final String ENABLED = "enabled";
  static final String BROKERS = "brokers";
  static final String CLIENT_ID = "clientId";
  static final String TLS = "tls";
  static final String SASL = "sasl";
  static final String MAX_BUFFERED_RECORDS = "maxBufferedRecords";
  static final String MAX_BUFFERED_BYTES = "maxBufferedBytes";
  static final String MAX_RETRIES = "maxRetries";
  static final String RETRY_BACKOFF = "retryBackoff";
  static final String RETRY_BACKOFF_MAX = "retryBackoffMax";
  static final String REQUEST_TIMEOUT = "requestTimeout";
  static final String RECORD_DELIVERY_TIMEOUT = "recordDeliveryTimeout";
  static final String CLEANUP_TIMEOUT = "cleanupTimeout";
  static final String ALLOW_AUTO_TOPIC_CREATION = "allowAutoTopicCreation";
  static final String DENY_NIL_PARTITION_KEY = "denyNilPartitionKey";
  static final String VALUE_FORMAT = "valueFormat";
  static final String VERIFY_ON_START = "verifyOnStart";
  static final String START_TIMEOUT = "startTimeout";
  static final String CIRCUIT_BREAKER = "circuitBreaker";
  static final String KAFKA_PROPERTIES = "kafkaProperties";
  static final String INITIAL_DYNAMIC_CONFIG = "initialDynamicConfig";
  static final String SPOOL = "spool";
  static final List<String> STATIC_KEYS = List.of(ENABLED, BROKERS, CLIENT_ID, TLS, SASL,
      MAX_BUFFERED_RECORDS, MAX_BUFFERED_BYTES, MAX_RETRIES, RETRY_BACKOFF, RETRY_BACKOFF_MAX,
      REQUEST_TIMEOUT,
      RECORD_DELIVERY_TIMEOUT, CLEANUP_TIMEOUT, ALLOW_AUTO_TOPIC_CREATION,
      DENY_NIL_PARTITION_KEY, VALUE_FORMAT, VERIFY_ON_START, START_TIMEOUT, CIRCUIT_BREAKER,
      KAFKA_PROPERTIES, INITIAL_DYNAMIC_CONFIG, SPOOL);
  static final List<String> KEYS = concat(STATIC_KEYS, DynamicSection.KEYS);
  static final List<String> TLS_KEYS =
      List.of("enabled", "insecureSkipVerify", "certFile", "keyFile", "keyPassword", "caFile");
  static final List<String> SASL_KEYS = List.of("enabled", "mechanism", "username", "password");
  static final List<String> CIRCUIT_BREAKER_KEYS = List.of("enabled", "openAfter", "probeInterval");
  static final List<String> SPOOL_KEYS =
      List.of("directory", "maxBytes", "minQos", "fsync", "fsyncInterval");

  private static final String PLACEHOLDER_BROKER = "localhost:9092";

  /** Talaria's defaults for its kafka section: off unless enabled, 100 MiB, 3 retries. */
  static final boolean TALARIA_ENABLED = false;
  static final int TALARIA_MAX_BUFFERED_RECORDS = 10_000;
  static final long TALARIA_MAX_BUFFERED_BYTES = 100L * 1024 * 1024;
  static final int TALARIA_MAX_RETRIES = 3;
  static final Duration TALARIA_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What the section says; {@code dynamicReader} locates warnings of the dynamic part; {@code
   * warnings} are the section's own (an unwritten {@code enabled} that the Talaria form turns
   * off).
   */
  record Result(boolean enabled, Optional<PublisherConfig> publisher,
      Optional<DynamicConfig> dynamic, MappingReader dynamicReader,
      List<ConfigProblem> warnings) {}

  private KafkaSection() {}

  static Result read(MappingReader r) {
    Problems problems = r.problems();
    boolean talaria = r.has(INITIAL_DYNAMIC_CONFIG);
    boolean enabled = r.bool(ENABLED).orElse(!talaria || TALARIA_ENABLED);
    List<ConfigProblem> warnings = new ArrayList<>();
    if (talaria && !r.has(ENABLED)) {
      Origin at = r.mapping().origin();
      warnings.add(new ConfigProblem(at.source(), at.line(), at.column(), r.pathOf(ENABLED),
          "not set; in the Talaria form (initialDynamicConfig) it defaults to false, so nothing"
              + " is published (write enabled: true to publish)"));
    }

    MappingReader dynamicReader = r;
    Optional<String> inlineKey = DynamicSection.KEYS.stream().filter(r::has).findFirst();
    if (r.has(INITIAL_DYNAMIC_CONFIG)) {
      if (inlineKey.isPresent()) {
        YamlNode.Entry inline = r.mapping().entry(inlineKey.get()).orElseThrow();
        problems.add(r.mapping().entry(INITIAL_DYNAMIC_CONFIG).orElseThrow().keyOrigin(),
            r.pathOf(INITIAL_DYNAMIC_CONFIG), "the dynamic settings are given twice: here and"
                + " inline (" + inline.key() + " at line " + inline.keyOrigin().line()
                + "); use one form");
        DynamicSection.KEYS.forEach(r::skip);
      }
      r.require(INITIAL_DYNAMIC_CONFIG, "the dynamic settings (topicMap, …)");
      dynamicReader = r.mapping(INITIAL_DYNAMIC_CONFIG, DynamicSection.KEYS).orElse(null);
    }
    Optional<DynamicConfig> dynamic = Optional.empty();
    if (dynamicReader != null) {
      dynamic = DynamicSection.read(dynamicReader);
      if (dynamicReader != r) {
        dynamicReader.finish();
      }
    }

    int before = problems.mark();
    Fields<PublisherConfig.Builder> f = new Fields<>();
    if (enabled) {
      r.require(BROKERS, "host:port of at least one broker, as a list or comma-separated");
    }
    brokers(r).ifPresent(f.set(BROKERS, PublisherConfig.Builder::brokers));
    r.string(CLIENT_ID).ifPresent(f.set(CLIENT_ID, PublisherConfig.Builder::clientId));
    r.integer(MAX_BUFFERED_RECORDS)
        .ifPresent(f.set(MAX_BUFFERED_RECORDS, PublisherConfig.Builder::maxBufferedRecords));
    r.size(MAX_BUFFERED_BYTES)
        .ifPresent(f.set(MAX_BUFFERED_BYTES, PublisherConfig.Builder::maxBufferedBytes));
    r.integer(MAX_RETRIES).ifPresent(f.set(MAX_RETRIES, PublisherConfig.Builder::maxRetries));
    r.duration(RETRY_BACKOFF)
        .ifPresent(f.set(RETRY_BACKOFF, PublisherConfig.Builder::retryBackoff));
    r.duration(RETRY_BACKOFF_MAX)
        .ifPresent(f.set(RETRY_BACKOFF_MAX, PublisherConfig.Builder::retryBackoffMax));
    r.duration(REQUEST_TIMEOUT)
        .ifPresent(f.set(REQUEST_TIMEOUT, PublisherConfig.Builder::requestTimeout));
    r.duration(RECORD_DELIVERY_TIMEOUT).ifPresent(
        f.set(RECORD_DELIVERY_TIMEOUT, PublisherConfig.Builder::recordDeliveryTimeout));
    r.duration(CLEANUP_TIMEOUT)
        .ifPresent(f.set(CLEANUP_TIMEOUT, PublisherConfig.Builder::cleanupTimeout));
    r.bool(ALLOW_AUTO_TOPIC_CREATION).ifPresent(
        f.set(ALLOW_AUTO_TOPIC_CREATION, PublisherConfig.Builder::allowAutoTopicCreation));
    r.bool(DENY_NIL_PARTITION_KEY)
        .ifPresent(f.set(DENY_NIL_PARTITION_KEY, PublisherConfig.Builder::denyNilPartitionKey));
    r.string(VALUE_FORMAT).flatMap(v -> valueFormat(r, v))
        .ifPresent(f.set(VALUE_FORMAT, PublisherConfig.Builder::valueEncoder));
    r.bool(VERIFY_ON_START)
        .ifPresent(f.set(VERIFY_ON_START, PublisherConfig.Builder::verifyOnStart));
    r.duration(START_TIMEOUT)
        .ifPresent(f.set(START_TIMEOUT, PublisherConfig.Builder::startTimeout));
    r.node(KAFKA_PROPERTIES).ifPresent(n -> kafkaProperties(r, n)
        .ifPresent(f.set(KAFKA_PROPERTIES, PublisherConfig.Builder::kafkaProperties)));
    r.mapping(TLS, TLS_KEYS)
        .ifPresent(tls -> tls(tls).ifPresent(f.set(TLS, PublisherConfig.Builder::tls)));
    r.mapping(SASL, SASL_KEYS)
        .ifPresent(sasl -> sasl(sasl).ifPresent(f.set(SASL, PublisherConfig.Builder::sasl)));
    r.mapping(CIRCUIT_BREAKER, CIRCUIT_BREAKER_KEYS).ifPresent(cb -> circuitBreaker(cb)
        .ifPresent(f.set(CIRCUIT_BREAKER, PublisherConfig.Builder::circuitBreaker)));
    r.mapping(SPOOL, SPOOL_KEYS)
        .ifPresent(spool -> spool(r, spool).ifPresent(f.set(SPOOL, PublisherConfig.Builder::spool)));
    r.finish();

    DynamicConfig initial = dynamic.orElseGet(KafkaSection::placeholderDynamic);
    Optional<PublisherConfig> publisher = r.build(before, f, () -> {
      PublisherConfig.Builder b = PublisherConfig.builder().brokers(PLACEHOLDER_BROKER)
          .initialDynamicConfig(initial);
      if (talaria) {
        b.maxBufferedRecords(TALARIA_MAX_BUFFERED_RECORDS)
            .maxBufferedBytes(TALARIA_MAX_BUFFERED_BYTES)
            .maxRetries(TALARIA_MAX_RETRIES)
            .requestTimeout(TALARIA_REQUEST_TIMEOUT);
      }
      return b;
    }, PublisherConfig.Builder::build, Map.of());
    if (!enabled || dynamic.isEmpty()) {
      publisher = Optional.empty();
    }
    return new Result(enabled, publisher, dynamic, dynamicReader, List.copyOf(warnings));
  }

  private static DynamicConfig placeholderDynamic() {
    return DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic("placeholder").build()))
        .linger(Duration.ZERO).build();
  }

  private static Optional<List<String>> brokers(MappingReader r) {
    Optional<YamlNode> node = r.node(BROKERS);
    if (node.isPresent() && node.get() instanceof YamlNode.Scalar s) {
      List<String> list = new ArrayList<>();
      for (String part : s.value().split(",", -1)) {
        if (!part.isBlank()) {
          list.add(part.strip());
        }
      }
      return Optional.of(list);
    }
    return r.strings(BROKERS, false, false);
  }

  /** {@code msgpack} or {@code json}, any case. */
  private static Optional<ValueEncoder> valueFormat(MappingReader r, String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "msgpack":
        return Optional.of(ValueEncoder.msgpack());
      case "json":
        return Optional.of(ValueEncoder.json());
      default:
        r.problems().add(r.originOf(VALUE_FORMAT), r.pathOf(VALUE_FORMAT),
            "unknown value format " + Quoted.of(value) + " (expected msgpack or json)");
        return Optional.empty();
    }
  }

  private static Optional<Map<String, String>> kafkaProperties(MappingReader r, YamlNode node) {
    String at = r.pathOf(KAFKA_PROPERTIES);
    if (!(node instanceof YamlNode.Mapping m)) {
      r.typeError(node, at, "a mapping of Kafka producer property to value", false);
      return Optional.empty();
    }
    MappingReader properties = MappingReader.ofMap(m, at, r.problems());
    Map<String, String> result = new LinkedHashMap<>();
    boolean ok = true;
    for (YamlNode.Entry entry : m.entries()) {
      // Values may be secrets (sasl.jaas.config): never described.
      Optional<String> value = properties.secret(entry.key());
      if (value.isPresent()) {
        result.put(entry.key(), value.get());
      } else {
        if (entry.value() instanceof YamlNode.Scalar) {
          r.problems().add(entry.value().origin(), properties.pathOf(entry.key()),
              "must have a value");
        }
        ok = false;
      }
    }
    return ok ? Optional.of(result) : Optional.empty();
  }

  private static Optional<TlsConfig> tls(MappingReader r) {
    int before = r.problems().mark();
    TlsConfig.Builder b = TlsConfig.builder();
    r.bool("enabled").ifPresent(b::enabled);
    r.bool("insecureSkipVerify").ifPresent(b::insecureSkipVerify);
    path(r, "certFile", b::certFile);
    path(r, "keyFile", b::keyFile);
    // An empty password (say, from an unset ${KEY_PASSWORD:-}) means an unencrypted key.
    r.secret("keyPassword").filter(s -> !s.isEmpty()).ifPresent(b::keyPassword);
    path(r, "caFile", b::caFile);
    r.finish();
    return r.build(before, b::build);
  }

  private static void path(MappingReader r, String key, Consumer<Path> setter) {
    r.string(key).filter(s -> !s.isBlank()).ifPresent(s -> {
      try {
        setter.accept(Path.of(s));
      } catch (InvalidPathException e) {
        r.problems().add(r.originOf(key), r.pathOf(key), "invalid path " + Quoted.of(s));
      }
    });
  }

  private static Optional<SaslConfig> sasl(MappingReader r) {
    int before = r.problems().mark();
    SaslConfig.Builder b = SaslConfig.builder();
    // enabled: false (or KAFKA_SASL_ENABLED=false) keeps the section's text but drops SASL, so a
    // production file runs against a local plaintext broker without editing it.
    if (!r.bool("enabled").orElse(true)) {
      r.skip("mechanism");
      r.skip("username");
      r.skip("password");
      r.finish();
      return Optional.empty();
    }
    r.string("mechanism").flatMap(v -> DynamicSection.parsed(r, "mechanism", v,
        SaslConfig.Mechanism::parse)).ifPresent(b::mechanism);
    r.string("username").ifPresent(b::username);
    r.secret("password").ifPresent(b::password);
    r.finish();
    return r.build(before, b::build);
  }

  /** Static, so the same place in both forms; an empty mapping means the defaults. */
  private static Optional<CircuitBreakerConfig> circuitBreaker(MappingReader r) {
    int before = r.problems().mark();
    CircuitBreakerConfig.Builder b = CircuitBreakerConfig.builder();
    r.bool("enabled").ifPresent(b::enabled);
    r.duration("openAfter").ifPresent(b::openAfter);
    r.duration("probeInterval").ifPresent(b::probeInterval);
    r.finish();
    return r.build(before, b::build);
  }

  /**
   * The spool section. Its rules are checked with the kafka section as base, so that a message
   * such as {@code spool.maxBytes: …} lands on its line.
   */
  private static Optional<SpoolConfig> spool(MappingReader kafka, MappingReader r) {
    int before = r.problems().mark();
    SpoolConfig.Builder b = SpoolConfig.builder();
    path(r, "directory", b::directory);
    r.require("directory", "the directory of the spool's files");
    r.size("maxBytes").ifPresent(b::maxBytes);
    r.integer("minQos").ifPresent(b::minQos);
    r.string("fsync").flatMap(v -> fsync(r, v)).ifPresent(b::fsync);
    r.duration("fsyncInterval").ifPresent(b::fsyncInterval);
    r.finish();
    return kafka.build(before, b::build);
  }

  /** {@code never}, {@code interval} or {@code always}, any case. */
  private static Optional<SpoolConfig.Fsync> fsync(MappingReader r, String value) {
    for (SpoolConfig.Fsync fsync : SpoolConfig.Fsync.values()) {
      if (fsync.label().equalsIgnoreCase(value.strip())) {
        return Optional.of(fsync);
      }
    }
    r.problems().add(r.originOf("fsync"), r.pathOf("fsync"),
        "unknown fsync mode " + Quoted.of(value) + " (expected never, interval or always)");
    return Optional.empty();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
