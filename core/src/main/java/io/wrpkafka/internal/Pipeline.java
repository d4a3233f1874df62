package io.wrpkafka.internal;

import io.wrpkafka.BufferState;
import io.wrpkafka.CircuitBreakerConfig;
import io.wrpkafka.CircuitState;
import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ErrorType;
import io.wrpkafka.Health;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.PublishException;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.QosBand;
import io.wrpkafka.SpoolBacklog;
import io.wrpkafka.SpoolConfig;
import io.wrpkafka.routing.Destination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * A record's way, one stage a file:
 *
 *   admit (RecordBuffer)  ->  durable store (Spool, when on)  ->  lane (Lanes, Lane)  ->  client
 *   (ProducerGenerations)  ->  completion (Outcomes)  ->  failure handling (FailureStage:
 *   DeadLetters)
 *
 * The publisher routes and encodes on the caller's thread, then calls admit (which applies the
 * QoS rules for buffer room) and forward. Everything after forward happens on lane threads and on
 * the client's I/O thread, and reaches the caller only through the record's future and the
 * listeners (EventDispatcher). This class wires the stages once and is the only one that knows
 * them all; no stage knows the publisher. A durable store plugs in between admit and lane
 * (forward), a circuit breaker in admit; both without touching the publisher.
 *
 * Circuit breaker. CircuitBreaker is the policy; CircuitWatch feeds it from the producer's
 * connection count and from probes (ClusterProbe), and Vitals from acknowledgements and retryable
 * failures. admit asks it first: while it is not closed, QoS 0-24 and 75-99 are refused at once
 * with circuit_open, except QoS 0-24 records the spool accepts (a minQos below 25): those are
 * admitted as usual and forwarded to it. QoS 25-74 always takes the usual way. The spool reads
 * the circuit too: while it is open, spooled records stay on disk instead of going to the client.
 */
/** The delivery stages of one publisher, wired together. Thread-safe. */
public final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final PublisherConfig config;
  private final Function<DynamicConfig, Properties> adminProperties;
  private final Supplier<DynamicConfig> dynamic;
  private final long deliveryTimeoutNanos;
  private final RecordBuffer buffer;
  private final EventDispatcher events;
  private final FailureLog failureLog = new FailureLog(log);
  private final ProducerGenerations producers;
  private final CircuitBreakerConfig circuitConfig;
  private final CircuitBreaker breaker;
  private final Vitals vitals;
  private volatile long startedNanos;
  private CircuitWatch watch;
  private volatile boolean stopping;
  private TopicCheck topicCheck;
  private Lanes lanes;
  private DeadLetters deadLetters;
  private Outcomes outcomes;
  private Spool spool;

  /**
   * Builds the stages that need no thread or connection; {@link #start} builds the rest.
   *
   * @param producerFactory builds a Kafka producer for a dynamic config
   * @param adminProperties the client properties of the topic check's Admin client
   * @param dynamic the dynamic config in effect now (read for the dead-letter topic)
   */
  public Pipeline(
      PublisherConfig config,
      Function<DynamicConfig, Producer<byte[], byte[]>> producerFactory,
      Function<DynamicConfig, Properties> adminProperties,
      Supplier<DynamicConfig> dynamic) {
    this.config = config;
    this.adminProperties = adminProperties;
    this.dynamic = dynamic;
    this.deliveryTimeoutNanos = config.recordDeliveryTimeout().toNanos();
    this.buffer = new RecordBuffer(config.maxBufferedRecords(), config.maxBufferedBytes());
    this.events = new EventDispatcher("wrpkafka-events-" + config.clientId());
    this.producers = new ProducerGenerations(producerFactory);
    this.circuitConfig = config.circuitBreaker();
    this.breaker =
        circuitConfig.enabled()
            ? new CircuitBreaker(circuitConfig.openAfter(), circuitConfig.probeInterval(),
                System::nanoTime, this::circuitChanged)
            : null;
    this.vitals = new Vitals(breaker, System::nanoTime);
  }

  /** The listeners' dispatcher; it runs once {@link #start} ran. */
  public EventDispatcher events() {
    return events;
  }

  /**
   * Creates the Kafka producer, the topic check (unless topics may be created) and the threads.
   *
   * @throws RuntimeException what the Kafka client throws for a bad configuration; then nothing
   *     is left open
   */
  public void start(DynamicConfig initial) {
    producers.start(initial);
    try {
      if (!config.allowAutoTopicCreation()) {
        topicCheck =
            new TopicCheck(adminProperties.apply(initial), config.clientId(),
                config.requestTimeout());
      }
      if (breaker != null) {
        watch =
            new CircuitWatch(breaker,
                new ClusterProbe(adminProperties.apply(initial), config.clientId(),
                    circuitConfig.probeInterval()),
                this::brokerConnections, System::nanoTime, "wrpkafka-circuit-" + config.clientId());
      }
      lanes =
          new Lanes(
              "wrpkafka-lane-" + config.clientId(),
              producers,
              config.recordDeliveryTimeout(),
              topicCheck,
              () -> stopping);
      Supplier<Optional<DeadLetterConfig>> deadLetter = () -> dynamic.get().deadLetter();
      deadLetters =
          new DeadLetters(deadLetter, lanes, buffer, events, failureLog, () -> stopping,
              config.clientId(), Clock.systemUTC(), vitals);
      if (config.spool().isPresent()) {
        spool = new Spool(config.spool().get(), config.clientId(), buffer, events, failureLog,
            config.recordDeliveryTimeout(), () -> stopping,
            () -> breaker != null && breaker.isOpen());
      }
    } catch (RuntimeException e) {
      abandonStart();
      throw e;
    }
    outcomes =
        new Outcomes(buffer, events, failureLog, deadLetters, () -> stopping, vitals, spool);
    if (spool != null) {
      spool.start(lanes, outcomes, deadLetters, deadLetters::covers);
    }
    events.start();
    startedNanos = System.nanoTime();
    if (watch != null) {
      Duration shorter =
          circuitConfig.probeInterval().compareTo(circuitConfig.openAfter()) < 0
              ? circuitConfig.probeInterval() : circuitConfig.openAfter();
      watch.start(shorter.dividedBy(4));
    }
  }

  /** Closes what a failed {@link #start} had opened, so that nothing is left open. */
  private void abandonStart() {
    if (watch != null) {
      watch.close();
    }
    if (lanes != null) {
      lanes.shutdown(0);
    }
    if (topicCheck != null) {
      topicCheck.close();
    }
    producers.closeAll(Duration.ZERO);
  }

  /**
   * Admission: takes buffer room for a record of {@code qos} and {@code size} bytes by the QoS
   * rules. While the circuit is open, QoS 75–99 is refused at once ({@code circuit_open}), and
   * QoS 0–24 too unless the spool accepts it. Otherwise QoS 0–24 never waits; 25–99 waits up to
   * {@code recordDeliveryTimeout}.
   *
   * @return null when the room was taken, else why not ({@code circuit_open}, {@code
   *     buffer_full}, or {@code publisher_closed} when the publisher stopped meanwhile)
   */
  public PublishException admit(Destination destination, int qos, QosBand band, long size) {
    CircuitBreaker circuit = breaker;
    if (circuit != null && circuit.isOpen() && refusedWhileOpen(band, qos)) {
      vitals.refused();
      return circuitOpen(destination, circuit);
    }
    PublishException refused = take(destination, band, qos, size);
    if (refused != null) {
      vitals.refused();
    }
    return refused;
  }

  /** The open circuit's rule: 75–99 fail at once, 0–24 unless spooled, 25–74 go on as usual. */
  private boolean refusedWhileOpen(QosBand band, int qos) {
    return switch (band) {
      case ACKNOWLEDGED -> true;
      case QUEUED -> false;
      case FIRE_AND_FORGET -> spool == null || !spool.accepts(qos);
    };
  }

  /**
   * {@link #refusedWhileOpen} in words, for a spool from {@code spoolMinQos} (75 or more: no
   * spool takes records while the circuit is open).
   */
  static String openRule(int spoolMinQos) {
    int queued = QosBand.QUEUED.lowest();
    int acknowledged = QosBand.ACKNOWLEDGED.lowest();
    int spooledFrom = Math.min(spoolMinQos, acknowledged);
    int droppedTo = Math.min(spooledFrom, queued) - 1;
    StringJoiner rule = new StringJoiner(", ");
    if (droppedTo >= 0) {
      rule.add(range(0, droppedTo) + " is dropped");
    }
    if (spooledFrom > queued) {
      rule.add(range(queued, spooledFrom - 1) + " waits for buffer room");
    }
    if (spooledFrom < acknowledged) {
      rule.add(range(spooledFrom, acknowledged - 1) + " goes to the spool");
    }
    return rule + " and QoS 75-99 fails at once (circuit_open)";
  }

  private static String range(int from, int to) {
    return from == to ? "QoS " + from : "QoS " + from + "-" + to;
  }

  private PublishException take(Destination destination, QosBand band, int qos, long size) {
    if (spool != null) {
      PublishException full = spool.admit(destination, band, qos);
      if (full != null) {
        return full;
      }
    }
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
    if (stopping) {
      return new PublishException(
          ErrorType.PUBLISHER_CLOSED,
          "topic " + destination.topic() + ": publisher is stopped");
    }
    return bufferFull(destination, config.recordDeliveryTimeout());
  }

  /**
   * A record that took {@code size} bytes of room in {@link #admit}, ready to {@link #forward},
   * held in compact form until a lane sends it: {@code key}, {@code value} and the headers of
   * {@code destination} (see {@link PendingRecord}). It keeps its Kafka record for the
   * dead-letter stage only when a dead-letter topic covers its QoS now, and its message's
   * {@code transactionUuid} (a reference) for the failure log.
   */
  public PendingRecord record(
      Destination destination,
      byte[] key,
      byte[] value,
      int qos,
      long startNanos,
      long size,
      CompletableFuture<ProduceResult> future,
      String transactionUuid) {
    return new PendingRecord(destination, key, value, qos, startNanos, size, future,
        deadLetters.covers(qos), outcomes, transactionUuid);
  }

  /**
   * Hands an admitted record to the next stage: the spool, when on and the record's QoS is
   * spooled, else its lane. Never blocks, except that with {@code fsync: always} a spooled QoS
   * 25–99 record waits for its write to be forced.
   */
  public void forward(PendingRecord record) {
    if (spool == null || !spool.forward(record)) {
      lanes.enqueue(record);
    }
  }

  /**
   * Reports a waiting caller's give-up, unless the record's outcome got there first. The record
   * stays in the client and ends later as usual.
   */
  public ProduceResult giveUp(PendingRecord record, PublishException error) {
    ProduceResult result = outcomes.report(record, error);
    if (spool != null && result != null && result.error() == error) {
      spool.callerGaveUp(record);
    }
    return result;
  }

  /** Offers a message that matched no route to the dead-letter topic; see {@link DeadLetters}. */
  public void unroutable(byte[] value, String eventType, int qos, long startNanos,
      PublishException error) {
    deadLetters.takeUnroutable(value, eventType, qos, startNanos, error);
  }

  /** Moves every lane to a new producer built for {@code next}; returns its generation number. */
  public long replaceProducer(DynamicConfig next) {
    long generation = producers.replace(next);
    lanes.scheduleAll();
    return generation;
  }

  /** The current Kafka producer's metrics; empty before {@link #start}. */
  public Map<MetricName, ? extends Metric> kafkaMetrics() {
    return producers.metrics();
  }

  /** The buffer's fill level. Lock-free. */
  public BufferState bufferState() {
    return buffer.state();
  }

  /**
   * The pipeline's health (see {@link Health} for the rules). Lock-free; runs no probe.
   *
   * @param notRunning why the publisher is not running ({@code not started}, {@code stopped}),
   *     null while it runs
   */
  public Health health(String notRunning) {
    Optional<Duration> sinceAck = vitals.sinceLastAcknowledgement();
    long started = startedNanos;
    Duration quiet = sinceAck.orElseGet(
        () -> started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started));
    CircuitState circuit = breaker == null ? CircuitState.CLOSED : breaker.state();
    return HealthRules.judge(new HealthRules.Facts(
        notRunning, circuit, breaker == null ? "" : breaker.openReason(), buffer.state(),
        spoolBacklog(), sinceAck, quiet, circuitConfig.openAfter(), vitals.errorsPerSecond(),
        vitals.deadLettersPerSecond()));
  }

  private Optional<SpoolBacklog> spoolBacklog() {
    Spool s = spool;
    if (s == null) {
      return Optional.empty();
    }
    Optional<Duration> age = s.oldestEntry().map(t -> Duration.between(t, Instant.now()));
    return Optional.of(new SpoolBacklog(s.records(), s.bytes(), age, s.full()));
  }

  /**
   * Stops: callers waiting for room fail, lanes hand what they hold to the client, the client
   * gets the rest of the time to deliver it, then everything closes.
   *
   * @return false if the calling thread was interrupted meanwhile
   */
  public boolean stop(long deadlineNanos) {
    stopping = true;
    if (watch != null) {
      watch.close();
    }
    buffer.close();
    boolean interrupted = !lanes.awaitIdle(deadlineNanos);
    if (!lanes.isIdle()) {
      log.warn(
          "publisher {} stopping with records not yet handed to the client ({} buffered)",
          config.clientId(),
          buffer.state().records());
    }
    producers.closeAll(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
    if (topicCheck != null) {
      topicCheck.close();
    }
    interrupted |= !lanes.shutdown(deadlineNanos - System.nanoTime());
    if (spool != null) {
      spool.stop(Math.max(deadlineNanos, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
    }
    events.stop(Math.max(deadlineNanos - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
    return !interrupted;
  }

  /** Logs a state change once (WARN when it opens, INFO when it closes) and tells listeners. */
  private void circuitChanged(CircuitState from, CircuitState to, String reason) {
    if (to == CircuitState.CLOSED) {
      log.info("publisher {}: circuit closed ({}); records flow again", config.clientId(), reason);
    } else if (from == CircuitState.CLOSED) {
      log.warn("publisher {}: circuit open: {}; {} until a probe every {}ms answers",
          config.clientId(), reason,
          openRule(config.spool().map(SpoolConfig::minQos).orElse(QosBand.ACKNOWLEDGED.lowest())),
          circuitConfig.probeInterval().toMillis());
    } else {
      log.debug("publisher {}: circuit {} -> {} ({})", config.clientId(), from, to, reason);
    }
    events.circuitStateChange(from, to, reason);
  }

  /** The producer's open broker connections (its {@code connection-count}); -1 if unknown. */
  private long brokerConnections() {
    for (Map.Entry<MetricName, ? extends Metric> metric : producers.metrics().entrySet()) {
      MetricName name = metric.getKey();
      if (name.name().equals("connection-count") && name.group().equals("producer-metrics")) {
        return metric.getValue().metricValue() instanceof Number n ? (long) n.doubleValue() : -1;
      }
    }
    return -1;
  }

  /** Why a record was refused while the circuit is open; a StringBuilder for the reason below. */
  private static PublishException circuitOpen(Destination destination, CircuitBreaker circuit) {
    return new PublishException(ErrorType.CIRCUIT_OPEN,
        new StringBuilder(160).append("circuit open for topic ").append(destination.topic())
            .append(": ").append(circuit.openReason()).toString());
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
    message.append(": ").append(full.records());
    if (full.maxRecords() > 0) {
      message.append('/').append(full.maxRecords());
    }
    message.append(" records, ").append(full.bytes()).append('/').append(full.maxBytes())
        .append(" bytes");
    return new BufferFullException(message.toString());
  }
}
