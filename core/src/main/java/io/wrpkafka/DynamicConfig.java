package io.wrpkafka;

import io.wrpkafka.routing.RouteGrammar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a running publisher can replace atomically ({@code Publisher.updateConfig}): the
 * topic map, record headers, routing mode, the dead-letter topic and the producer's batching,
 * compression and acks.
 * Immutable and thread-safe; build with {@link #builder()}, derive variants with {@link
 * #toBuilder()}.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>{@code compression}</td><td>{@link Compression#NONE} (Kafka's default)</td></tr>
 *   <tr><td>{@code linger}</td><td>5 ms (Kafka 4's {@code linger.ms} default)</td></tr>
 *   <tr><td>{@code batchMaxBytes}</td><td>16384 (Kafka's {@code batch.size} default)</td></tr>
 *   <tr><td>{@code acks}</td><td>{@link Acks#ALL}</td></tr>
 *   <tr><td>{@code routing}</td><td>{@link Routing#FIRST}</td></tr>
 *   <tr><td>{@code deadLetter}</td><td>none: failed records are reported, not kept</td></tr>
 * </table>
 */
public final class DynamicConfig {
  /*
   * Implementation notes
   *
   * build() checks what it can see directly (sizes, header keys). Header values are read by
   * RouteGrammar.checkHeaderValue, the same grammar the Router compiles headers with; a wrp.
   * value naming no field is a warning, not an error (the seed documents' rule), and the Router
   * leaves that header out. Routes were
   * checked by TopicRoute.build() with the same RouteGrammar the Router compiles them with, so a
   * config that builds is a config that routes, without this class depending on the Router
   * (which is built from a DynamicConfig). Headers keep their configured order (LinkedHashMap),
   * unlike a Go map.
   */

  /** Kafka 4's default {@code linger.ms}. */
  public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);
  /** Kafka's default {@code batch.size}. */
  public static final int DEFAULT_BATCH_MAX_BYTES = 16_384;

  private final List<TopicRoute> topicMap;
  private final Map<String, List<String>> headers;
  private final Compression compression;
  private final Duration linger;
  private final int batchMaxBytes;
  private final Acks acks;
  private final Routing routing;
  private final DeadLetterConfig deadLetter;

  private DynamicConfig(Builder b) {
    this.topicMap = List.copyOf(b.topicMap);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    b.headers.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
    this.compression = b.compression;
    this.linger = b.linger;
    this.batchMaxBytes = b.batchMaxBytes;
    this.acks = b.acks;
    this.routing = b.routing;
    this.deadLetter = b.deadLetter;
  }

  /** A new builder with an empty topic map (which {@link Builder#build()} rejects) and defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.topicMap = new ArrayList<>(topicMap);
    b.headers = new LinkedHashMap<>(headers);
    b.compression = compression;
    b.linger = linger;
    b.batchMaxBytes = batchMaxBytes;
    b.acks = acks;
    b.routing = routing;
    b.deadLetter = deadLetter;
    return b;
  }

  /** The routes, tried in order; never empty. */
  public List<TopicRoute> topicMap() {
    return topicMap;
  }

  /**
   * The record headers in configured order: each key with one or more values, each value a
   * literal or a {@code wrp.<field>} reference (see the core README).
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The batch compression codec. */
  public Compression compression() {
    return compression;
  }

  /** How long the producer waits to fill a batch ({@code linger.ms}). */
  public Duration linger() {
    return linger;
  }

  /** The target batch size in bytes per partition ({@code batch.size}). */
  public int batchMaxBytes() {
    return batchMaxBytes;
  }

  /** The acknowledgement level ({@code acks}). */
  public Acks acks() {
    return acks;
  }

  /** Whether a message goes to the first matching route or to every matching route. */
  public Routing routing() {
    return routing;
  }

  /**
   * Where records that failed for good are kept; empty when they are only reported (the
   * default).
   */
  public java.util.Optional<DeadLetterConfig> deadLetter() {
    return java.util.Optional.ofNullable(deadLetter);
  }

  /**
   * Describes what is allowed but probably not meant, one line each: routes that can never take a
   * message, e.g. {@code topicMap[2]: never matches with routing first; topicMap[0] (pattern "*")
   * takes every message it would match}, then header values naming no WRP field, e.g. {@code
   * headers["x-src"][0]: unknown WRP field "wrp.source" (expected …); the header is omitted}.
   * Under {@link Routing#FIRST}, a route after a {@code *} route or after a route with the same
   * pattern (and no stricter case rule) is dead; under {@link Routing#ALL} every route can match.
   * Both are allowed, as the seed documents say, so configs carry over; a publisher logs these
   * lines when it takes the config, and a loader or a {@code validate} command shows them as
   * warnings. Computes the list on each call; empty when there is nothing to say.
   */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (routing == Routing.FIRST) {
      addDeadRouteWarnings(warnings);
    }
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      List<String> values = header.getValue();
      for (int i = 0; i < values.size(); i++) {
        RouteGrammar.checkHeaderValue(header.getKey(), i, values.get(i)).ifPresent(warnings::add);
      }
    }
    return List.copyOf(warnings);
  }

  private void addDeadRouteWarnings(List<String> warnings) {
    for (int j = 1; j < topicMap.size(); j++) {
      TopicRoute later = topicMap.get(j);
      for (int i = 0; i < j; i++) {
        TopicRoute earlier = topicMap.get(i);
        boolean shadowed = earlier.pattern().equals("*")
            || (earlier.pattern().equals(later.pattern())
                && (earlier.caseInsensitive() || !later.caseInsensitive()));
        if (shadowed) {
          warnings.add("topicMap[" + j + "]: never matches with routing first; topicMap[" + i
              + "] (pattern \"" + earlier.pattern() + "\") takes every message it would match"
              + " (move it earlier, or use routing all)");
          break;
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DynamicConfig c
        && topicMap.equals(c.topicMap)
        && headers.equals(c.headers)
        && compression == c.compression
        && linger.equals(c.linger)
        && batchMaxBytes == c.batchMaxBytes
        && acks == c.acks
        && routing == c.routing
        && Objects.equals(deadLetter, c.deadLetter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        topicMap, headers, compression, linger, batchMaxBytes, acks, routing, deadLetter);
  }

  @Override
  public String toString() {
    return "DynamicConfig{topicMap=" + topicMap + ", headers=" + headers
        + ", compression=" + compression.kafkaName() + ", linger=" + linger
        + ", batchMaxBytes=" + batchMaxBytes + ", acks=" + acks.kafkaValue()
        + ", routing=" + routing
        + (deadLetter == null ? "" : ", deadLetter=" + deadLetter) + '}';
  }

  /** Collects the dynamic settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private List<TopicRoute> topicMap = new ArrayList<>();
    private Map<String, List<String>> headers = new LinkedHashMap<>();
    private Compression compression = Compression.NONE;
    private Duration linger = DEFAULT_LINGER;
    private int batchMaxBytes = DEFAULT_BATCH_MAX_BYTES;
    private Acks acks = Acks.ALL;
    private Routing routing = Routing.FIRST;
    private DeadLetterConfig deadLetter;

    private Builder() {}

    /** The routes, tried in order. Required, at least one. */
    public Builder topicMap(List<TopicRoute> topicMap) {
      Objects.requireNonNull(topicMap, "topicMap");
      this.topicMap = new ArrayList<>(topicMap);
      return this;
    }

    /**
     * The record headers: key to one or more values, each a literal or {@code wrp.<field>}.
     * Iteration order is kept.
     */
    public Builder headers(Map<String, List<String>> headers) {
      Objects.requireNonNull(headers, "headers");
      this.headers = new LinkedHashMap<>(headers);
      return this;
    }

    /** The batch compression codec; default {@link Compression#NONE}. */
    public Builder compression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /** How long to wait to fill a batch; default 5 ms; zero sends at once. */
    public Builder linger(Duration linger) {
      this.linger = Objects.requireNonNull(linger, "linger");
      return this;
    }

    /** The target batch size in bytes; default 16384; 0 disables batching. */
    public Builder batchMaxBytes(int batchMaxBytes) {
      this.batchMaxBytes = batchMaxBytes;
      return this;
    }

    /** The acknowledgement level; default {@link Acks#ALL}. */
    public Builder acks(Acks acks) {
      this.acks = Objects.requireNonNull(acks, "acks");
      return this;
    }

    /** First match or every match; default {@link Routing#FIRST}. */
    public Builder routing(Routing routing) {
      this.routing = Objects.requireNonNull(routing, "routing");
      return this;
    }

    /**
     * Where records that failed for good are kept; null (the default) keeps none. The topic must
     * not also be a route's topic.
     */
    public Builder deadLetter(DeadLetterConfig deadLetter) {
      this.deadLetter = deadLetter;
      return this;
    }

    /**
     * Checks the whole config (every route as the {@code Router} will compile it) and returns it.
     * A header value naming no WRP field is not an error but a {@link DynamicConfig#warnings()
     * warning}. No side effects.
     *
     * @throws ConfigException naming the field, the route index ({@code topicMap[2]: …}) or
     *     the header key ({@code headers["X-Id"][0]: …}) and the problem
     */
    public DynamicConfig build() {
      if (topicMap.isEmpty()) {
        throw new ConfigException("topicMap: must contain at least one route");
      }
      for (int i = 0; i < topicMap.size(); i++) {
        if (topicMap.get(i) == null) {
          throw new ConfigException("topicMap[" + i + "]: must not be null");
        }
      }
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        String key = header.getKey();
        if (key == null || key.isEmpty()) {
          throw new ConfigException("headers: key must not be empty");
        }
        List<String> values = header.getValue();
        if (values == null || values.isEmpty()) {
          throw new ConfigException("headers[\"" + key + "\"]: must have at least one value");
        }
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i) == null) {
            throw new ConfigException("headers[\"" + key + "\"][" + i + "]: must not be null");
          }
        }
      }
      if (linger.isNegative()) {
        throw new ConfigException("linger: must not be negative (got " + linger + ")");
      }
      if (batchMaxBytes < 0) {
        throw new ConfigException(
            "batchMaxBytes: must not be negative (got " + batchMaxBytes + ")");
      }
      if (deadLetter != null) {
        checkDeadLetterTopicIsNoRoute();
      }
      // Header values cannot fail: a wrp. value naming no field is a warning (see warnings()).
      return new DynamicConfig(this);
    }

    /** Failed records must not mix with live ones, and a dead-letter record never loops. */
    private void checkDeadLetterTopicIsNoRoute() {
      String topic = deadLetter.topic();
      for (int i = 0; i < topicMap.size(); i++) {
        TopicRoute route = topicMap.get(i);
        if (topic.equals(route.topic()) || route.topics().contains(topic)) {
          throw new ConfigException("deadLetter.topic: \"" + topic + "\" is also a topic of topicMap["
              + i + "]; use a topic of its own for failed records");
        }
      }
    }
  }
}
