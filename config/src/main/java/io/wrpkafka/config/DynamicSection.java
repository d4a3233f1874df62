package io.wrpkafka.config;

import io.wrpkafka.Acks;
import io.wrpkafka.Compression;
import io.wrpkafka.ConfigException;
import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Routing;
import io.wrpkafka.TopicRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/*
 * The dynamic part of the schema: topicMap, headers, compressionCodec, linger, batchMaxBytes,
 * acks, routing, deadLetter. Each route is built on its own, so every bad route is reported. The
 * whole DynamicConfig is then built from the keys that read cleanly (MappingReader.build), with a
 * stand-in route if the real ones are broken, so header and linger problems show up alongside
 * route problems and alongside each other. The dead-letter topic is only checked against real
 * routes: against the stand-in it could clash for no reason.
 *
 * deadLetter follows the other sections: absent or empty (deadLetter: ~) keeps no failed
 * records; a mapping, even {}, turns it on, with the defaults for the keys it leaves out.
 */
final class DynamicSection {
  static final String TOPIC_MAP = "topicMap";
  static final String HEADERS = "headers";
  static final String COMPRESSION = "compressionCodec";
  static final String LINGER = "linger";
  static final String BATCH_MAX_BYTES = "batchMaxBytes";
  static final String ACKS = "acks";
  static final String ROUTING = "routing";
  static final String DEAD_LETTER = "deadLetter";
  static final List<String> KEYS = List.of(
      TOPIC_MAP, HEADERS, COMPRESSION, LINGER, BATCH_MAX_BYTES, ACKS, ROUTING, DEAD_LETTER);

  static final String PATTERN = "pattern";
  static final String TOPIC = "topic";
  static final String TOPICS = "topics";
  static final String SHARD_BY = "shardBy";
  static final String CASE_INSENSITIVE = "caseInsensitive";
  static final String IGNORE_CASE = "ignoreCase";
  static final String PARTITION_KEY = "partitionKey";
  static final List<String> ROUTE_KEYS =
      List.of(PATTERN, TOPIC, TOPICS, SHARD_BY, CASE_INSENSITIVE, IGNORE_CASE, PARTITION_KEY);

  static final String MIN_QOS = "minQos";
  static final String UNROUTABLE = "unroutable";
  static final List<String> DEAD_LETTER_KEYS = List.of(TOPIC, MIN_QOS, UNROUTABLE);

  /** Builder field names that differ from their YAML keys. */
  static final Map<String, String> ALIASES = Map.of("compression", COMPRESSION);

  private DynamicSection() {}

  /** Reads the dynamic keys of {@code r}; empty when anything in them is wrong (reported). */
  static Optional<DynamicConfig> read(MappingReader r) {
    Problems problems = r.problems();
    Fields<DynamicConfig.Builder> f = new Fields<>();
    r.require(TOPIC_MAP, "a list of routes such as - {pattern: \"*\", topic: wrp-events}");
    int beforeRoutes = problems.mark();
    Optional<List<TopicRoute>> routes = r.node(TOPIC_MAP).flatMap(n -> routes(r, n));
    boolean routesFailed = problems.mark() > beforeRoutes;
    // Broken routes must not hide header problems: the fresh builder has a stand-in route.
    routes.ifPresent(f.set(TOPIC_MAP, DynamicConfig.Builder::topicMap));
    int before = problems.mark();
    r.node(HEADERS).ifPresent(n -> headers(r, n)
        .ifPresent(f.set(HEADERS, DynamicConfig.Builder::headers)));
    r.string(COMPRESSION).flatMap(v -> parsed(r, COMPRESSION, v, Compression::parse))
        .ifPresent(f.set(COMPRESSION, DynamicConfig.Builder::compression));
    r.duration(LINGER).ifPresent(f.set(LINGER, DynamicConfig.Builder::linger));
    r.size(BATCH_MAX_BYTES).flatMap(v -> toInt(r, BATCH_MAX_BYTES, v))
        .ifPresent(f.set(BATCH_MAX_BYTES, DynamicConfig.Builder::batchMaxBytes));
    r.string(ACKS).flatMap(v -> parsed(r, ACKS, v, Acks::parse))
        .ifPresent(f.set(ACKS, DynamicConfig.Builder::acks));
    r.string(ROUTING).flatMap(v -> parsed(r, ROUTING, v, Routing::parse))
        .ifPresent(f.set(ROUTING, DynamicConfig.Builder::routing));
    Optional<DeadLetterConfig> deadLetter =
        r.mapping(DEAD_LETTER, DEAD_LETTER_KEYS).flatMap(d -> deadLetter(r, d));
    if (routes.isPresent()) {
      deadLetter.ifPresent(f.set(DEAD_LETTER, DynamicConfig.Builder::deadLetter));
    }
    Optional<DynamicConfig> config = r.build(before, f, () -> DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic("x").build())),
        DynamicConfig.Builder::build, ALIASES);
    return routesFailed || routes.isEmpty() ? Optional.empty() : config;
  }

  static Optional<Integer> toInt(MappingReader r, String key, long value) {
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      String written = r.mapping().entry(key).map(YamlNode.Entry::value)
          .filter(n -> n instanceof YamlNode.Scalar).map(n -> ((YamlNode.Scalar) n).value())
          .orElse(Long.toString(value));
      r.problems().add(r.originOf(key), r.pathOf(key), "out of range: " + Quoted.of(written)
          + " is " + value + " bytes (at most " + Integer.MAX_VALUE + ")");
      return Optional.empty();
    }
    return Optional.of((int) value);
  }

  /** Parses an enum spelling; the parser's message starts with its own field name. */
  static <T> Optional<T> parsed(MappingReader r, String key, String value,
      Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(value));
    } catch (ConfigException e) {
      String message = e.getMessage();
      int colon = message.indexOf(": ");
      r.problems().add(r.originOf(key), r.pathOf(key),
          colon < 0 ? message : message.substring(colon + 2));
      return Optional.empty();
    }
  }

  private static Optional<List<TopicRoute>> routes(MappingReader r, YamlNode node) {
    Problems problems = r.problems();
    String at = r.pathOf(TOPIC_MAP);
    if (!(node instanceof YamlNode.Sequence seq)) {
      r.typeError(node, at, "a list of routes", false);
      return Optional.empty();
    }
    List<TopicRoute> routes = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < seq.items().size(); i++) {
      YamlNode item = seq.items().get(i);
      String itemPath = at + "[" + i + "]";
      if (!(item instanceof YamlNode.Mapping m)) {
        r.typeError(item, itemPath, "a route {pattern, topic | topics + shardBy, …}", false);
        ok = false;
        continue;
      }
      Optional<TopicRoute> route = route(new MappingReader(m, itemPath, problems, ROUTE_KEYS));
      ok &= route.isPresent();
      route.ifPresent(routes::add);
    }
    return ok ? Optional.of(routes) : Optional.empty();
  }

  private static Optional<TopicRoute> route(MappingReader r) {
    Problems problems = r.problems();
    int before = problems.mark();
    Fields<TopicRoute.Builder> f = new Fields<>();
    r.require(PATTERN, "the event type pattern, e.g. device-* or *");
    r.string(PATTERN).ifPresent(f.set(PATTERN, TopicRoute.Builder::pattern));
    r.string(TOPIC).ifPresent(f.set(TOPIC, TopicRoute.Builder::topic));
    r.strings(TOPICS, false, false).ifPresent(f.set(TOPICS, TopicRoute.Builder::topics));
    r.string(SHARD_BY).ifPresent(f.set(SHARD_BY, TopicRoute.Builder::shardBy));
    r.string(PARTITION_KEY).ifPresent(f.set(PARTITION_KEY, TopicRoute.Builder::partitionKey));
    Optional<Boolean> caseInsensitive = r.bool(CASE_INSENSITIVE);
    Optional<Boolean> ignoreCase = r.bool(IGNORE_CASE);
    if (r.has(CASE_INSENSITIVE) && r.has(IGNORE_CASE)) {
      problems.add(r.mapping().entry(IGNORE_CASE).orElseThrow().keyOrigin(),
          r.pathOf(IGNORE_CASE), "ignoreCase is an alias of caseInsensitive; give only one");
    }
    caseInsensitive.or(() -> ignoreCase)
        .ifPresent(f.set(CASE_INSENSITIVE, TopicRoute.Builder::caseInsensitive));
    r.finish();
    return r.build(before, f, TopicRoute::builder, TopicRoute.Builder::build, Map.of());
  }

  /**
   * Reads the deadLetter mapping {@code d} of {@code r}. The builder's messages name
   * {@code deadLetter.topic} and {@code deadLetter.minQos}, so they are placed from {@code r}.
   */
  private static Optional<DeadLetterConfig> deadLetter(MappingReader r, MappingReader d) {
    Problems problems = r.problems();
    int before = problems.mark();
    DeadLetterConfig.Builder b = DeadLetterConfig.builder();
    d.string(TOPIC).ifPresent(b::topic);
    d.integer(MIN_QOS).ifPresent(b::minQos);
    d.bool(UNROUTABLE).ifPresent(b::unroutable);
    d.finish();
    return r.build(before, b::build);
  }

  private static Optional<Map<String, List<String>>> headers(MappingReader r, YamlNode node) {
    String at = r.pathOf(HEADERS);
    if (!(node instanceof YamlNode.Mapping m)) {
      r.typeError(node, at, "a mapping of header name to value or list of values", false);
      return Optional.empty();
    }
    MappingReader headers = MappingReader.ofMap(m, at, r.problems());
    Map<String, List<String>> result = new LinkedHashMap<>();
    boolean ok = true;
    for (YamlNode.Entry entry : m.entries()) {
      Optional<List<String>> values = headers.strings(entry.key(), true, false);
      if (values.isPresent()) {
        result.put(entry.key(), values.get());
      } else if (MappingReader.isSet(entry.value())) {
        ok = false;
      } else if (entry.value() instanceof YamlNode.Scalar) {
        r.problems().add(entry.value().origin(), headers.pathOf(entry.key()),
            "must have a value (a literal, or a wrp. field such as wrp.Source)");
        ok = false;
      } else {
        ok = false;
      }
    }
    return ok ? Optional.of(result) : Optional.empty();
  }
}
