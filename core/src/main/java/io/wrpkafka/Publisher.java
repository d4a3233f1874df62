package io.wrpkafka;

import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Header;
import io.wrpkafka.routing.RouteObserver;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation notes.
 *
 * Caller path. The calling thread does everything that depends only on the message: it reads
 * the config snapshot (one volatile read), routes, encodes the msgpack value once, builds the
 * ProducerRecord per destination and takes room in the RecordBuffer. Then it appends the record
 * to the Lane of its topic and, for QoS 0-74, returns. It never calls KafkaProducer.send itself:
 * send() blocks up to max.block.ms when the topic's metadata is unknown (a new topic, or one
 * idle for longer than metadata.max.idle.ms) and when the client's buffer.memory is exhausted,
 * and the QoS 0-24 promise is "never blocks". A lane is a serial drain per topic on a cached
 * thread pool, so a blocked send holds up only its own topic, and the lane's queue order is the
 * produce order of the records of one device.
 *
 * Buffer accounting. maxBufferedRecords/maxBufferedBytes are ours, enforced before the record
 * reaches a lane: CAS on two AtomicLongs (RecordBuffer), released in the client's completion
 * callback (or when a lane gives up on a record). QoS 0-24 takes room or is DROPPED at once;
 * 25-99 waits for room, at most recordDeliveryTimeout. The client's buffer.memory is sized
 * above maxBufferedBytes so the client rarely blocks the lane.
 *
 * QoS and the single producer. All QoS levels share one KafkaProducer because records of one
 * device must stay in order on their partition across QoS levels, and two producers writing one
 * partition cannot promise that. The producer's retry and idempotence settings are therefore per
 * producer, not per record: "no retries" for QoS 0-24 means this publisher never re-sends such
 * a record and nobody waits for it; the client may still retry the batch it shares with other
 * records (and with acks=all it is idempotent, so a retry never duplicates or reorders).
 *
 * Hot reload. updateConfig builds a new Router and swaps an immutable Snapshot in a volatile
 * field: readers never lock. When compression, linger, batchMaxBytes or acks change, it also
 * builds a new KafkaProducer and publishes it as the current ProducerHandle, then schedules
 * every lane. Each lane, before its next send, flushes the old producer (so it holds nothing
 * for that lane's partitions any more) and moves on to the new one; the last lane to leave the
 * old producer closes it. Callers keep appending to the lanes meanwhile; nothing is lost and
 * no partition ever has records in two producers at once.
 *
 * Topic creation. The Java producer always lets the broker auto-create a topic it asks about;
 * with allowAutoTopicCreation=false each lane first asks an Admin client (TopicCheck) whether
 * its topic exists and fails records for a missing one with broker_error.
 *
 * Outcomes. Every admitted record ends in completed(): it returns the buffer room, then reports
 * once (PendingRecord.claimReport) to its future, if any, and to the listeners, which run on
 * their own thread (EventDispatcher). A QoS 75-99 caller waits on the record's future until
 * recordDeliveryTimeout after its produce call; if it gives up first, it reports TIMEOUT itself.
 *
 * Seams. The step between "encoded and admitted" and "handed to a lane" (enqueue) is where a
 * local spool or a dead-letter policy would sit; completed() is where a failed record would be
 * classified for a dead-letter topic.
 */
/**
 * Routes WRP messages to Kafka topics and produces them with QoS-aware delivery.
 *
 * <p>Quality of service (the message's {@code qos}):
 *
 * <ul>
 *   <li>0–24: never blocks. {@link Outcome#ATTEMPTED} when taken, {@link Outcome#DROPPED} ({@code
 *       buffer_full}) when the buffer is full. Failures are reported to listeners only; the
 *       publisher never re-sends.
 *   <li>25–74: waits while the buffer is full (at most {@code recordDeliveryTimeout}, then {@code
 *       DROPPED}), then {@link Outcome#QUEUED}; delivered asynchronously with the client's retries.
 *   <li>75–99: waits for the broker's acknowledgement: {@link Outcome#ACCEPTED}, or {@link
 *       Outcome#FAILED} with the cause, at the latest {@code recordDeliveryTimeout} after the
 *       call ({@code timeout}).
 * </ul>
 *
 * <p>Records of one device keep their {@code produce} order on their partition, across QoS
 * levels and across hot reloads. All methods are thread-safe.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);

  private enum State {
    NEW,
    STARTED,
    STOPPED
  }

  private record Snapshot(DynamicConfig config, Router router) {}

  static {
    // Load the failure path's classes up front, not on the first caller that needs them.
    PublishException.class.getName();
  }

  private static final ProduceResult ACCEPTED = new ProduceResult(Outcome.ACCEPTED, null);
  private static final ProduceResult QUEUED = new ProduceResult(Outcome.QUEUED, null);
  private static final ProduceResult ATTEMPTED = new ProduceResult(Outcome.ATTEMPTED, null);

  private final PublisherConfig config;
  private final Function<DynamicConfig, Producer<byte[], byte[]>> producerFactory;
  private final RecordBuffer buffer;
  private final EventDispatcher events;
  private final RouteObserver routeObserver;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Function<String, Lane> newLane = this::newLane;
  private final long deliveryTimeoutNanos;
  private final Object lifecycleLock = new Object();
  private final Object swapLock = new Object();
  private final AtomicInteger generations = new AtomicInteger();
  private final List<ProducerHandle> liveProducers = new ArrayList<>();

  private volatile Snapshot snapshot;
  private volatile ProducerHandle producer;
  private volatile ExecutorService laneExecutor;
  /** Null when the broker may create topics; set by start(). */
  private volatile TopicCheck topicCheck;

  private final boolean enabled;

  private Publisher(Builder builder, boolean enabled) {
    this.enabled = enabled;
    this.config = builder.config;
    this.buffer = new RecordBuffer(config.maxBufferedRecords(), config.maxBufferedBytes());
    this.events = new EventDispatcher("wrpkafka-events-" + config.clientId());
    for (PublishListener listener : builder.listeners) {
      events.add(listener);
    }
    this.routeObserver =
        (destination, field) -> {
          if (events.hasListeners()) {
            events.shardValueMissing(destination, field);
          }
        };
    this.deliveryTimeoutNanos = config.recordDeliveryTimeout().toNanos();
    DynamicConfig initial = config.initialDynamicConfig();
    this.snapshot = new Snapshot(initial, new Router(initial));
    this.producerFactory =
        dynamic -> new KafkaProducer<>(ProducerProperties.of(config, dynamic));
  }

  /**
   * A publisher for when Kafka publishing is switched off ({@code kafka.enabled: false}): it
   * accepts every message and publishes nothing. {@code produce} never fails and never blocks; it
   * answers what a healthy publisher answers at once for the message's QoS ({@code ATTEMPTED},
   * {@code QUEUED} or {@code ACCEPTED}), started or not. {@link #isEnabled()} is false, {@link
   * #dynamicConfig()} a single catch-all route to the topic {@code wrpkafka-disabled}. Creates no
   * thread and no connection.
   */
  public static Publisher disabled() {
    return disabled(
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topic("wrpkafka-disabled").build()))
            .build());
  }

  /**
   * Like {@link #disabled()}, holding {@code dynamicConfig} so that {@link #updateConfig} and
   * {@link #dynamicConfig()} behave as on an enabled publisher (a replacement is checked and
   * kept).
   */
  public static Publisher disabled(DynamicConfig dynamicConfig) {
    Objects.requireNonNull(dynamicConfig, "dynamicConfig");
    Builder builder =
        builder()
            .config(
                PublisherConfig.builder()
                    .brokers("localhost:9092")
                    .clientId("wrpkafka-disabled")
                    .initialDynamicConfig(dynamicConfig)
                    .build());
    return new Publisher(builder, false);
  }

  /** Whether messages reach Kafka: false only for {@link #disabled()}. */
  public boolean isEnabled() {
    return enabled;
  }

  /** A builder; {@link Builder#config} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates the Kafka producer and starts the publisher's threads. Does not wait for the brokers:
   * records produced before they are reachable wait in the buffer.
   *
   * @throws IllegalStateException if already started, or stopped
   * @throws org.apache.kafka.common.KafkaException if the client rejects the configuration; the
   *     publisher then stays unstarted
   * @throws java.io.UncheckedIOException if a TLS file cannot be read
   */
  public void start() {
    synchronized (lifecycleLock) {
      State current = state.get();
      if (current != State.NEW) {
        throw new IllegalStateException(
            "publisher " + config.clientId() + " cannot start: it is "
                + current.name().toLowerCase(java.util.Locale.ROOT));
      }
      if (!enabled) {
        state.set(State.STARTED);
        return;
      }
      ProducerHandle first = newProducerHandle(snapshot.config());
      if (!config.allowAutoTopicCreation()) {
        try {
          topicCheck =
              new TopicCheck(
                  ProducerProperties.of(config, snapshot.config()),
                  config.clientId(),
                  config.requestTimeout());
        } catch (RuntimeException e) {
          first.producer().close(Duration.ZERO);
          throw e;
        }
      }
      synchronized (swapLock) {
        producer = first;
        liveProducers.add(first);
      }
      laneExecutor =
          new ThreadPoolExecutor(
              0,
              Integer.MAX_VALUE,
              30,
              TimeUnit.SECONDS,
              new SynchronousQueue<>(),
              new NamedThreads("wrpkafka-lane-" + config.clientId()));
      events.start();
      state.set(State.STARTED);
    }
  }

  /**
   * Stops taking messages, then flushes: buffered records (lingering batches included) are sent
   * at once and may take up to {@code timeout} to be acknowledged; records still unacknowledged
   * then fail, and the Kafka producer is closed. Callers waiting for buffer room fail with {@code
   * publisher_closed}. Produce calls after
   * this fail with {@code publisher_closed}. Blocks at most about {@code timeout}. Idempotent;
   * stopping a publisher that never started only marks it stopped.
   */
  public void stop(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lifecycleLock) {
      State previous = state.getAndSet(State.STOPPED);
      if (previous != State.STARTED || !enabled) {
        return;
      }
      buffer.close();
      boolean interrupted = !awaitLanesIdle(deadline);
      Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      List<ProducerHandle> toClose;
      synchronized (swapLock) {
        toClose = List.copyOf(liveProducers);
      }
      for (ProducerHandle handle : toClose) {
        try {
          handle.producer().close(remaining);
        } catch (RuntimeException e) {
          log.warn("closing producer generation {} failed", handle.generation(), e);
        }
      }
      if (topicCheck != null) {
        topicCheck.close();
      }
      laneExecutor.shutdown();
      try {
        if (!laneExecutor.awaitTermination(
            Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)),
            TimeUnit.NANOSECONDS)) {
          log.warn("publisher {} lanes did not finish at stop", config.clientId());
          laneExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        interrupted = true;
        laneExecutor.shutdownNow();
      }
      events.stop(Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits until every lane has handed its records to the client, until {@code deadline}. The
   * client then gets the rest of the time to deliver them in close(), which sends lingering
   * batches at once. Polls: stop is rare and a lane can be blocked inside send().
   *
   * @return false if interrupted
   */
  private boolean awaitLanesIdle(long deadline) {
    while (System.nanoTime() < deadline) {
      boolean idle = true;
      for (Lane lane : lanes.values()) {
        idle &= lane.isIdle();
      }
      if (idle) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      if (Thread.interrupted()) {
        return false;
      }
    }
    log.warn(
        "publisher {} stopping with records not yet handed to the client ({} buffered)",
        config.clientId(),
        buffer.state().records());
    return true;
  }

  /** Same as {@code stop(cleanupTimeout)}. */
  @Override
  public void close() {
    stop(config.cleanupTimeout());
  }

  /** Whether {@link #start()} has run and {@link #stop} has not. Lock-free. */
  public boolean isStarted() {
    return state.get() == State.STARTED;
  }

  /**
   * Routes {@code message}, encodes it and hands it to Kafka according to its QoS. QoS 0–24 never
   * blocks; 25–74 blocks only while the buffer is full; 75–99 blocks until the broker
   * acknowledges or {@code recordDeliveryTimeout} passes. A message routed to several topics
   * ({@code routing: all}) yields one record per topic and the worst of their outcomes. Never
   * throws for a publishing failure: those are in the result. Safe to call from any thread.
   *
   * @throws NullPointerException if {@code message} is null
   */
  public ProduceResult produce(Message message) {
    if (!enabled) {
      return discarded(message);
    }
    return produce(message, false).result;
  }

  /**
   * Like {@link #produce}, but returns a future that completes when the broker acknowledged every
   * record of the message ({@link Outcome#ACCEPTED}) or one failed, whatever the QoS. Taking room
   * in the buffer follows the QoS rules: 0–24 never blocks (the future completes {@code DROPPED}
   * when full), 25–99 blocks while the buffer is full. Dependent stages added without an executor
   * run on the Kafka client's I/O thread: keep them quick, or use the {@code *Async} variants.
   */
  public CompletableFuture<ProduceResult> produceAsync(Message message) {
    if (!enabled) {
      return CompletableFuture.completedFuture(discarded(message));
    }
    Submission submission = produce(message, true);
    return submission.future != null
        ? submission.future
        : CompletableFuture.completedFuture(submission.result);
  }

  /**
   * Replaces the dynamic configuration atomically: routes, headers and routing apply to the next
   * {@code produce}. A change of compression, linger, batchMaxBytes or acks builds a new Kafka
   * producer; each topic moves to it once the old one has flushed what it held, so no record is
   * lost or reordered per device. Blocks only while the new producer is built (not for the
   * flush). Readers never lock.
   *
   * @throws ConfigException if the routes cannot be compiled, or linger does not fit the static
   *     timeouts
   */
  public void updateConfig(DynamicConfig dynamicConfig) {
    Objects.requireNonNull(dynamicConfig, "dynamicConfig");
    config.checkDynamicConfig(dynamicConfig);
    synchronized (lifecycleLock) {
      Snapshot next = new Snapshot(dynamicConfig, new Router(dynamicConfig));
      Snapshot previous = snapshot;
      boolean newProducer =
          enabled && state.get() == State.STARTED && producerSettingsDiffer(previous.config(), dynamicConfig);
      ProducerHandle replacement = newProducer ? newProducerHandle(dynamicConfig) : null;
      snapshot = next;
      if (replacement == null) {
        return;
      }
      ProducerHandle old;
      synchronized (swapLock) {
        old = producer;
        producer = replacement;
        liveProducers.add(replacement);
      }
      old.release();
      for (Lane lane : lanes.values()) {
        lane.schedule();
      }
      log.info(
          "publisher {} switched to producer generation {} (compression {}, linger {}, "
              + "batchMaxBytes {}, acks {})",
          config.clientId(),
          replacement.generation(),
          dynamicConfig.compression(),
          dynamicConfig.linger(),
          dynamicConfig.batchMaxBytes(),
          dynamicConfig.acks());
    }
  }

  /**
   * The metrics of the Kafka producer currently in use (the client's own {@code
   * producer-metrics}, per-topic and per-node figures), for a metrics binding such as
   * Micrometer's. After a hot reload that replaced the producer, this answers the new producer's
   * metrics; before {@link #start()} and after {@link #stop(Duration)} it answers an empty map.
   * Lock-free; the map is the client's live, unmodifiable view.
   */
  public Map<MetricName, ? extends Metric> kafkaMetrics() {
    ProducerHandle current = producer;
    return current == null || state.get() != State.STARTED
        ? Map.of()
        : current.producer().metrics();
  }

  /** The dynamic configuration in effect. Lock-free. */
  public DynamicConfig dynamicConfig() {
    return snapshot.config();
  }

  /** The buffer's fill level. Lock-free; allocates one small record. */
  public BufferState bufferState() {
    return buffer.state();
  }

  /**
   * Adds a listener for publish events; see {@link PublishListener} for the thread that calls
   * it. Returns an action that removes it again. Thread-safe.
   */
  public Runnable addListener(PublishListener listener) {
    return events.add(Objects.requireNonNull(listener, "listener"));
  }

  // ---------------------------------------------------------------- caller path

  /** What a disabled publisher answers: the immediate success of the message's band. */
  private static ProduceResult discarded(Message message) {
    return switch (QosBand.of(Objects.requireNonNull(message, "message").qualityOfService())) {
      case FIRE_AND_FORGET -> ATTEMPTED;
      case QUEUED -> QUEUED;
      case ACKNOWLEDGED -> ACCEPTED;
    };
  }

  /** What one produce call gave: a result now, and for produceAsync a future. */
  private record Submission(ProduceResult result, CompletableFuture<ProduceResult> future) {}

  private Submission produce(Message message, boolean async) {
    Objects.requireNonNull(message, "message");
    long start = System.nanoTime();
    int qos = message.qualityOfService();
    State current = state.get();
    if (current != State.STARTED) {
      return new Submission(notRunning(current), null);
    }
    Snapshot snap = snapshot;
    List<Destination> destinations;
    try {
      destinations = snap.router().route(message, routeObserver);
    } catch (PublishException e) {
      emit(null, qos, start, e);
      return new Submission(new ProduceResult(Outcome.FAILED, e), null);
    }
    if (destinations.isEmpty()) {
      PublishException e = new PublishException(ErrorType.NO_TOPIC_MATCH, "no route gave a topic");
      emit(null, qos, start, e);
      return new Submission(new ProduceResult(Outcome.FAILED, e), null);
    }
    byte[] value;
    try {
      value = Format.MSGPACK.encode(message);
    } catch (RuntimeException e) {
      PublishException error =
          new PublishException(
              ErrorType.ENCODING_ERROR, "message could not be encoded: " + e.getMessage(), e);
      for (Destination destination : destinations) {
        emit(destination, qos, start, error);
      }
      return new Submission(new ProduceResult(Outcome.FAILED, error), null);
    }
    QosBand band = QosBand.of(qos);
    ProduceResult worst = null;
    List<PendingRecord> awaited = null;
    boolean wantsFuture = async || band == QosBand.ACKNOWLEDGED;
    for (Destination destination : destinations) {
      Object admitted = admit(destination, value, qos, band, start, wantsFuture);
      if (admitted instanceof ProduceResult rejected) {
        worst = worse(worst, rejected);
      } else if (wantsFuture) {
        if (awaited == null) {
          awaited = new ArrayList<>(destinations.size());
        }
        awaited.add((PendingRecord) admitted);
      }
    }
    if (async) {
      return new Submission(worst, combine(worst, awaited));
    }
    if (band == QosBand.ACKNOWLEDGED) {
      if (awaited != null) {
        for (PendingRecord pending : awaited) {
          worst = worse(worst, await(pending));
        }
      }
      return new Submission(worst, null);
    }
    return new Submission(worse(worst, band == QosBand.QUEUED ? QUEUED : ATTEMPTED), null);
  }

  /** Builds, admits and enqueues one record: a PendingRecord when taken, else a ProduceResult. */
  private Object admit(
      Destination destination,
      byte[] value,
      int qos,
      QosBand band,
      long start,
      boolean wantsFuture) {
    String key = destination.key();
    if (key == null && config.denyNilPartitionKey()) {
      PublishException error =
          new PublishException(
              ErrorType.VALIDATION_ERROR,
              "no partition key for topic " + destination.topic()
                  + " and denyNilPartitionKey is set");
      emit(destination, qos, start, error);
      return new ProduceResult(Outcome.FAILED, error);
    }
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    long size = value.length + (keyBytes == null ? 0 : keyBytes.length);
    List<Header> headers = destination.headers();
    List<org.apache.kafka.common.header.Header> kafkaHeaders = new ArrayList<>(headers.size());
    for (Header header : headers) {
      byte[] headerValue = header.value().getBytes(StandardCharsets.UTF_8);
      kafkaHeaders.add(new KafkaHeader(header.key(), headerValue));
      size += header.key().length() + headerValue.length;
    }
    PublishException refused = takeRoom(destination, band, size);
    if (refused != null) {
      emit(destination, qos, start, refused);
      boolean dropped =
          refused.errorType() == ErrorType.BUFFER_FULL && band != QosBand.ACKNOWLEDGED;
      return new ProduceResult(dropped ? Outcome.DROPPED : Outcome.FAILED, refused);
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(destination.topic(), null, null, keyBytes, value, kafkaHeaders);
    PendingRecord pending =
        new PendingRecord(
            this,
            record,
            destination,
            qos,
            start,
            size,
            wantsFuture ? new CompletableFuture<>() : null);
    lanes.computeIfAbsent(destination.topic(), newLane).enqueue(pending);
    return pending;
  }

  /** Takes buffer room per the QoS band; null when taken, else why not. */
  private PublishException takeRoom(Destination destination, QosBand band, long size) {
    if (band == QosBand.FIRE_AND_FORGET) {
      return buffer.tryAcquire(size) ? null : bufferFull(destination, Duration.ZERO);
    }
    try {
      if (buffer.acquire(size, deliveryTimeoutNanos)) {
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PublishException(
          ErrorType.TIMEOUT,
          "interrupted while waiting for buffer room for topic " + destination.topic(),
          e);
    }
    if (state.get() != State.STARTED) {
      return closedError("topic " + destination.topic());
    }
    return bufferFull(destination, config.recordDeliveryTimeout());
  }

  /**
   * Why a record was refused for lack of room. Built with a StringBuilder rather than string
   * concatenation: the first run of an invokedynamic concatenation site bootstraps a method
   * handle, which took up to 75 ms on a loaded two-core machine, on a QoS 0–24 caller's thread.
   */
  private PublishException bufferFull(Destination destination, Duration waited) {
    BufferState full = buffer.state();
    StringBuilder message =
        new StringBuilder(96).append("buffer full for topic ").append(destination.topic());
    if (!waited.isZero()) {
      message.append(" after waiting ").append(waited);
    }
    message.append(": ").append(full.records()).append('/').append(full.maxRecords())
        .append(" records, ").append(full.bytes()).append('/').append(full.maxBytes())
        .append(" bytes");
    return new PublishException(ErrorType.BUFFER_FULL, message.toString());
  }

  /** Waits for a QoS 75–99 record until recordDeliveryTimeout after its produce call. */
  private ProduceResult await(PendingRecord pending) {
    long remaining = pending.startNanos + deliveryTimeoutNanos - System.nanoTime();
    try {
      return pending.future.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return giveUp(
          pending,
          new PublishException(
              ErrorType.TIMEOUT,
              "no acknowledgement for topic "
                  + pending.destination.topic()
                  + " within recordDeliveryTimeout ("
                  + config.recordDeliveryTimeout()
                  + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return giveUp(
          pending,
          new PublishException(
              ErrorType.TIMEOUT,
              "interrupted while waiting for the acknowledgement for topic "
                  + pending.destination.topic(),
              e));
    } catch (ExecutionException e) {
      throw new IllegalStateException("record future completed exceptionally", e.getCause());
    }
  }

  /**
   * Reports a waiting caller's give-up, unless the record's outcome got there first. The record
   * stays in the client and may still be written; its buffer room returns when the client is done.
   */
  private ProduceResult giveUp(PendingRecord pending, PublishException error) {
    if (pending.claimReport()) {
      ProduceResult result = new ProduceResult(Outcome.FAILED, error);
      pending.future.complete(result);
      emit(pending.destination, pending.qos, pending.startNanos, error);
      return result;
    }
    return pending.future.join();
  }

  private static CompletableFuture<ProduceResult> combine(
      ProduceResult rejected, List<PendingRecord> awaited) {
    if (awaited == null) {
      return CompletableFuture.completedFuture(rejected);
    }
    if (awaited.size() == 1 && rejected == null) {
      return awaited.get(0).future;
    }
    CompletableFuture<?>[] futures = new CompletableFuture<?>[awaited.size()];
    for (int i = 0; i < futures.length; i++) {
      futures[i] = awaited.get(i).future;
    }
    return CompletableFuture.allOf(futures)
        .thenApply(
            ignored -> {
              ProduceResult worst = rejected;
              for (PendingRecord pending : awaited) {
                worst = worse(worst, pending.future.join());
              }
              return worst;
            });
  }

  /** FAILED beats DROPPED beats any success; the first of equals wins. */
  private static ProduceResult worse(ProduceResult a, ProduceResult b) {
    if (a == null) {
      return b;
    }
    return rank(b.outcome()) > rank(a.outcome()) ? b : a;
  }

  private static int rank(Outcome outcome) {
    return switch (outcome) {
      case ACCEPTED, QUEUED, ATTEMPTED -> 0;
      case DROPPED -> 1;
      case FAILED -> 2;
    };
  }

  private ProduceResult notRunning(State current) {
    return new ProduceResult(
        Outcome.FAILED,
        current == State.NEW
            ? new PublishException(
                ErrorType.NOT_STARTED, "publisher " + config.clientId() + " is not started")
            : closedError("publisher " + config.clientId()));
  }

  PublishException closedError(String what) {
    return new PublishException(ErrorType.PUBLISHER_CLOSED, what + ": publisher is stopped");
  }

  private Lane newLane(String topic) {
    return new Lane(topic, this, laneExecutor, config.recordDeliveryTimeout(), topicCheck);
  }

  // ---------------------------------------------------------------- completion path

  /** Called once per admitted record, by the client's callback or by a lane giving up. */
  void completed(PendingRecord pending, Exception exception) {
    buffer.release(pending.size);
    if (!pending.claimReport()) {
      return;
    }
    if (exception == null) {
      if (pending.future != null) {
        pending.future.complete(ACCEPTED);
      }
      emit(pending.destination, pending.qos, pending.startNanos, null);
      return;
    }
    PublishException error = classify(pending.destination.topic(), exception);
    if (pending.future != null) {
      pending.future.complete(new ProduceResult(Outcome.FAILED, error));
    }
    emit(pending.destination, pending.qos, pending.startNanos, error);
  }

  private PublishException classify(String topic, Exception exception) {
    if (exception instanceof PublishException publishException) {
      return publishException;
    }
    ErrorType type;
    if (exception instanceof org.apache.kafka.common.errors.TimeoutException) {
      type = ErrorType.TIMEOUT;
    } else if (exception instanceof RecordTooLargeException
        || exception instanceof RecordBatchTooLargeException) {
      type = ErrorType.RECORD_TOO_LARGE;
    } else if (state.get() == State.STOPPED && exception instanceof IllegalStateException) {
      type = ErrorType.PUBLISHER_CLOSED;
    } else {
      type = ErrorType.BROKER_ERROR;
    }
    return new PublishException(
        type,
        "record for topic " + topic + " failed: " + exception.getClass().getSimpleName() + ": "
            + exception.getMessage(),
        exception);
  }

  private void emit(Destination destination, int qos, long start, PublishException error) {
    if (!events.hasListeners()) {
      return;
    }
    events.publish(
        new PublishEvent(
            destination == null ? "" : nullToEmpty(destination.eventType()),
            destination == null ? "" : destination.topic(),
            destination == null ? "" : destination.shardStrategy(),
            qos,
            Duration.ofNanos(System.nanoTime() - start),
            error == null ? null : error.errorType(),
            error));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  // ---------------------------------------------------------------- producers

  ProducerHandle currentProducer() {
    return producer;
  }

  /** The current producer with one more holder, for a lane that moves to it. */
  ProducerHandle retainCurrentProducer() {
    synchronized (swapLock) {
      ProducerHandle current = producer;
      current.retain();
      return current;
    }
  }

  private ProducerHandle newProducerHandle(DynamicConfig dynamic) {
    int generation = generations.incrementAndGet();
    return new ProducerHandle(
        producerFactory.apply(dynamic),
        generation,
        closed -> {
          synchronized (swapLock) {
            liveProducers.remove(closed);
          }
        });
  }

  private static boolean producerSettingsDiffer(DynamicConfig a, DynamicConfig b) {
    return a.compression() != b.compression()
        || !a.linger().equals(b.linger())
        || a.batchMaxBytes() != b.batchMaxBytes()
        || a.acks() != b.acks();
  }

  /** Builds a {@link Publisher}. Not thread-safe. */
  public static final class Builder {
    private PublisherConfig config;
    private final List<PublishListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The static configuration (required). */
    public Builder config(PublisherConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Adds a listener; may be called several times. */
    public Builder listener(PublishListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the publisher, not yet started.
     *
     * @throws IllegalStateException if no config was set
     * @throws ConfigException if the initial routes cannot be compiled
     */
    public Publisher build() {
      if (config == null) {
        throw new IllegalStateException("config is required");
      }
      return new Publisher(this, true);
    }
  }
}
