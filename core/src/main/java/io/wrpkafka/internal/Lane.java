package io.wrpkafka.internal;

import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import io.wrpkafka.QosBand;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * A serial sender for one topic. Callers append to a lock-free queue and, if the lane is idle,
 * schedule one drain on the lane executor; the drain sends records in queue order, so records
 * of one device (one key, one partition) reach the client in produce order. Only the holder of
 * `scheduled` calls KafkaProducer.send, so when send blocks (metadata of an unknown topic, or a
 * full client buffer) the lane waits, not the caller, and other topics' lanes keep going.
 *
 * Caller sends: handing each record to another thread costs more CPU than the client's send
 * itself (the record's bytes move between cores, the drain parks and wakes; measured in
 * benchmarks/README.md), so a QoS 25-99 produce call that finds the lane idle and warm sends
 * what is queued itself, at most CALLER_SENDS records, while it holds `scheduled` as a drain
 * would. Warm means the lane has sent on the current producer within WARM_NANOS: the client
 * then holds the topic's metadata (it forgets a topic only after metadata.max.idle.ms unused, 5
 * minutes by default), so send does not wait for it. A cold lane, a producer swap (its flush of
 * the old producer), a stopping publisher and more than CALLER_SENDS records go to the lane's
 * thread. QoS 0-24 callers never send: they must not block even where a client's send could.
 * Records that other stages enqueue (spool replay, dead letters, from the client's I/O thread)
 * never make their thread send.
 *
 * Producer swap: before each record the drain compares its producer with the current
 * generation. When a hot reload replaced it, the drain flushes the old producer (waits for
 * everything it held to be acknowledged or failed) before its first send on the new one. A
 * partition therefore never has records in two producers at once, which is what keeps
 * per-device order across the swap. The lane then releases the old producer; the last lane to
 * do so closes it.
 *
 * Exit race: the drain clears `scheduled` and then re-checks both the queue and the producer.
 * A caller (or a swap) that failed to set `scheduled` did its append (or producer write)
 * before the drain cleared it, so the re-check sees that work.
 *
 * With allowAutoTopicCreation=false the lane first asks TopicCheck whether its topic exists
 * (the producer itself would let the broker create it), and fails records for a missing topic.
 *
 * Records that waited in the lane longer than the delivery timeout fail with TIMEOUT instead of
 * being sent late; this bounds a backlog behind a topic whose metadata never arrives.
 *
 * Lingering: unless the latest append came from a caller that could send (QoS 25-99 from a
 * produce call), a drain does not end at once when the queue is empty. It parks for a fifth of
 * the producer's linger.ms (at most maxLingerNanos) while still `scheduled`, so callers only
 * append and wake nobody; then it sends what arrived meanwhile and lingers again, and ends after
 * a linger that brought nothing. A steady stream of QoS 0-24 (or spooled) records therefore
 * costs one wake-up per linger instead of a thread hand-off per record. The producer holds each
 * batch open for linger.ms anyway, so a record waits at most a fifth more before it is
 * acknowledged. A QoS 75-99 record wakes a lingering drain at once (its caller waits for the
 * acknowledgement), as does schedule() (a producer swap), and a stopping publisher's lanes do
 * not linger. With linger.ms 0 the lane never lingers. When callers can send, the drain ends
 * at once, so that the next caller finds the lane idle.
 */
/** The lane stage: sends the records of one topic in order, on the lane executor. */
final class Lane implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Lane.class);
  private static final Duration MISSING_RECHECK = Duration.ofSeconds(5);
  /** How recent a lane's last send must be for a caller to send. */
  static final long WARM_NANOS = Duration.ofSeconds(10).toNanos();
  /** The most records one produce call sends before it leaves the rest to the lane's thread. */
  static final int CALLER_SENDS = 64;

  private final String topic;
  private final ProducerGenerations producers;
  private final Executor executor;
  private final BooleanSupplier stopping;
  private final long deliveryTimeoutNanos;
  private final long maxLingerNanos;
  private final LaneQueue queue = new LaneQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /** The drain's thread while it lingers, for a wake-up; else null. */
  private volatile Thread lingering;
  /** Touched only by the running drain; handed between drains by the `scheduled` flag. */
  private ProducerGeneration handle;
  /** Whether the latest append's caller could send (QoS 25-99 from a produce call). */
  private volatile boolean callersMaySend;
  /** Whether a send on {@link #handle} returned, at {@link #lastSendNanos}. */
  private boolean sentOnHandle;
  private long lastSendNanos;
  /** Whether the topic is known to exist (always true when auto-creation is allowed). */
  private boolean topicConfirmed;
  /** Until when records fail at once because the topic was found missing. */
  private long missingUntilNanos;
  private final TopicCheck topicCheck;

  /**
   * @param topicCheck asked before the first send whether the topic exists; null when the
   *     publisher lets the broker create topics
   * @param stopping whether the publisher is stopping, for the classification of failures
   * @param maxLinger the longest a drain waits for more records before it ends
   */
  Lane(
      String topic,
      ProducerGenerations producers,
      Executor executor,
      Duration deliveryTimeout,
      TopicCheck topicCheck,
      BooleanSupplier stopping,
      Duration maxLinger) {
    this.maxLingerNanos = maxLinger.toNanos();
    this.topic = topic;
    this.producers = producers;
    this.executor = executor;
    this.stopping = stopping;
    this.deliveryTimeoutNanos = deliveryTimeout.toNanos();
    this.topicCheck = topicCheck;
    this.topicConfirmed = topicCheck == null;
  }

  /** Appends a record; never blocks. */
  void enqueue(PendingRecord record) {
    enqueue(record, false);
  }

  /**
   * Appends a record from the produce call that made it. A QoS 25-99 record's caller that finds
   * the lane idle and warm then sends the queued records itself, in order, before it returns;
   * it may then wait inside the client's send where the lane's thread would have (a full client
   * buffer). QoS 0-24 never blocks.
   */
  void enqueueFromCaller(PendingRecord record) {
    enqueue(record, QosBand.of(record.qos()) != QosBand.FIRE_AND_FORGET);
  }

  private void enqueue(PendingRecord record, boolean callerMaySend) {
    queue.add(record);
    if (callersMaySend != callerMaySend) { // written on a change only: the drain reads it
      callersMaySend = callerMaySend;
    }
    // Read before the CAS: while a drain runs or lingers `scheduled` stays set, and a failing CAS
    // would still take the flag's cache line from the drain's core, once per record.
    if (scheduled.get() || !scheduled.compareAndSet(false, true)) {
      if (QosBand.of(record.qos()) == QosBand.ACKNOWLEDGED) {
        wakeLingering();
      }
      return;
    }
    if (callerMaySend && warm()) {
      sendOnCaller();
    } else {
      execute();
    }
  }

  /**
   * Whether the holder of `scheduled` may send on its own thread: the lane has sent on the
   * current producer lately and the publisher is not stopping. Reads the drain's fields, which
   * the `scheduled` handover makes visible.
   */
  private boolean warm() {
    return sentOnHandle
        && handle == producers.current()
        && System.nanoTime() - lastSendNanos < WARM_NANOS
        && !stopping.getAsBoolean();
  }

  /**
   * Sends queued records on the caller's thread while holding `scheduled`, in queue order; hands
   * the lane to its thread after {@link #CALLER_SENDS} records or when the producer was
   * replaced, still holding `scheduled`.
   */
  private void sendOnCaller() {
    int left = CALLER_SENDS;
    try {
      while (true) {
        if (queue.isEmpty()) {
          scheduled.set(false);
          // As at the end of run(): an append that saw `scheduled` set is seen here.
          if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
            return;
          }
        }
        if (left-- == 0 || handle != producers.current()) {
          execute();
          return;
        }
        send(queue.poll()); // not null: only the holder of `scheduled` takes from the queue
      }
    } catch (RuntimeException | Error e) {
      // send() turns the client's exceptions into outcomes; this is anything else. The lane's
      // thread takes over what is queued, so no record waits for the next append.
      log.error("sending for topic {} on the caller's thread failed unexpectedly", topic, e);
      execute();
      throw e;
    }
  }

  /** Makes sure a drain will run soon, e.g. to move this lane to a new producer. */
  void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      execute();
    } else {
      wakeLingering();
    }
  }

  private void wakeLingering() {
    Thread thread = lingering;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  private void execute() {
    try {
      executor.execute(this);
    } catch (RejectedExecutionException e) {
      // Still holding `scheduled`, so this thread is the queue's only consumer while it fails
      // what is queued; then as in run(), records appended before the flag cleared are failed.
      do {
        failAll(
            new PublishException(
                ErrorType.PUBLISHER_CLOSED, "topic " + topic + ": publisher is stopped"));
        scheduled.set(false);
      } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
    }
  }

  /** Whether every record appended so far has been handed to the client (or failed). */
  boolean isIdle() {
    return !scheduled.get() && queue.isEmpty();
  }

  @Override
  public void run() {
    try {
      while (true) {
        PendingRecord record;
        while ((record = queue.poll()) != null) {
          switchIfReplaced();
          send(record);
        }
        switchIfReplaced();
        if (!callersMaySend && lingerForMore()) {
          continue;
        }
        scheduled.set(false);
        if ((queue.isEmpty() && handle == producers.current())
            || !scheduled.compareAndSet(false, true)) {
          return;
        }
      }
    } catch (RuntimeException | Error e) {
      log.error("lane for topic {} stopped unexpectedly", topic, e);
      scheduled.set(false);
      throw e;
    }
  }

  /**
   * Parks for a fifth of the producer's linger (at most {@code maxLingerNanos}) unless the
   * publisher is stopping; true when records arrived meanwhile.
   */
  private boolean lingerForMore() {
    long nanos = handle == null ? 0 : Math.min(handle.lingerNanos() / 5, maxLingerNanos);
    if (nanos <= 0 || stopping.getAsBoolean()) {
      return false;
    }
    long deadline = System.nanoTime() + nanos;
    lingering = Thread.currentThread();
    try {
      // A loop, because park may return early for no reason; the waker's append (or producer
      // swap, or stop) happens before its unpark, so the checks below see it.
      while (queue.isEmpty()
          && handle == producers.current()
          && !stopping.getAsBoolean()
          && nanos > 0) {
        LockSupport.parkNanos(this, nanos);
        nanos = deadline - System.nanoTime();
      }
    } finally {
      lingering = null;
    }
    return !queue.isEmpty() || handle != producers.current();
  }

  private void switchIfReplaced() {
    ProducerGeneration current = producers.current();
    if (current == handle) {
      return;
    }
    ProducerGeneration old = handle;
    if (old != null) {
      try {
        old.producer().flush();
      } catch (RuntimeException e) {
        log.warn("flushing producer generation {} for topic {} failed", old.number(), topic, e);
      }
    }
    handle = producers.retainCurrent();
    sentOnHandle = false;
    if (old != null) {
      old.release();
    }
  }

  private void send(PendingRecord record) {
    long now = System.nanoTime();
    if (now - record.startNanos() > deliveryTimeoutNanos) {
      record.fail(
          new PublishException(
              ErrorType.TIMEOUT,
              "record for topic "
                  + topic
                  + " waited longer than recordDeliveryTimeout ("
                  + Duration.ofNanos(deliveryTimeoutNanos)
                  + ") before it could be sent"));
      return;
    }
    if (!topicConfirmed && !confirmTopic(record)) {
      return;
    }
    try {
      handle.producer().send(record.takeRecord(), record);
      sentOnHandle = true;
      lastSendNanos = now;
    } catch (RuntimeException e) {
      record.onCompletion(null, e);
    }
  }

  /**
   * Checks, before the first send, that the topic exists; fails {@code record} when it does not
   * or when the cluster does not say within the record's delivery time. A missing topic is
   * asked about again after {@link #MISSING_RECHECK}, so that a topic created later is used.
   */
  private boolean confirmTopic(PendingRecord record) {
    long now = System.nanoTime();
    if (now - missingUntilNanos < 0) {
      record.fail(missingTopic());
      return false;
    }
    TopicCheck.Answer answer = topicCheck.exists(topic, record.startNanos() + deliveryTimeoutNanos);
    switch (answer.result()) {
      case EXISTS -> topicConfirmed = true;
      case MISSING -> {
        missingUntilNanos = System.nanoTime() + MISSING_RECHECK.toNanos();
        record.fail(missingTopic());
      }
      case UNANSWERED -> record.fail(
          new PublishException(
              ErrorType.TIMEOUT,
              "could not learn whether topic " + topic + " exists within recordDeliveryTimeout ("
                  + Duration.ofNanos(deliveryTimeoutNanos) + ")"));
      case FAILED -> record.fail(Failures.classify(topic, answer.cause(), stopping.getAsBoolean()));
    }
    return topicConfirmed;
  }

  private PublishException missingTopic() {
    return new PublishException(
        ErrorType.TOPIC_NOT_FOUND,
        "topic " + topic + " does not exist and allowAutoTopicCreation is false");
  }

  private void failAll(PublishException error) {
    PendingRecord record;
    while ((record = queue.poll()) != null) {
      record.fail(error);
    }
  }
}
