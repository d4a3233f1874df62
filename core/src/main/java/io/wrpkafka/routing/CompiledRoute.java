package io.wrpkafka.routing;

import io.wrpkafka.TopicRoute;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link TopicRoute} compiled for matching: its pattern, shard strategy (with the route's
 * round-robin counter) and partition key function. Thread-safe.
 */
final class CompiledRoute {
  private final Pattern pattern;
  private final ShardBy shardBy;
  private final Function<MessageFacts, String> partitionKey;

  CompiledRoute(TopicRoute route) {
    this.pattern = Pattern.compile(route.pattern(), route.caseInsensitive());
    this.shardBy = ShardBy.of(route.shardBy(), route.topic(), route.topics());
    this.partitionKey = PartitionKeys.of(route.partitionKey());
  }

  /**
   * Whether the message's event type (or a lifecycle event's alias) matches; a non-event message
   * matches only the catch-all {@code *}.
   */
  boolean matches(MessageFacts facts) {
    if (!facts.isEvent) {
      return pattern.matchesEverything();
    }
    return pattern.matches(facts.eventType)
        || (facts.eventTypeAlias() != null && pattern.matches(facts.eventTypeAlias()));
  }

  /** The destination of a matching message; tells {@code observer} about a shard fallback. */
  Destination destination(MessageFacts facts, List<Header> headers, RouteObserver observer) {
    String topic = shardBy.select(facts);
    boolean missing = topic == null;
    if (missing) {
      topic = shardBy.fallback();
    }
    Destination destination = new Destination(
        topic, partitionKey.apply(facts), headers, shardBy.label(), facts.eventType);
    if (missing) {
      observer.shardValueMissing(destination, shardBy.missingField());
    }
    return destination;
  }
}
