package io.wrpkafka.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.wrpkafka.DeadLetterEvent;
import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishEvent;
import io.wrpkafka.PublishListener;
import io.wrpkafka.QosBand;
import io.wrpkafka.routing.Destination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/*
 * Hot path. onPublish runs once per record on the publisher's event thread. Counters are cached
 * in three nested ConcurrentHashMaps (topic -> shard strategy -> event type) and looked up with
 * plain get() calls on the event's own strings, so a known combination costs three hash lookups
 * and no allocation: no composite key object, no capturing lambda, no Tags built. Error counters
 * hang off the same cache entry in an array indexed by ErrorType.ordinal(); two threads creating
 * the same one get the same Counter from the registry, so the last write wins harmlessly. The six
 * timers are fixed (QosBand x result), created up front and indexed by the band's ordinal. There is no JMH benchmark of this
 * class; a one-off check (ThreadMXBean allocated bytes over 5 million events of 8 tag
 * combinations, with a SimpleMeterRegistry and a PrometheusMeterRegistry) read 0 bytes per event
 * after warm-up.
 *
 * Dead letters. onDeadLetter counts a written dead-letter record under its original topic and
 * error type (a separate cache: original topic -> counters by ErrorType.ordinal()), and a failed
 * dead-letter write as an errored record of the dead-letter topic with error type
 * dead_letter_failed. That record has no route of its own, so event_type and shard_strategy are
 * "", as for an unroutable message. Dead letters are rare; the path still allocates nothing once
 * a combination is known.
 *
 * Cardinality. topic and shard_strategy come from the configured routes, error_type from an enum,
 * so they are bounded by configuration. event_type comes from the messages (an unroutable one is
 * reported with "", but a catch-all "*" route passes on whatever a client sent): after
 * maxEventTypes distinct values, new ones are counted under OTHER_EVENT_TYPE, so totals stay
 * right while the series count stays bounded.
 *
 * Closing. Meters are created under a lock and recorded in `created`; close() takes the same lock,
 * so an event that races with close() either registers its meter before the sweep (and it is
 * removed) or sees `closed` and records into a no-op.
 */
/** Counts publish events into Micrometer meters; the listener half of {@link PublisherMetrics}. */
final class PublishEventMeters implements PublishListener {
  static final String PUBLISHED = "wrpkafka.messages.published";
  static final String ERRORED = "wrpkafka.messages.errored";
  static final String DURATION = "wrpkafka.publish.duration";
  static final String DEAD_LETTERED = "wrpkafka.dead.lettered";
  static final String OTHER_EVENT_TYPE = "_other";

  /** Bucket bounds of the duration histogram, from a local broker's ack to a delivery timeout. */
  static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)
  };

  private static final ErrorType[] ERROR_TYPES = ErrorType.values();
  private static final QosBand[] BANDS = QosBand.values();

  private final MeterRegistry registry;
  private final Tags commonTags;
  private final int maxEventTypes;
  /** topic -> shard strategy -> event type -> counters. */
  private final ConcurrentHashMap<
          String, ConcurrentHashMap<String, ConcurrentHashMap<String, RouteMeters>>>
      byTopic = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Boolean> eventTypes = new ConcurrentHashMap<>();
  /** original topic -> dead-lettered counters by ErrorType.ordinal(), made on first use. */
  private final ConcurrentHashMap<String, AtomicReferenceArray<Counter>> deadLettered =
      new ConcurrentHashMap<>();
  /** Index band * 2 + (success ? 0 : 1). */
  private final Timer[] timers = new Timer[BANDS.length * 2];
  private final Object lock = new Object();
  private final List<Meter> created = new ArrayList<>();
  private volatile boolean closed;

  PublishEventMeters(MeterRegistry registry, Tags commonTags, int maxEventTypes) {
    this.registry = registry;
    this.commonTags = commonTags;
    this.maxEventTypes = maxEventTypes;
    for (QosBand band : BANDS) {
      timers[band.ordinal() * 2] = timer(tagValue(band), "success");
      timers[band.ordinal() * 2 + 1] = timer(tagValue(band), "error");
    }
  }

  /** The {@code qos_band} tag value of {@code qos}: the publisher's three delivery classes. */
  static String qosBand(int qos) {
    return tagValue(QosBand.of(qos));
  }

  /**
   * The {@code qos_band} tag value of {@code band}. The values predate {@link QosBand#label()}
   * ({@code best_effort}, not {@code fire_and_forget}) and stay, so dashboards keep working.
   */
  private static String tagValue(QosBand band) {
    return switch (band) {
      case FIRE_AND_FORGET -> "best_effort";
      case QUEUED -> "queued";
      case ACKNOWLEDGED -> "acknowledged";
    };
  }

  @Override
  public void onPublish(PublishEvent event) {
    if (closed) {
      return;
    }
    RouteMeters meters = meters(event.topic(), event.shardStrategy(), event.eventType());
    ErrorType errorType = event.errorType();
    if (errorType == null) {
      meters.published.increment();
    } else {
      meters.errored(errorType).increment();
    }
    timers[QosBand.of(event.qos()).ordinal() * 2 + (errorType == null ? 0 : 1)]
        .record(event.latency());
  }

  @Override
  public void onShardValueMissing(Destination destination, String field) {
    if (closed) {
      return;
    }
    meters(destination.topic(), destination.shardStrategy(), destination.eventType())
        .errored(ErrorType.MISSING_METADATA_FIELD)
        .increment();
  }

  @Override
  public void onDeadLetter(DeadLetterEvent event) {
    if (closed) {
      return;
    }
    if (event.isWritten()) {
      deadLettered(event.originalTopic(), event.errorType()).increment();
    } else {
      meters(event.deadLetterTopic(), "", "").errored(ErrorType.DEAD_LETTER_FAILED).increment();
    }
  }

  /** Stops counting and removes every meter this instance registered. Idempotent. */
  void close() {
    synchronized (lock) {
      closed = true;
      for (Meter meter : created) {
        registry.remove(meter);
      }
      created.clear();
    }
  }

  private RouteMeters meters(String topic, String shardStrategy, String eventType) {
    ConcurrentHashMap<String, ConcurrentHashMap<String, RouteMeters>> byStrategy =
        byTopic.get(topic);
    if (byStrategy == null) {
      byStrategy = byTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
    }
    ConcurrentHashMap<String, RouteMeters> byEventType = byStrategy.get(shardStrategy);
    if (byEventType == null) {
      byEventType = byStrategy.computeIfAbsent(shardStrategy, s -> new ConcurrentHashMap<>());
    }
    RouteMeters meters = byEventType.get(eventType);
    if (meters == null) {
      String admitted = admitEventType(eventType);
      meters = byEventType.get(admitted);
      if (meters == null) {
        meters =
            byEventType.computeIfAbsent(
                admitted,
                type ->
                    new RouteMeters(
                        Tags.of(
                            Tag.of("event_type", type),
                            Tag.of("topic", topic),
                            Tag.of("shard_strategy", shardStrategy))));
      }
    }
    return meters;
  }

  private Counter deadLettered(String originalTopic, ErrorType errorType) {
    AtomicReferenceArray<Counter> byType = deadLettered.get(originalTopic);
    if (byType == null) {
      byType =
          deadLettered.computeIfAbsent(
              originalTopic, t -> new AtomicReferenceArray<>(ERROR_TYPES.length));
    }
    Counter counter = byType.get(errorType.ordinal());
    if (counter == null) {
      counter =
          counter(
              DEAD_LETTERED,
              "Failed records the dead-letter topic acknowledged, by the topic and error they"
                  + " failed with",
              Tags.of(Tag.of("original_topic", originalTopic),
                  Tag.of("error_type", errorType.label())));
      byType.set(errorType.ordinal(), counter);
    }
    return counter;
  }

  /**
   * The tag value for an event type not yet seen on this route: itself while fewer than
   * maxEventTypes are known (approximately, under concurrent first sightings), else the overflow
   * value, which then also keys the cache so that stray event types cost no memory.
   */
  private String admitEventType(String eventType) {
    if (eventTypes.containsKey(eventType)) {
      return eventType;
    }
    if (eventTypes.size() < maxEventTypes) {
      eventTypes.putIfAbsent(eventType, Boolean.TRUE);
      return eventType;
    }
    return OTHER_EVENT_TYPE;
  }

  private Timer timer(String band, String result) {
    synchronized (lock) {
      Timer timer =
          Timer.builder(DURATION)
              .description("Time from produce to the record's outcome")
              .tags(commonTags)
              .tag("qos_band", band)
              .tag("result", result)
              .serviceLevelObjectives(DURATION_BUCKETS)
              .register(registry);
      created.add(timer);
      return timer;
    }
  }

  private Counter counter(String name, String description, Tags tags) {
    synchronized (lock) {
      if (closed) {
        return new NoopCounter(new Meter.Id(name, tags, null, description, Meter.Type.COUNTER));
      }
      Counter counter =
          Counter.builder(name)
              .description(description)
              .tags(commonTags)
              .tags(tags)
              .register(registry);
      created.add(counter);
      return counter;
    }
  }

  /** The counters of one (event type, topic, shard strategy); error counters made on first use. */
  private final class RouteMeters {
    final Tags tags;
    final Counter published;
    final AtomicReferenceArray<Counter> erroredByType =
        new AtomicReferenceArray<>(ERROR_TYPES.length);

    RouteMeters(Tags tags) {
      this.tags = tags;
      this.published = counter(PUBLISHED, "Records the broker acknowledged (or, for QoS 0-24, "
          + "that were sent without an error)", tags);
    }

    Counter errored(ErrorType type) {
      Counter counter = erroredByType.get(type.ordinal());
      if (counter == null) {
        counter = counter(ERRORED,
            "Records that failed or were dropped, shard fallbacks and failed dead-letter writes",
            tags.and("error_type", type.label()));
        erroredByType.set(type.ordinal(), counter);
      }
      return counter;
    }
  }
}
