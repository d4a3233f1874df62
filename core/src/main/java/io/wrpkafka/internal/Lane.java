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
 * of one device (one key, one partition) reach the client in produce order. Only this drain
 * calls KafkaProducer.send, so when send blocks (metadata of an unknown topic, or a full
 * client buffer) the lane waits, not the caller, and other topics' lanes keep going.
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
 * Lingering: a drain that emptied the queue does not end at once. It parks for a fifth of the
 * producer's linger.ms (at most maxLingerNanos) while still `scheduled`, so callers only append
 * and wake nobody; then it sends what arrived meanwhile and lingers again, and ends after a
 * linger that brought nothing. A steady stream therefore costs one wake-up per linger instead of
 * a thread hand-off per record (which, on two cores, cost more CPU than the record itself). The
 * producer holds each batch open for linger.ms anyway, so a record waits at most a fifth more
 * before it is acknowledged. A QoS 75-99 record wakes a lingering drain at once (its caller
 * waits for the acknowledgement), as does schedule() (a producer swap), and a stopping
 * publisher's lanes do not linger. With linger.ms 0 the lane never lingers.
 */
/** The lane stage: sends the records of one topic in order, on the lane executor. */
final class Lane implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Lane.class);
  private static final Duration MISSING_RECHECK = Duration.ofSeconds(5);

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
    queue.add(record);
    // Read before the CAS: while a drain runs or lingers `scheduled` stays set, and a failing CAS
    // would still take the flag's cache line from the drain's core, once per record.
    if (scheduled.get() || !scheduled.compareAndSet(false, true)) {
      if (QosBand.of(record.qos()) == QosBand.ACKNOWLEDGED) {
        wakeLingering();
      }
      return;
    }
    execute();
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
        if (lingerForMore()) {
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
    if (old != null) {
      old.release();
    }
  }

  private void send(PendingRecord record) {
    if (System.nanoTime() - record.startNanos() > deliveryTimeoutNanos) {
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
