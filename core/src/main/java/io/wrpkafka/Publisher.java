package io.wrpkafka;

import io.wrpkafka.internal.EventDispatcher;
import io.wrpkafka.internal.PendingRecord;
import io.wrpkafka.internal.Pipeline;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.RouteObserver;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation notes.
 *
 * The publisher is the caller's side and the lifecycle; the delivery mechanism is the chain of
 * stages in io.wrpkafka.internal (Pipeline says which and in what order): admit -> lane ->
 * client -> completion -> failure handling. No stage knows this class.
 *
 * Caller path. The calling thread does everything that depends only on the message: it reads
 * the config snapshot (one volatile read), routes, encodes the value once (the configured
 * ValueEncoder, msgpack by default), takes the key and header bytes per destination, takes
 * room (Pipeline.admit: the QoS rules) and forwards the record, still in compact form
 * (PendingRecord), to its lane, which makes the ProducerRecord when it sends it. QoS 0-74 then
 * returns; 75-99 waits on the record's future until recordDeliveryTimeout after its produce
 * call, and reports TIMEOUT itself if it gives up first.
 *
 * Batches. produceAll reads the snapshot once and submits every message with it (route, encode,
 * admit, forward, in order, so per-device order is the batch's), then awaits the QoS 75-99
 * records: their acknowledgements overlap instead of costing one round trip each. The encoded
 * value is not reused across messages: the record owns its array until it is acknowledged or
 * dead-lettered (a lane may hold it while a producer is swapped), and the msgpack encoder already
 * writes straight into one exactly sized array, so there is no scratch buffer to share.
 *
 * QoS and the single producer. All QoS levels share one KafkaProducer because records of one
 * device must stay in order on their partition across QoS levels, and two producers writing one
 * partition cannot promise that. The producer's retry and idempotence settings are therefore per
 * producer, not per record: "no retries" for QoS 0-24 means this publisher never re-sends such
 * a record and nobody waits for it; the client may still retry the batch it shares with other
 * records (and with acks=all it is idempotent, so a retry never duplicates or reorders).
 *
 * Hot reload. updateConfig builds a new Router and swaps an immutable Snapshot in a volatile
 * field: readers never lock. When compression, linger, batchMaxBytes or acks change, the
 * pipeline also builds a new KafkaProducer and moves every lane to it (ProducerGenerations).
 */
/**
 * Routes WRP messages to Kafka topics and produces them with QoS-aware delivery.
 *
 * <p>Quality of service (the message's {@code qos}):
 *
 * <ul>
 *   <li>0–24: never blocks. {@link Outcome#ATTEMPTED} when taken, {@link Outcome#DROPPED} ({@code
 *       buffer_full}) when the buffer is full, or ({@code no_topic_match}) when no route takes
 *       it. Failures are reported to listeners only; the
 *       publisher never re-sends.
 *   <li>25–74: waits while the buffer is full (at most {@code recordDeliveryTimeout}, then {@code
 *       DROPPED}), then {@link Outcome#QUEUED}; delivered asynchronously with the client's retries.
 *   <li>75–99: waits for the broker's acknowledgement: {@link Outcome#ACCEPTED}, or {@link
 *       Outcome#FAILED} with the cause, at the latest {@code recordDeliveryTimeout} after the
 *       call ({@code timeout}).
 * </ul>
 *
 * <p>While the circuit breaker is open (no broker reachable for {@code openAfter}; see {@link
 * CircuitBreakerConfig}), QoS 0–24 is {@code DROPPED} and QoS 75–99 {@code FAILED} at once, both
 * with {@code circuit_open}; QoS 25–74 is taken as usual. With a spool, QoS 0–24 records it
 * covers ({@code spool.minQos}) are {@code ATTEMPTED} and spooled instead of dropped.
 *
 * <p>Records of one device keep their {@code produce} order on their partition, across QoS
 * levels and across hot reloads. All methods are thread-safe.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);
  private static final ProduceLog produceLog = new ProduceLog(log);

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
  /**
   * What a QoS 0–74 submit answers when every record was admitted and the produce log is off:
   * shared, so that the common produce allocates no Submission. They carry no destinations, so
   * the produce log skips them (see {@link #logged}).
   */
  private static final Submission SUBMITTED_QUEUED = new Submission(QUEUED, null);
  private static final Submission SUBMITTED_ATTEMPTED = new Submission(ATTEMPTED, null);

  private final PublisherConfig config;
  private final Pipeline pipeline;
  private final EventDispatcher events;
  private final RouteObserver routeObserver;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final long deliveryTimeoutNanos;
  private final ValueEncoder valueEncoder;
  private final Object lifecycleLock = new Object();

  private volatile Snapshot snapshot;

  private final boolean enabled;

  private Publisher(Builder builder, boolean enabled) {
    this.enabled = enabled;
    this.config = builder.config;
    this.pipeline =
        new Pipeline(
            config,
            dynamic -> new KafkaProducer<>(ProducerProperties.of(config, dynamic)),
            dynamic -> ProducerProperties.of(config, dynamic),
            () -> snapshot.config());
    this.events = pipeline.events();
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
    this.valueEncoder = config.valueEncoder();
    DynamicConfig initial = config.initialDynamicConfig();
    this.snapshot = new Snapshot(initial, new Router(initial));
    if (enabled) {
      log.info("publisher {} created: brokers {}, {} routes", config.clientId(), config.brokers(),
          initial.topicMap().size());
    } else {
      log.info("publisher created disabled (Kafka publishing is off): {} routes, nothing is sent",
          initial.topicMap().size());
    }
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
   * Checks the cluster, then creates the Kafka producer and starts the publisher's threads. With
   * {@code verifyOnStart} (the default) it first waits, at most {@code startTimeout}, until a
   * broker answers and accepts the TLS handshake and credentials; without it, it does not wait
   * for the brokers and records produced before they are reachable wait in the buffer. On any
   * exception the publisher stays unstarted (a later {@code start()} may try again) and leaves no
   * thread or connection open. Not to be called concurrently with itself.
   *
   * @throws PublishException if the cluster check fails: {@link ErrorType#AUTHENTICATION_ERROR}
   *     when the TLS handshake (the message names the certificate problem) or the SASL login (it
   *     names the mechanism and user, never the password) failed, {@link ErrorType#TIMEOUT} when
   *     no broker answered within {@code startTimeout}; the message names the brokers tried
   * @throws IllegalStateException if already started, or stopped
   * @throws org.apache.kafka.common.KafkaException if the client rejects the configuration
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
      if (config.verifyOnStart()) {
        StartCheck.verify(config);
      }
      pipeline.start(snapshot.config());
      state.set(State.STARTED);
      log.info("publisher {} started: brokers {}, {} routes, cluster check {}",
          config.clientId(), config.brokers(), snapshot.config().topicMap().size(),
          config.verifyOnStart() ? "passed" : "skipped (verifyOnStart false)");
      logWarnings(snapshot.config());
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
      boolean interrupted = !pipeline.stop(deadline);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      log.info("publisher {} stopped: brokers {}, {} records left unacknowledged",
          config.clientId(), config.brokers(), pipeline.bufferState().records());
    }
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
    return settle(message, submit(message, false, snapshot));
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
    return futureOf(message, submit(message, true, snapshot));
  }

  /**
   * Produces {@code messages} in their iteration order and returns one result per message, in
   * that order. Each message follows its own QoS exactly as in {@link #produce}: a QoS 0–24
   * message never blocks, a 25–74 one blocks only while the buffer is full, and a 75–99 one is
   * acknowledged (or failed) before this method returns. Every message is handed to Kafka before
   * the first acknowledgement is awaited, so the acknowledgements of a batch are waited for
   * together rather than one after another. One dynamic config applies to the whole batch, even
   * if {@link #updateConfig} runs meanwhile. A message that fails does not stop the others;
   * records of one device keep the batch's order on their partition. Never throws for a
   * publishing failure. Safe to call from any thread; keeps no reference to the collection.
   *
   * @throws NullPointerException if {@code messages} or one of its elements is null; then no
   *     message of the batch is produced
   */
  public List<ProduceResult> produceAll(Collection<Message> messages) {
    Message[] batch = checkedBatch(messages);
    ProduceResult[] results = new ProduceResult[batch.length];
    if (!enabled) {
      for (int i = 0; i < batch.length; i++) {
        results[i] = discarded(batch[i]);
      }
      return List.of(results);
    }
    Snapshot snap = snapshot;
    Submission[] submitted = new Submission[batch.length];
    for (int i = 0; i < batch.length; i++) {
      submitted[i] = submit(batch[i], false, snap);
    }
    for (int i = 0; i < batch.length; i++) {
      results[i] = settle(batch[i], submitted[i]);
    }
    return List.of(results);
  }

  /**
   * Like {@link #produceAll}, but returns at once a future of the results, in the batch's order,
   * that completes when every message's outcome is known, as {@link #produceAsync} does for one
   * message: acknowledged or failed, whatever the QoS. Handing the records to Kafka follows the
   * QoS rules before this method returns: 0–24 never blocks, 25–99 blocks while the buffer is
   * full. One dynamic config applies to the whole batch. Dependent stages added without an
   * executor may run on the Kafka client's I/O thread: keep them quick. Safe to call from any
   * thread.
   *
   * @throws NullPointerException if {@code messages} or one of its elements is null; then no
   *     message of the batch is produced
   */
  public CompletableFuture<List<ProduceResult>> produceAllAsync(Collection<Message> messages) {
    Message[] batch = checkedBatch(messages);
    if (!enabled) {
      return CompletableFuture.completedFuture(produceAll(messages));
    }
    Snapshot snap = snapshot;
    @SuppressWarnings("unchecked")
    CompletableFuture<ProduceResult>[] futures = new CompletableFuture[batch.length];
    for (int i = 0; i < batch.length; i++) {
      futures[i] = futureOf(batch[i], submit(batch[i], true, snap));
    }
    return CompletableFuture.allOf(futures)
        .thenApply(
            ignored -> {
              ProduceResult[] results = new ProduceResult[futures.length];
              for (int i = 0; i < futures.length; i++) {
                results[i] = futures[i].join();
              }
              return List.of(results);
            });
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
      logWarnings(dynamicConfig);
      Snapshot previous = snapshot;
      boolean newProducer =
          enabled
              && state.get() == State.STARTED
              && producerSettingsDiffer(previous.config(), dynamicConfig);
      if (!newProducer) {
        snapshot = next;
        return;
      }
      // The producer first: if the client rejects the settings, the old config stays.
      long generation = pipeline.replaceProducer(dynamicConfig);
      snapshot = next;
      log.info(
          "publisher {} switched to producer generation {} (compression {}, linger {}, "
              + "batchMaxBytes {}, acks {})",
          config.clientId(),
          generation,
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
    return state.get() != State.STARTED ? Map.of() : pipeline.kafkaMetrics();
  }

  /** The dynamic configuration in effect. Lock-free. */
  public DynamicConfig dynamicConfig() {
    return snapshot.config();
  }

  /** The buffer's fill level. Lock-free; allocates one small record. */
  public BufferState bufferState() {
    return pipeline.bufferState();
  }

  /**
   * The publisher's health now: UP, DEGRADED or DOWN with the reasons, the circuit state, the
   * time since the last acknowledgement, the buffer fill, the spool backlog, and the error and
   * dead-letter rates (see {@link Health} for the rules). Cheap enough for every readiness probe:
   * lock-free, runs no request to the cluster. A {@link #disabled()} publisher is UP with the
   * reason {@code disabled}. Thread-safe.
   */
  public Health health() {
    if (!enabled) {
      return new Health(Health.Status.UP, List.of("disabled"), CircuitState.CLOSED,
          Optional.empty(), pipeline.bufferState(), Optional.empty(), 0, 0);
    }
    State current = state.get();
    return pipeline.health(current == State.STARTED ? null
        : current == State.NEW ? "not started" : "stopped");
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

  /**
   * What handing one message to the pipeline gave: a result now, for produceAsync a future, for
   * a QoS 75–99 produce the records still to await, and the destinations (null when routing
   * failed), for the debug line.
   */
  private record Submission(
      ProduceResult result,
      CompletableFuture<ProduceResult> future,
      List<PendingRecord> awaited,
      List<Destination> destinations) {
    Submission(ProduceResult result, CompletableFuture<ProduceResult> future) {
      this(result, future, null, null);
    }
  }

  /** The batch as an array, every element checked before any is produced. */
  private static Message[] checkedBatch(Collection<Message> messages) {
    Objects.requireNonNull(messages, "messages");
    Message[] batch = messages.toArray(new Message[0]);
    for (int i = 0; i < batch.length; i++) {
      if (batch[i] == null) {
        throw new NullPointerException("messages[" + i + "] is null");
      }
    }
    return batch;
  }

  /** The result of a synchronous produce: waits for the records of a QoS 75–99 message. */
  private ProduceResult settle(Message message, Submission submission) {
    ProduceResult worst = submission.result;
    if (submission.awaited != null) {
      for (PendingRecord pending : submission.awaited) {
        worst = worse(worst, await(pending));
      }
    }
    // Asked once per message; with debug off nothing else of the line is built.
    if (logged(submission)) {
      produceLog.produced(message, submission.destinations, worst);
    }
    return worst;
  }

  private static CompletableFuture<ProduceResult> futureOf(
      Message message, Submission submission) {
    if (logged(submission)) {
      produceLog.produced(
          message, submission.destinations, submission.future == null ? submission.result : null);
    }
    return submission.future != null
        ? submission.future
        : CompletableFuture.completedFuture(submission.result);
  }

  /**
   * Routes, encodes and admits {@code message} with the config {@code snap}; does not wait for
   * acknowledgements (see {@link #settle}).
   */
  private Submission submit(Message message, boolean async, Snapshot snap) {
    Objects.requireNonNull(message, "message");
    long start = System.nanoTime();
    int qos = message.qualityOfService();
    State current = state.get();
    if (current != State.STARTED) {
      return new Submission(notRunning(current), null);
    }
    List<Destination> destinations;
    try {
      destinations = snap.router().route(message, routeObserver);
    } catch (PublishException e) {
      emit(null, qos, start, e);
      if (e.errorType() == ErrorType.NO_TOPIC_MATCH) {
        deadLetterUnroutable(message, qos, start, e);
        return new Submission(unroutable(qos, e), null);
      }
      return new Submission(new ProduceResult(Outcome.FAILED, e), null);
    }
    if (destinations.isEmpty()) {
      PublishException e = new PublishException(ErrorType.NO_TOPIC_MATCH, "no route gave a topic");
      emit(null, qos, start, e);
      deadLetterUnroutable(message, qos, start, e);
      return new Submission(unroutable(qos, e), null, null, destinations);
    }
    byte[] value;
    try {
      value = encode(message);
    } catch (RuntimeException e) {
      PublishException error =
          new PublishException(
              ErrorType.ENCODING_ERROR, "message could not be encoded: " + e.getMessage(), e);
      for (Destination destination : destinations) {
        emit(destination, qos, start, error);
      }
      return new Submission(new ProduceResult(Outcome.FAILED, error), null, null, destinations);
    }
    QosBand band = QosBand.of(qos);
    ProduceResult worst = null;
    List<PendingRecord> awaited = null;
    boolean wantsFuture = async || band == QosBand.ACKNOWLEDGED;
    for (Destination destination : destinations) {
      Object admitted =
          admit(destination, value, qos, band, start, wantsFuture, message.transactionUuid());
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
      return new Submission(worst, combine(worst, awaited), null, destinations);
    }
    if (band == QosBand.ACKNOWLEDGED) {
      return new Submission(worst, null, awaited, destinations);
    }
    ProduceResult result = worse(worst, band == QosBand.QUEUED ? QUEUED : ATTEMPTED);
    if (!produceLog.enabled()) {
      if (result == QUEUED) {
        return SUBMITTED_QUEUED;
      }
      if (result == ATTEMPTED) {
        return SUBMITTED_ATTEMPTED;
      }
    }
    return new Submission(result, null, null, destinations);
  }

  /**
   * Whether the produce log may write {@code submission}'s line: not for the shared submissions
   * made while it was off (it was switched on between submit and now, and they have no
   * destinations to tell).
   */
  private static boolean logged(Submission submission) {
    return produceLog.enabled()
        && submission != SUBMITTED_QUEUED
        && submission != SUBMITTED_ATTEMPTED;
  }

  /** Builds, admits and enqueues one record: a PendingRecord when taken, else a ProduceResult. */
  private Object admit(
      Destination destination,
      byte[] value,
      int qos,
      QosBand band,
      long start,
      boolean wantsFuture,
      String transactionUuid) {
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
    // Header values arrive as the router's UTF-8 arrays (shared for fixed values): no String
    // or copy of ours per record.
    int headerCount = destination.headers().size();
    for (int i = 0; i < headerCount; i++) {
      size += destination.headerKey(i).length() + destination.headerValueBytes(i).length;
    }
    PublishException refused = pipeline.admit(destination, qos, band, size);
    if (refused != null) {
      emit(destination, qos, start, refused);
      boolean full =
          refused.errorType() == ErrorType.BUFFER_FULL
              || refused.errorType() == ErrorType.SPOOL_FULL;
      boolean dropped = band == QosBand.FIRE_AND_FORGET || (full && band == QosBand.QUEUED);
      return new ProduceResult(dropped ? Outcome.DROPPED : Outcome.FAILED, refused);
    }
    // The record stays in compact form (key, value, header arrays) until its lane sends it.
    PendingRecord pending =
        pipeline.record(
            destination,
            keyBytes,
            value,
            qos,
            start,
            size,
            wantsFuture ? new CompletableFuture<>() : null,
            transactionUuid);
    pipeline.forward(pending);
    return pending;
  }

  /** Waits for a QoS 75–99 record until recordDeliveryTimeout after its produce call. */
  private ProduceResult await(PendingRecord pending) {
    long remaining = pending.startNanos() + deliveryTimeoutNanos - System.nanoTime();
    try {
      return pending.future().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return pipeline.giveUp(
          pending,
          new PublishException(
              ErrorType.TIMEOUT,
              "no acknowledgement for topic "
                  + pending.topic()
                  + " within recordDeliveryTimeout ("
                  + config.recordDeliveryTimeout()
                  + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return pipeline.giveUp(
          pending,
          new PublishException(
              ErrorType.TIMEOUT,
              "interrupted while waiting for the acknowledgement for topic "
                  + pending.topic(),
              e));
    } catch (ExecutionException e) {
      throw new IllegalStateException("record future completed exceptionally", e.getCause());
    }
  }

  private static CompletableFuture<ProduceResult> combine(
      ProduceResult rejected, List<PendingRecord> awaited) {
    if (awaited == null) {
      return CompletableFuture.completedFuture(rejected);
    }
    if (awaited.size() == 1 && rejected == null) {
      return awaited.get(0).future();
    }
    CompletableFuture<?>[] futures = new CompletableFuture<?>[awaited.size()];
    for (int i = 0; i < futures.length; i++) {
      futures[i] = awaited.get(i).future();
    }
    return CompletableFuture.allOf(futures)
        .thenApply(
            ignored -> {
              ProduceResult worst = rejected;
              for (PendingRecord pending : awaited) {
                worst = worse(worst, pending.future().join());
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

  private PublishException closedError(String what) {
    return new PublishException(ErrorType.PUBLISHER_CLOSED, what + ": publisher is stopped");
  }

  /**
   * A message no route takes: at QoS 0–24 it is dropped, as the seed's "no match = dropped
   * message + metric" (nobody waits for it); from QoS 25 the caller is told it failed.
   */
  private static ProduceResult unroutable(int qos, PublishException e) {
    Outcome outcome = QosBand.of(qos) == QosBand.FIRE_AND_FORGET ? Outcome.DROPPED : Outcome.FAILED;
    return new ProduceResult(outcome, e);
  }

  /** Offers a message that matched no route to the dead-letter topic, if it takes such. */
  private void deadLetterUnroutable(Message message, int qos, long start, PublishException e) {
    if (snapshot.config().deadLetter().isEmpty()) {
      return;
    }
    byte[] value;
    try {
      value = encode(message);
    } catch (RuntimeException encoding) {
      return;
    }
    pipeline.unroutable(value, "", qos, start, e);
  }

  /** The record value of {@code message}, by the configured {@link ValueEncoder}. */
  private byte[] encode(Message message) {
    byte[] value = valueEncoder.encode(message);
    if (value == null) {
      throw new IllegalStateException(valueEncoder + " returned no value");
    }
    return value;
  }

  private void emit(Destination destination, int qos, long start, PublishException error) {
    events.outcome(destination, qos, start, error);
  }

  /** Dead routes and headers naming no WRP field are allowed; say so once per config taken. */
  private void logWarnings(DynamicConfig dynamic) {
    for (String warning : dynamic.warnings()) {
      log.warn("publisher {}: {}", config.clientId(), warning);
    }
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
