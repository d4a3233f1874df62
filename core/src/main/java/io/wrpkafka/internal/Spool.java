package io.wrpkafka.internal;

import io.wrpkafka.ErrorType;
import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.PublishException;
import io.wrpkafka.QosBand;
import io.wrpkafka.SpoolConfig;
import io.wrpkafka.routing.Destination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The durable store stage, between admit and lane (Pipeline.forward). Two modes:
 *
 *  - Direct (nothing waits in the spool): a spooled record is appended to the log, then goes to
 *    its lane in memory as without a spool. Its entry is acknowledged when the broker
 *    acknowledged it, or when it failed for good (after the dead-letter stage is done with it).
 *  - Draining (store and forward): a record whose delivery failed with a retryable error
 *    (timeout, cluster away, publisher stopping) keeps its entry, and from then on every new
 *    spooled record is only appended; its buffer room is returned at once (the disk holds it, not
 *    the heap). The spool's thread re-reads the log from the oldest unacknowledged entry and sends
 *    the entries again through the lanes, in sequence order, taking buffer room like any record.
 *    When it has read everything appended (checked under the log's lock, atomically with the
 *    appends) the spool goes back to direct.
 *
 * Order. The log is one sequence for all topics, so one device's spooled records are sent again
 * in their produce order, before anything newer (which waits behind them on disk). A re-send
 * pass starts only when no direct record is still in the client (they are not sent twice), and
 * after a failed pass, only when the pass's records all ended; it then starts over from the oldest
 * unacknowledged entry, one record at a time until the first acknowledgement (a probe), so an
 * outage costs one delivery timeout per attempt, not one per record. What it cannot order:
 * records already in the client when the first failure happened that are acknowledged later,
 * after the cluster came back, overtake the failed older ones (their delivery times overlap the
 * outage's end). Records below minQos do not wait behind the spool.
 *
 * Callers. QoS 25-74 hear QUEUED once the entry is written; their outcome reaches the listeners
 * (and a produceAsync future) when the entry is finally acknowledged or fails for good. QoS 75-99
 * wait as without a spool; a caller told FAILED (its recordDeliveryTimeout passed) owns the
 * record from then on, so its entry is acknowledged: the spool protects such a record only
 * against a crash before the caller had an answer. A record that failed for good
 * (non-retryable) is reported, offered to the dead-letter topic, and its entry acknowledged:
 * nothing loops forever.
 *
 * Circuit open. While the circuit breaker says no broker is reachable (clusterAway), a spooled
 * record is not sent to a client that cannot deliver it: the spool turns to store and forward at
 * once (the record is only appended, its buffer room returned), and its thread sends nothing
 * until the circuit closes. Otherwise each record would sit in the client for a delivery timeout,
 * fail, count as an error and only then be kept. Records already in the client end as usual.
 *
 * Full. While the log's files hold maxBytes or more (or the last write failed), records of
 * spooled QoS follow the in-memory rules with error spool_full: 0-24 dropped, 25-74 wait for
 * room up to recordDeliveryTimeout, 75-99 fail at once. Entries already spooled stay.
 */
/** The durable local spool stage. Thread-safe; see the core README, "Spool". */
public final class Spool {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long BUSY_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final long RETRY_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long KEPT_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final SpoolConfig config;
  private final String clientId;
  private final RecordBuffer buffer;
  private final EventDispatcher events;
  private final FailureLog failureLog;
  private final BooleanSupplier stopping;
  private final BooleanSupplier clusterAway;
  private final long deliveryTimeoutNanos;
  private final SpoolLog spoolLog;
  private final ReentrantLock roomLock = new ReentrantLock();
  private final Condition room = roomLock.newCondition();
  /** Callers' records whose outcome comes from a re-send: their future and destination. */
  private final ConcurrentHashMap<Long, PendingRecord> waiting = new ConcurrentHashMap<>();
  private final AtomicLong directInFlight = new AtomicLong();
  private final AtomicInteger replayInFlight = new AtomicInteger();
  private final AtomicLong kept = new AtomicLong();
  private volatile boolean draining;
  private volatile boolean passFailed;
  private volatile boolean writeFailed;
  private volatile boolean running;
  private Lanes lanes;
  private Outcomes outcomes;
  private FailureStage failures;
  private IntPredicate keepsRecord;
  private Thread thread;
  // The spool thread's own state.
  private SpoolLog.Cursor cursor;
  private SpoolEntry next;
  private volatile boolean probing;
  private long retryAtNanos;
  private long keptLoggedAtNanos;

  /**
   * Opens (and recovers) the spool in {@code config.directory()}. Damaged entries are logged and
   * skipped; what a previous process left is sent again first once {@link #start} ran.
   *
   * @param clusterAway whether no broker is reachable now (the circuit breaker is not closed);
   *     read on every spooled record, so it must be cheap
   * @throws UncheckedIOException if the directory cannot be created or written
   */
  public Spool(SpoolConfig config, String clientId, RecordBuffer buffer, EventDispatcher events,
      FailureLog failureLog, Duration deliveryTimeout, BooleanSupplier stopping,
      BooleanSupplier clusterAway) {
    this.config = config;
    this.clientId = clientId;
    this.buffer = buffer;
    this.events = events;
    this.failureLog = failureLog;
    this.stopping = stopping;
    this.clusterAway = clusterAway;
    this.deliveryTimeoutNanos = deliveryTimeout.toNanos();
    long segmentBytes = Math.max(16 * 1024, Math.min(64L << 20, config.maxBytes() / 8));
    try {
      this.spoolLog = SpoolLog.open(config.directory(), segmentBytes, log);
    } catch (IOException e) {
      throw new UncheckedIOException("spool directory " + config.directory() + " cannot be used",
          e);
    }
    this.draining = spoolLog.records() > 0;
  }

  /** Starts the spool's thread: upkeep, and sending again what waits. */
  public void start(Lanes lanes, Outcomes outcomes, FailureStage failures,
      IntPredicate keepsRecord) {
    this.lanes = lanes;
    this.outcomes = outcomes;
    this.failures = failures;
    this.keepsRecord = keepsRecord;
    running = true;
    thread = new Thread(this::run, "wrpkafka-spool-" + clientId);
    thread.setDaemon(true);
    thread.start();
  }

  // ---------------------------------------------------------------- health

  /** Unacknowledged records in the spool. Lock-free. */
  public long records() {
    return spoolLog.records();
  }

  /** Bytes of the spool's files. Lock-free. */
  public long bytes() {
    return spoolLog.bytes();
  }

  /** When the oldest unacknowledged record was admitted (by its segment); empty when none. Lock-free. */
  public Optional<Instant> oldestEntry() {
    return spoolLog.oldestEntry();
  }

  /** Whether the spool holds {@code maxBytes} or more, or its last write failed. Lock-free. */
  public boolean full() {
    return writeFailed || spoolLog.bytes() >= config.maxBytes();
  }

  /** Whether a record of {@code qos} would be spooled now: covered by minQos, spool not full. */
  public boolean accepts(int qos) {
    return config.covers(qos) && !full();
  }

  /** Whether records wait in the spool to be sent again (store and forward). */
  public boolean draining() {
    return draining;
  }

  // ---------------------------------------------------------------- admit

  /**
   * The spool's part of admission: null when a record of {@code qos} may go on, else why not
   * ({@code spool_full}). QoS 0–24 never waits, 25–74 waits for room up to
   * recordDeliveryTimeout, 75–99 fails at once.
   */
  PublishException admit(Destination destination, QosBand band, int qos) {
    if (!config.covers(qos) || !full()) {
      return null;
    }
    if (band == QosBand.QUEUED && awaitRoom()) {
      return null;
    }
    return new PublishException(ErrorType.SPOOL_FULL,
        spoolFullMessage(destination.topic(), band == QosBand.QUEUED));
  }

  private boolean awaitRoom() {
    long remaining = deliveryTimeoutNanos;
    roomLock.lock();
    try {
      while (full()) {
        if (remaining <= 0 || stopping.getAsBoolean()) {
          return false;
        }
        remaining = room.awaitNanos(Math.min(remaining, IDLE_PARK_NANOS));
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      roomLock.unlock();
    }
  }

  private String spoolFullMessage(String topic, boolean waited) {
    return "spool full for topic " + topic + (waited ? " after waiting " + Duration.ofNanos(
        deliveryTimeoutNanos) : "") + ": " + spoolLog.bytes() + "/" + config.maxBytes()
        + " bytes" + (writeFailed ? " (the last write to " + config.directory() + " failed)" : "");
  }

  // ---------------------------------------------------------------- forward

  /**
   * Spools {@code record} if its QoS is covered and sends it on (direct), or leaves it on disk
   * behind the backlog (draining). Returns false when the record is not spooled: the caller
   * sends it. Never blocks a QoS 0–24 caller; with {@code fsync: always} a spooled record of
   * QoS 25–99 returns after the force.
   */
  boolean forward(PendingRecord record) {
    int qos = record.qos();
    if (!config.covers(qos)) {
      return false;
    }
    boolean fireAndForget = QosBand.of(qos) == QosBand.FIRE_AND_FORGET;
    ReentrantLock lock = spoolLog.lock();
    if (fireAndForget) {
      if (!lock.tryLock()) {
        return false;
      }
    } else {
      lock.lock();
    }
    boolean direct = false;
    IOException failed = null;
    try {
      ProducerRecord<byte[], byte[]> kafkaRecord = record.record();
      long seq = spoolLog.append(System.currentTimeMillis(), qos, record.destination(),
          kafkaRecord, false);
      record.spooled(seq);
      if (!draining && clusterAway.getAsBoolean()) {
        // The circuit's opening was logged already; no log line on a caller's thread.
        draining = true;
      }
      direct = !draining;
      if (direct) {
        directInFlight.incrementAndGet();
      } else {
        if (record.future() != null) {
          waiting.put(seq, record);
        }
        record.takeRecord();
      }
    } catch (IOException e) {
      writeFailed = true;
      failed = e;
    } finally {
      lock.unlock();
    }
    if (failed != null) {
      failureLog.failed(ErrorType.SPOOL_FULL, record.topic(),
          "record not spooled: writing " + config.directory() + " failed: " + failed);
      record.fail(new PublishException(ErrorType.SPOOL_FULL, "record for topic " + record.topic()
          + " not spooled: writing " + config.directory() + " failed: " + failed.getMessage(),
          failed));
      return true;
    }
    if (!direct) {
      buffer.release(record.size());
      LockSupport.unpark(thread);
    }
    if (config.fsync() == SpoolConfig.Fsync.ALWAYS && !fireAndForget) {
      try {
        spoolLog.force();
      } catch (IOException e) {
        failureLog.failed(ErrorType.SPOOL_FULL, record.topic(),
            "forcing " + config.directory() + " failed: " + e);
      }
    }
    if (direct) {
      lanes.enqueue(record);
    }
    return true;
  }

  // ---------------------------------------------------------------- completion of direct records

  /** A direct spooled record reached completion; call first, once, whatever its end. */
  void ended(PendingRecord record) {
    if (record.spoolSeq() >= 0) {
      directInFlight.decrementAndGet();
    }
  }

  /** The broker acknowledged a spooled record. */
  void acknowledged(PendingRecord record) {
    if (record.spoolSeq() >= 0) {
      spoolLog.acknowledge(record.spoolSeq());
    }
  }

  /**
   * Whether the spool keeps a record that failed: a spooled record whose outcome was not yet
   * reported and whose failure may pass (retryable, or the publisher stopping). It is then sent
   * again later and must not be reported now.
   */
  boolean retain(PendingRecord record, PublishException error) {
    if (record.spoolSeq() < 0 || record.reported()) {
      return false;
    }
    if (!error.retryable() && error.errorType() != ErrorType.PUBLISHER_CLOSED
        && !stopping.getAsBoolean()) {
      return false;
    }
    if (record.future() != null) {
      waiting.put(record.spoolSeq(), record);
    }
    kept.incrementAndGet();
    startDraining();
    return true;
  }

  /** What to run when a spooled record that failed for good is let go: room back, entry acked. */
  Runnable releaser(PendingRecord record, Runnable release) {
    long seq = record.spoolSeq();
    if (seq < 0) {
      return release;
    }
    return () -> {
      release.run();
      waiting.remove(seq);
      spoolLog.acknowledge(seq);
    };
  }

  /** A QoS 75–99 caller was told FAILED: it owns the record now, so its entry goes. */
  void callerGaveUp(PendingRecord record) {
    long seq = record.spoolSeq();
    if (seq >= 0) {
      waiting.remove(seq);
      spoolLog.acknowledge(seq);
    }
  }

  private void startDraining() {
    ReentrantLock lock = spoolLog.lock();
    lock.lock();
    try {
      if (!draining) {
        log.warn("spool {}: delivery failed with a retryable error; new records of QoS >= {} wait"
            + " in the spool and are sent once the cluster answers", config.directory(),
            config.minQos());
      }
      draining = true;
      passFailed = true;
    } finally {
      lock.unlock();
    }
    LockSupport.unpark(thread);
  }

  // ---------------------------------------------------------------- stop

  /** Stops the thread, writes the last acknowledgements and closes the files. */
  public void stop(long deadlineNanos) {
    running = false;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      spoolLog.applyAcknowledgements();
      spoolLog.close();
      if (cursor != null) {
        cursor.close();
      }
    } catch (IOException e) {
      log.warn("spool {}: closing failed: {}", config.directory(), e.toString());
    }
    long left = spoolLog.records();
    if (left > 0) {
      log.info("spool {}: {} records left for the next start", config.directory(), left);
    }
  }

  // ---------------------------------------------------------------- the spool's thread

  private void run() {
    long lastForce = System.nanoTime();
    while (running) {
      try {
        if (spoolLog.applyAcknowledgements() > 0) {
          if (writeFailed && spoolLog.bytes() < config.maxBytes()) {
            writeFailed = false;
          }
          signalRoom();
        }
        long now = System.nanoTime();
        if (config.fsync() == SpoolConfig.Fsync.INTERVAL
            && now - lastForce >= config.fsyncInterval().toNanos()) {
          spoolLog.force();
          lastForce = now;
        }
        logKept(now);
        if (draining && !stopping.getAsBoolean()) {
          replayStep();
        } else {
          LockSupport.parkNanos(this, Math.min(IDLE_PARK_NANOS, config.fsyncInterval().toNanos()));
        }
      } catch (IOException | RuntimeException e) {
        log.error("spool {}: upkeep failed, retrying", config.directory(), e);
        LockSupport.parkNanos(this, RETRY_PAUSE_NANOS);
      }
    }
  }

  private void replayStep() throws IOException {
    if (clusterAway.getAsBoolean()) {
      LockSupport.parkNanos(this, IDLE_PARK_NANOS);
      return;
    }
    if (directInFlight.get() > 0) {
      LockSupport.parkNanos(this, BUSY_PARK_NANOS);
      return;
    }
    if (passFailed || cursor == null) {
      if (replayInFlight.get() > 0) {
        LockSupport.parkNanos(this, BUSY_PARK_NANOS);
        return;
      }
      if (passFailed) {
        long now = System.nanoTime();
        if (retryAtNanos == 0) {
          retryAtNanos = now + RETRY_PAUSE_NANOS;
        }
        if (now - retryAtNanos < 0) {
          LockSupport.parkNanos(this, Math.min(IDLE_PARK_NANOS, retryAtNanos - now));
          return;
        }
        retryAtNanos = 0;
        passFailed = false;
      }
      if (cursor != null) {
        cursor.close();
      }
      cursor = spoolLog.cursor();
      next = null;
      probing = true;
    }
    if (probing && replayInFlight.get() > 0) {
      LockSupport.parkNanos(this, BUSY_PARK_NANOS);
      return;
    }
    if (next == null) {
      next = cursor.next();
    }
    if (next == null) {
      ReentrantLock lock = spoolLog.lock();
      lock.lock();
      try {
        if (spoolLog.caughtUp(cursor) && !passFailed) {
          draining = false;
          log.info("spool {}: every waiting record was sent again; records go straight to Kafka"
              + " again", config.directory());
        }
      } finally {
        lock.unlock();
      }
      if (!draining) {
        cursor.close();
        cursor = null;
      } else {
        LockSupport.parkNanos(this, BUSY_PARK_NANOS);
      }
      return;
    }
    SpoolEntry entry = next;
    long size = entry.value().length + (entry.key() == null ? 0 : entry.key().length);
    if (!buffer.tryAcquire(size)) {
      LockSupport.parkNanos(this, BUSY_PARK_NANOS);
      return;
    }
    next = null;
    if (!spoolLog.isPending(entry.seq())) {
      buffer.release(size);
      return;
    }
    long now = System.nanoTime();
    long eventStart =
        now - TimeUnit.MILLISECONDS.toNanos(Math.max(0, System.currentTimeMillis() - entry.timeMillis()));
    replayInFlight.incrementAndGet();
    lanes.enqueue(new PendingRecord(entry.producerRecord(), entry.destination(), entry.qos(), now,
        size, null, keepsRecord.test(entry.qos()), new Resent(entry.seq(), eventStart)));
  }

  private void logKept(long now) {
    if (now - keptLoggedAtNanos < KEPT_LOG_NANOS) {
      return;
    }
    long n = kept.getAndSet(0);
    if (n > 0) {
      keptLoggedAtNanos = now;
      log.warn("spool {}: {} deliveries failed with a retryable error; the records stay in the"
          + " spool ({} waiting) and are sent again", config.directory(), n, spoolLog.records());
    }
  }

  private void signalRoom() {
    roomLock.lock();
    try {
      room.signalAll();
    } finally {
      roomLock.unlock();
    }
  }

  /** The end of a record sent again from the spool. Runs on the client's I/O thread. */
  private final class Resent implements Completion {
    private final long seq;
    private final long eventStartNanos;

    Resent(long seq, long eventStartNanos) {
      this.seq = seq;
      this.eventStartNanos = eventStartNanos;
    }

    @Override
    public void completed(PendingRecord record, Exception exception) {
      replayInFlight.decrementAndGet();
      if (exception == null) {
        buffer.release(record.size());
        probing = false;
        spoolLog.acknowledge(seq);
        PendingRecord original = waiting.remove(seq);
        if (original == null) {
          events.outcome(record.destination(), record.qos(), eventStartNanos, null);
        } else if (original.claimReport()) {
          original.future().complete(new ProduceResult(Outcome.ACCEPTED, null));
          events.outcome(original.destination(), original.qos(), original.startNanos(), null);
        }
        return;
      }
      PublishException error =
          Failures.classify(record.topic(), exception, stopping.getAsBoolean());
      if (error.retryable() || error.errorType() == ErrorType.PUBLISHER_CLOSED
          || stopping.getAsBoolean()) {
        buffer.release(record.size());
        kept.incrementAndGet();
        passFailed = true;
        LockSupport.unpark(thread);
        return;
      }
      PendingRecord original = waiting.remove(seq);
      if (original == null) {
        events.outcome(record.destination(), record.qos(), eventStartNanos, error);
      } else {
        outcomes.report(original, error);
      }
      failureLog.failed(error.errorType(), record.topic(), error.getMessage());
      Runnable release = () -> {
        buffer.release(record.size());
        spoolLog.acknowledge(seq);
      };
      if (!failures.take(record, error, release)) {
        release.run();
      }
    }
  }
}
