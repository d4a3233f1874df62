package io.wrpkafka.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.wrpkafka.ConfigException;
import io.wrpkafka.Publisher;
import io.wrpkafka.SpoolBacklog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/*
 * Two halves. The counters and the duration timer are fed by a PublishEventMeters registered as
 * a listener of the publisher: events arrive on the publisher's event thread, never on a caller
 * or the Kafka client's I/O thread. The buffer gauges are read by the registry when it is
 * scraped: each read calls Publisher.bufferState(), which is lock-free and allocates one small
 * record; a scrape reads five such gauges, and the circuit gauge one Publisher.health() (lock-free,
 * no request to the cluster). Gauges hold the publisher weakly (Micrometer's default), so
 * an application that drops both the publisher and this binding without closing it leaks
 * neither through the registry; the gauges then read NaN.
 *
 * State. bindTo runs once: one registry, one listener registration. close() unregisters the
 * listener first, so no event can create a meter after the sweep (PublishEventMeters guards
 * the race with the event already running).
 */
/**
 * Micrometer metrics of a {@link Publisher}: counters of published and failed records, a
 * histogram of the time from {@code produce} to the outcome, and gauges of the buffer.
 *
 * <p>Meters (names as Micrometer sees them; the Prometheus name in brackets):
 *
 * <ul>
 *   <li>{@code wrpkafka.messages.published} counter [{@code wrpkafka_messages_published_total}],
 *       tags {@code event_type}, {@code topic}, {@code shard_strategy}
 *   <li>{@code wrpkafka.messages.errored} counter [{@code wrpkafka_messages_errored_total}], the
 *       same tags plus {@code error_type} ({@link io.wrpkafka.ErrorType#label()}); counts failed
 *       and dropped records; as {@code missing_metadata_field}, shard fallbacks (whose
 *       record is still published and counted there too); as {@code dead_letter_failed} (under
 *       the dead-letter topic, with empty {@code event_type} and {@code shard_strategy}),
 *       failed records the dead-letter topic did not take either
 *   <li>{@code wrpkafka.dead.lettered} counter [{@code wrpkafka_dead_lettered_total}], tags
 *       {@code original_topic} ({@code ""} for a message that matched no route) and {@code
 *       error_type} (why the record failed): failed records the dead-letter topic acknowledged
 *   <li>{@code wrpkafka.publish.duration} timer [{@code wrpkafka_publish_duration_seconds}],
 *       tags {@code qos_band} ({@code best_effort} 0–24, {@code queued} 25–74, {@code
 *       acknowledged} 75–99) and {@code result} ({@code success}, {@code error}), with fixed
 *       histogram buckets from 1 ms to 60 s
 *   <li>gauges {@code wrpkafka.buffer.records}, {@code wrpkafka.buffer.max.records}, {@code
 *       wrpkafka.buffer.bytes}, {@code wrpkafka.buffer.max.bytes} and {@code
 *       wrpkafka.buffer.utilisation} (0.0–1.0, the fuller of the two limits)
 *   <li>gauge {@code wrpkafka.circuit.state} [{@code wrpkafka_circuit_state}]: the circuit
 *       breaker's state, 0 closed, 1 half-open, 2 open ({@link io.wrpkafka.CircuitState#level()})
 *   <li>gauges {@code wrpkafka.spool.records} [{@code wrpkafka_spool_records}], {@code
 *       wrpkafka.spool.bytes} [{@code wrpkafka_spool_bytes}] and {@code wrpkafka.spool.oldest.age}
 *       [{@code wrpkafka_spool_oldest_age_seconds}]: what the durable spool holds and has not yet
 *       delivered ({@link io.wrpkafka.Health#spoolBacklog()}); 0 without a spool
 * </ul>
 *
 * <p>Every meter also carries the tags given to {@link Builder#tags}. Give each publisher bound
 * to one registry a distinguishing tag (for example its client id), or their counters merge and
 * only the first publisher's buffer is shown.
 *
 * <p>Thread-safe. {@link #close()} removes the listener and every meter this instance
 * registered.
 */
public final class PublisherMetrics implements MeterBinder, AutoCloseable {
  static final String BUFFER_RECORDS = "wrpkafka.buffer.records";
  static final String BUFFER_MAX_RECORDS = "wrpkafka.buffer.max.records";
  static final String BUFFER_BYTES = "wrpkafka.buffer.bytes";
  static final String BUFFER_MAX_BYTES = "wrpkafka.buffer.max.bytes";
  static final String BUFFER_UTILISATION = "wrpkafka.buffer.utilisation";
  static final String CIRCUIT_STATE = "wrpkafka.circuit.state";
  static final String SPOOL_RECORDS = "wrpkafka.spool.records";
  static final String SPOOL_BYTES = "wrpkafka.spool.bytes";
  static final String SPOOL_OLDEST_AGE = "wrpkafka.spool.oldest.age";

  /** Default of {@link Builder#maxEventTypes}. */
  public static final int DEFAULT_MAX_EVENT_TYPES = 100;

  private final Publisher publisher;
  private final Tags tags;
  private final int maxEventTypes;
  private final Object lock = new Object();
  private MeterRegistry registry;
  private PublishEventMeters eventMeters;
  private Runnable removeListener;
  private final List<Meter> gauges = new ArrayList<>();
  private boolean closed;

  private PublisherMetrics(Builder builder) {
    this.publisher = builder.publisher;
    this.tags = builder.tags;
    this.maxEventTypes = builder.maxEventTypes;
  }

  /**
   * Binds the metrics of {@code publisher} with default settings to {@code registry} and returns
   * the binding; close it to unbind. Same as {@code builder(publisher).build()} followed by
   * {@link #bindTo}. The publisher may be started or not.
   *
   * @throws NullPointerException if an argument is null
   */
  public static PublisherMetrics bind(Publisher publisher, MeterRegistry registry) {
    PublisherMetrics metrics = builder(publisher).build();
    metrics.bindTo(registry);
    return metrics;
  }

  /**
   * A builder of metrics for {@code publisher}.
   *
   * @throws NullPointerException if {@code publisher} is null
   */
  public static Builder builder(Publisher publisher) {
    return new Builder(Objects.requireNonNull(publisher, "publisher"));
  }

  /**
   * Registers the meters in {@code registry} and starts counting the publisher's events. Call it
   * once: metrics of one publisher go to one registry (use a composite registry for several).
   * Counters appear with the first event of their tag combination; the timers and gauges at once.
   *
   * @throws IllegalStateException if already bound, or closed
   * @throws NullPointerException if {@code registry} is null
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("PublisherMetrics: closed, cannot bind again");
      }
      if (this.registry != null) {
        throw new IllegalStateException(
            "PublisherMetrics: already bound to " + this.registry.getClass().getSimpleName());
      }
      this.registry = registry;
      gauge(BUFFER_RECORDS, "Records buffered: taken but not yet acknowledged or failed", null,
          p -> p.bufferState().records());
      gauge(BUFFER_MAX_RECORDS, "maxBufferedRecords", null, p -> p.bufferState().maxRecords());
      gauge(BUFFER_BYTES, "Bytes buffered (key, value and headers of each record)", "bytes",
          p -> p.bufferState().bytes());
      gauge(BUFFER_MAX_BYTES, "maxBufferedBytes", "bytes", p -> p.bufferState().maxBytes());
      gauge(BUFFER_UTILISATION, "Fill level of the buffer, the fuller of its two limits (0-1)",
          null, p -> p.bufferState().utilisation());
      gauge(CIRCUIT_STATE, "Circuit breaker state: 0 closed, 1 half-open, 2 open", null,
          p -> p.health().circuitState().level());
      gauge(SPOOL_RECORDS, "Records in the durable spool not yet acknowledged or dead-lettered",
          null, p -> p.health().spoolBacklog().map(SpoolBacklog::records).orElse(0L));
      gauge(SPOOL_BYTES, "Size of the durable spool's files", "bytes",
          p -> p.health().spoolBacklog().map(SpoolBacklog::bytes).orElse(0L));
      gauge(SPOOL_OLDEST_AGE, "How long the oldest record in the durable spool has waited",
          "seconds", p -> p.health().spoolBacklog()
              .flatMap(SpoolBacklog::oldestEntryAge)
              .map(age -> age.toNanos() / 1e9)
              .orElse(0.0));
      eventMeters = new PublishEventMeters(registry, tags, maxEventTypes);
      removeListener = publisher.addListener(eventMeters);
    }
  }

  /**
   * Stops counting and removes every meter this binding registered from the registry. Does not
   * touch the publisher otherwise. Idempotent; does not block on the publisher.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (registry == null) {
        return;
      }
      removeListener.run();
      eventMeters.close();
      for (Meter gauge : gauges) {
        registry.remove(gauge);
      }
      gauges.clear();
    }
  }

  /** The listener half, for tests that feed events directly. Null until bound. */
  PublishEventMeters eventMeters() {
    synchronized (lock) {
      return eventMeters;
    }
  }

  private void gauge(
      String name, String description, String baseUnit, ToDoubleFunction<Publisher> value) {
    gauges.add(
        Gauge.builder(name, publisher, value)
            .description(description)
            .baseUnit(baseUnit)
            .tags(tags)
            .register(registry));
  }

  /** Builds {@link PublisherMetrics}. Not thread-safe. */
  public static final class Builder {
    private final Publisher publisher;
    private Tags tags = Tags.empty();
    private int maxEventTypes = DEFAULT_MAX_EVENT_TYPES;

    private Builder(Publisher publisher) {
      this.publisher = publisher;
    }

    /**
     * Tags added to every meter, such as {@code publisher=<clientId>}. Replaces earlier calls.
     *
     * @throws NullPointerException if {@code tags} is null
     */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
      return this;
    }

    /**
     * How many distinct {@code event_type} values the counters keep (default {@value
     * #DEFAULT_MAX_EVENT_TYPES}); later ones are counted as {@code event_type="_other"}. Event
     * types come from the messages, so without a bound a client sending random ones to a bridge
     * would create a series each.
     */
    public Builder maxEventTypes(int maxEventTypes) {
      this.maxEventTypes = maxEventTypes;
      return this;
    }

    /**
     * Builds the (not yet bound) metrics.
     *
     * @throws ConfigException if {@code maxEventTypes} is below 1
     */
    public PublisherMetrics build() {
      if (maxEventTypes < 1) {
        throw new ConfigException(
            "maxEventTypes: must be at least 1, was " + maxEventTypes);
      }
      return new PublisherMetrics(this);
    }
  }
}
