package io.wrpkafka.app.bridge;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The topics a dynamic configuration can publish to. */
public final class RouteTopics {
  private RouteTopics() {}

  /**
   * Every topic a route of {@code config} names ({@code topic} and each of {@code topics}), then
   * its dead-letter topic if it has one, in that order and without repeats. Pure; thread-safe.
   */
  public static Set<String> of(DynamicConfig config) {
    Set<String> topics = new LinkedHashSet<>();
    for (TopicRoute route : config.topicMap()) {
      if (route.topic() != null && !route.topic().isEmpty()) {
        topics.add(route.topic());
      }
      topics.addAll(route.topics());
    }
    config.deadLetter().ifPresent(deadLetter -> topics.add(deadLetter.topic()));
    return Collections.unmodifiableSet(topics);
  }
}
