package io.wrpkafka;

import java.util.Objects;

/**
 * Where records that failed for good are kept: the dead-letter topic of a {@link DynamicConfig}.
 * A record of QoS at least {@link #minQos()} that fails with a non-retryable error, or outlives
 * {@code recordDeliveryTimeout}, is produced to {@link #topic()} with its original key, value and
 * headers plus {@code dlq.*} headers saying why (see the core README). Immutable and thread-safe.
 *
 * <pre>{@code
 * DeadLetterConfig.builder().topic("wrp-dead-letter").minQos(25).build()
 * }</pre>
 */
public final class DeadLetterConfig {
  /** The topic name the examples and the YAML reference use. */
  public static final String DEFAULT_TOPIC = "wrp-dead-letter";
  /** Records below QoS 25 are fire-and-forget and not kept by default. */
  public static final int DEFAULT_MIN_QOS = 25;

  private final String topic;
  private final int minQos;
  private final boolean unroutable;

  private DeadLetterConfig(Builder b) {
    this.topic = b.topic;
    this.minQos = b.minQos;
    this.unroutable = b.unroutable;
  }

  /** A builder with the defaults: topic {@value #DEFAULT_TOPIC}, minQos 25, unroutable false. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder().topic(topic).minQos(minQos).unroutable(unroutable);
  }

  /** The dead-letter topic. */
  public String topic() {
    return topic;
  }

  /** The lowest QoS whose failed records are dead-lettered (0–99). */
  public int minQos() {
    return minQos;
  }

  /**
   * Whether messages of QoS at least {@link #minQos()} that match no route are dead-lettered too
   * (with an empty {@code dlq.original_topic} and {@code dlq.error_type} {@code no_topic_match}).
   */
  public boolean unroutable() {
    return unroutable;
  }

  /** Whether a record of {@code qos} is dead-lettered when it fails for good. */
  public boolean covers(int qos) {
    return qos >= minQos;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetterConfig c
        && topic.equals(c.topic)
        && minQos == c.minQos
        && unroutable == c.unroutable;
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, minQos, unroutable);
  }

  @Override
  public String toString() {
    return "DeadLetterConfig{topic=" + topic + ", minQos=" + minQos + ", unroutable="
        + unroutable + '}';
  }

  /** Collects the dead-letter settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private String topic = DEFAULT_TOPIC;
    private int minQos = DEFAULT_MIN_QOS;
    private boolean unroutable;

    private Builder() {}

    /** The dead-letter topic; default {@value DeadLetterConfig#DEFAULT_TOPIC}. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** The lowest QoS that is dead-lettered, 0–99; default 25. */
    public Builder minQos(int minQos) {
      this.minQos = minQos;
      return this;
    }

    /** Dead-letter messages that match no route as well; default false. */
    public Builder unroutable(boolean unroutable) {
      this.unroutable = unroutable;
      return this;
    }

    /**
     * Checks the settings and returns them.
     *
     * @throws ConfigException naming {@code deadLetter.topic} or {@code deadLetter.minQos}
     */
    public DeadLetterConfig build() {
      TopicRoute.Builder.checkTopicName("deadLetter.topic", topic);
      if (minQos < 0 || minQos > 99) {
        throw new ConfigException("deadLetter.minQos: must be 0 to 99 (got " + minQos + ")");
      }
      return new DeadLetterConfig(this);
    }
  }
}
