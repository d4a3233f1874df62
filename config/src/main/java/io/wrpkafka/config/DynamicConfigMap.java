package io.wrpkafka.config;

import io.wrpkafka.Acks;
import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Routing;
import io.wrpkafka.TopicRoute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link DynamicConfig} as the file's keys and spellings, so it reads back equal. */
final class DynamicConfigMap {
  private DynamicConfigMap() {}

  static Map<String, Object> of(DynamicConfig config) {
    Map<String, Object> map = new LinkedHashMap<>();
    List<Object> routes = new ArrayList<>();
    for (TopicRoute route : config.topicMap()) {
      routes.add(route(route));
    }
    map.put(DynamicSection.TOPIC_MAP, Collections.unmodifiableList(routes));
    Map<String, Object> headers = new LinkedHashMap<>();
    config.headers().forEach((key, values) -> headers.put(key, List.copyOf(values)));
    map.put(DynamicSection.HEADERS, Collections.unmodifiableMap(headers));
    map.put(DynamicSection.COMPRESSION, config.compression().kafkaName());
    map.put(DynamicSection.LINGER, Durations.format(config.linger()));
    map.put(DynamicSection.BATCH_MAX_BYTES, config.batchMaxBytes());
    map.put(DynamicSection.ACKS, acks(config.acks()));
    map.put(DynamicSection.ROUTING, routing(config.routing()));
    // Absent means off; an empty value would read back as off too, but says less.
    config.deadLetter().ifPresent(d -> map.put(DynamicSection.DEAD_LETTER, deadLetter(d)));
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, Object> deadLetter(DeadLetterConfig deadLetter) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(DynamicSection.TOPIC, deadLetter.topic());
    map.put(DynamicSection.MIN_QOS, deadLetter.minQos());
    map.put(DynamicSection.UNROUTABLE, deadLetter.unroutable());
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, Object> route(TopicRoute route) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(DynamicSection.PATTERN, route.pattern());
    if (route.caseInsensitive()) {
      map.put(DynamicSection.CASE_INSENSITIVE, true);
    }
    if (route.topics().isEmpty()) {
      map.put(DynamicSection.TOPIC, route.topic());
    } else {
      map.put(DynamicSection.TOPICS, route.topics());
      map.put(DynamicSection.SHARD_BY, route.shardBy());
    }
    map.put(DynamicSection.PARTITION_KEY, route.partitionKey());
    return Collections.unmodifiableMap(map);
  }

  private static String acks(Acks acks) {
    return switch (acks) {
      case ALL -> "all";
      case LEADER -> "leader";
      case NONE -> "none";
    };
  }

  private static String routing(Routing routing) {
    return routing.name().toLowerCase(Locale.ROOT);
  }
}
