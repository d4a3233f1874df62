package io.wrpkafka.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a route picks its topic, parsed once from {@code TopicRoute.shardBy()}: one record per
 * strategy, each with its own {@link #select}.
 */
sealed interface ShardBy
    permits ShardBy.Single, ShardBy.RoundRobin, ShardBy.ByDeviceId, ShardBy.ByMetadata {

  /** The strategy label carried by every destination of the route. */
  String label();

  /** The topic for the message, or null when the value a hashed strategy needs is missing. */
  String select(MessageFacts facts);

  /** The topic to use when {@link #select} returned null: the next one round-robin. */
  String fallback();

  /** What was missing when {@link #select} returned null, for {@link RouteObserver}. */
  String missingField();

  /**
   * The strategy of a route: {@link Single} when {@code shardBy} is {@code ""} (a single-topic
   * route), else the one {@link RouteGrammar#parseShardBy} reads from {@code shardBy}, with a
   * fresh round-robin counter over {@code topics}.
   *
   * @throws io.wrpkafka.ConfigException for a value {@link RouteGrammar#shardBy} rejects
   */
  static ShardBy of(String shardBy, String topic, List<String> topics) {
    if (shardBy.isEmpty()) {
      return new Single(topic);
    }
    RouteGrammar.ShardSpec spec = RouteGrammar.parseShardBy(shardBy);
    RoundRobin roundRobin = new RoundRobin(List.copyOf(topics), new AtomicLong());
    return switch (spec.kind()) {
      case ROUNDROBIN -> roundRobin;
      case DEVICEID -> new ByDeviceId(roundRobin);
      case METADATA -> new ByMetadata(spec.field(), "/" + spec.field(), roundRobin);
    };
  }

  /** One topic, no choice. */
  record Single(String topic) implements ShardBy {
    @Override
    public String label() {
      return "single";
    }

    @Override
    public String select(MessageFacts facts) {
      return topic;
    }

    @Override
    public String fallback() {
      return topic;
    }

    @Override
    public String missingField() {
      return "";
    }
  }

  /** The topics in turn; the counter is shared by every thread routing through the route. */
  record RoundRobin(List<String> topics, AtomicLong counter) implements ShardBy {
    @Override
    public String label() {
      return "roundrobin";
    }

    @Override
    public String select(MessageFacts facts) {
      return fallback();
    }

    @Override
    public String fallback() {
      long turn = counter.getAndIncrement();
      return topics.get((int) Long.remainderUnsigned(turn, topics.size()));
    }

    @Override
    public String missingField() {
      return "";
    }
  }

  /**
   * {@code topics[fnv1a32(deviceId) mod n]} with the canonical device id of {@link
   * MessageFacts#deviceId()}; round-robin when the message has none.
   */
  record ByDeviceId(RoundRobin roundRobin) implements ShardBy {
    @Override
    public String label() {
      return "deviceid";
    }

    @Override
    public String select(MessageFacts facts) {
      String deviceId = facts.deviceId();
      List<String> topics = roundRobin.topics();
      return deviceId == null ? null : topics.get(Fnv1a.index(deviceId, topics.size()));
    }

    @Override
    public String fallback() {
      return roundRobin.fallback();
    }

    @Override
    public String missingField() {
      return "deviceid";
    }
  }

  /**
   * {@code topics[fnv1a32(metadata[field]) mod n]}, also reading {@code /field}; round-robin
   * when both are missing or empty.
   */
  record ByMetadata(String field, String slashedField, RoundRobin roundRobin) implements ShardBy {
    @Override
    public String label() {
      return "metadata";
    }

    @Override
    public String select(MessageFacts facts) {
      String value = facts.metadata(field, slashedField);
      List<String> topics = roundRobin.topics();
      return value == null ? null : topics.get(Fnv1a.index(value, topics.size()));
    }

    @Override
    public String fallback() {
      return roundRobin.fallback();
    }

    @Override
    public String missingField() {
      return field;
    }
  }
}
