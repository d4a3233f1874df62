package io.wrpkafka;

import io.wrpkafka.routing.Pattern;
import io.wrpkafka.routing.RouteGrammar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One rule of the topic map: messages whose event type matches {@link #pattern()} go to {@link
 * #topic()}, or to one of {@link #topics()} chosen by {@link #shardBy()}. Immutable and
 * thread-safe; build with {@link #builder()}.
 *
 * <pre>{@code
 * TopicRoute route = TopicRoute.builder().pattern("device-*").topics(List.of("d0", "d1"))
 *     .shardBy("deviceid").build();
 * }</pre>
 */
public final class TopicRoute {
  /*
   * Implementation notes
   *
   * build() checks the route alone and stores shardBy and partitionKey in the normal form
   * RouteGrammar gives (lower-case keyword, field name as written); the Router compiles that form
   * with the same RouteGrammar, so the grammar has one owner. Field names in messages are
   * relative to the route; DynamicConfig and loaders put them under "topicMap[i]"
   * (ConfigException.under).
   */

  private static final int MAX_TOPIC_LENGTH = 249;

  private final String pattern;
  private final boolean caseInsensitive;
  private final String topic;
  private final List<String> topics;
  private final String shardBy;
  private final String partitionKey;

  private TopicRoute(Builder b, String shardBy, String partitionKey) {
    this.pattern = b.pattern;
    this.caseInsensitive = b.caseInsensitive;
    this.topic = b.topic;
    this.topics = List.copyOf(b.topics);
    this.shardBy = shardBy;
    this.partitionKey = partitionKey;
  }

  /** A new builder with no pattern, no topic and the default partition key ({@code deviceid}). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this route's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pattern = pattern;
    b.caseInsensitive = caseInsensitive;
    b.topic = topic;
    b.topics = new ArrayList<>(topics);
    b.shardBy = shardBy;
    b.partitionKey = partitionKey;
    return b;
  }

  /** The event type pattern as written (syntax: {@link Pattern}). */
  public String pattern() {
    return pattern;
  }

  /** Whether the pattern ignores case. */
  public boolean caseInsensitive() {
    return caseInsensitive;
  }

  /** The single target topic, or {@code ""} when the route shards over {@link #topics()}. */
  public String topic() {
    return topic;
  }

  /** The sharded target topics in order, or an empty list for a single-topic route. */
  public List<String> topics() {
    return topics;
  }

  /**
   * The shard strategy over {@link #topics()}: {@code roundrobin}, {@code deviceid} or {@code
   * metadata:<field>}; {@code ""} for a single-topic route.
   */
  public String shardBy() {
    return shardBy;
  }

  /**
   * The partition key strategy: {@code deviceid} (the default), {@code source}, {@code
   * metadata/<field>} or {@code none}.
   */
  public String partitionKey() {
    return partitionKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicRoute r
        && pattern.equals(r.pattern)
        && caseInsensitive == r.caseInsensitive
        && topic.equals(r.topic)
        && topics.equals(r.topics)
        && shardBy.equals(r.shardBy)
        && partitionKey.equals(r.partitionKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pattern, caseInsensitive, topic, topics, shardBy, partitionKey);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TopicRoute{pattern=").append(pattern);
    if (caseInsensitive) {
      s.append(", caseInsensitive=true");
    }
    if (topics.isEmpty()) {
      s.append(", topic=").append(topic);
    } else {
      s.append(", topics=").append(topics).append(", shardBy=").append(shardBy);
    }
    return s.append(", partitionKey=").append(partitionKey).append('}').toString();
  }

  /** Collects a route's values; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private String pattern = "";
    private boolean caseInsensitive;
    private String topic = "";
    private List<String> topics = new ArrayList<>();
    private String shardBy = "";
    private String partitionKey = "";

    private Builder() {}

    /** The event type pattern, e.g. {@code device-*} (syntax: {@link Pattern}). */
    public Builder pattern(String pattern) {
      this.pattern = Objects.requireNonNull(pattern, "pattern");
      return this;
    }

    /** Whether the pattern ignores case; false by default. */
    public Builder caseInsensitive(boolean caseInsensitive) {
      this.caseInsensitive = caseInsensitive;
      return this;
    }

    /** The single target topic; excludes {@link #topics(List)}. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** The sharded target topics; requires {@link #shardBy(String)}; excludes a single topic. */
    public Builder topics(List<String> topics) {
      Objects.requireNonNull(topics, "topics");
      this.topics = new ArrayList<>(topics);
      return this;
    }

    /**
     * How a message picks one of {@link #topics(List)}: {@code roundrobin}, {@code deviceid}
     * (hash of the device id) or {@code metadata:<field>} (hash of that metadata value).
     */
    public Builder shardBy(String shardBy) {
      this.shardBy = Objects.requireNonNull(shardBy, "shardBy");
      return this;
    }

    /**
     * Where the Kafka record key comes from: {@code deviceid} (default), {@code source}, {@code
     * metadata/<field>} or {@code none}. Empty means the default.
     */
    public Builder partitionKey(String partitionKey) {
      this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
      return this;
    }

    /**
     * Checks the route alone and returns it.
     *
     * @throws ConfigException naming the field (e.g. {@code shardBy: …}) and the problem
     */
    public TopicRoute build() {
      Pattern.compile(pattern, caseInsensitive); // its messages start with "pattern: "
      boolean single = !topic.isEmpty();
      if (single && !topics.isEmpty()) {
        throw new ConfigException(
            "topic, topics: mutually exclusive; set topic for one topic or topics with shardBy");
      }
      if (!single && topics.isEmpty()) {
        throw new ConfigException("topic: required (or topics with shardBy)");
      }
      String normalShardBy;
      if (single) {
        checkTopicName("topic", topic);
        if (!shardBy.isBlank()) {
          throw new ConfigException("shardBy: \"" + shardBy
              + "\" needs topics; a route with a single topic has nothing to shard");
        }
        normalShardBy = "";
      } else {
        for (int i = 0; i < topics.size(); i++) {
          String name = topics.get(i);
          if (name == null) {
            throw new ConfigException("topics[" + i + "]: must not be null");
          }
          checkTopicName("topics[" + i + "]", name);
          int first = topics.indexOf(name);
          if (first < i) {
            throw new ConfigException("topics[" + i + "]: \"" + name + "\" repeats topics["
                + first + "]");
          }
        }
        normalShardBy = RouteGrammar.shardBy(shardBy);
      }
      return new TopicRoute(this, normalShardBy, RouteGrammar.partitionKey(partitionKey));
    }

    static void checkTopicName(String field, String name) {
      if (name.isEmpty() || name.length() > MAX_TOPIC_LENGTH
          || name.equals(".") || name.equals("..") || !legalTopicChars(name)) {
        throw new ConfigException(field + ": \"" + name + "\" is not a valid Kafka topic name"
            + " (1 to 249 of a-z A-Z 0-9 . _ -, not \".\" or \"..\")");
      }
    }

    private static boolean legalTopicChars(String name) {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!legal) {
          return false;
        }
      }
      return true;
    }
  }
}
