package io.wrpkafka.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why lanes: KafkaProducer.send blocks up to max.block.ms when a topic's metadata is unknown and
 * when the client's buffer.memory is exhausted, and a QoS 0-24 caller must never block. So
 * callers only append to the lane of their topic; one serial drain per topic, on a cached pool,
 * calls send. A blocked send holds up only its own topic, and the lane's order is the produce
 * order of one device's records. A drain lingers up to MAX_LINGER for more records before it
 * ends (see Lane): a millisecond is a fifth of the default linger.ms and, in a stream of 100k
 * records/s, a hundred records per wake-up.
 */
/** The lane stage: one {@link Lane} per topic and the threads that drain them. Thread-safe. */
public final class Lanes {
  private static final Logger log = LoggerFactory.getLogger(Lanes.class);
  static final Duration MAX_LINGER = Duration.ofMillis(1);

  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Function<String, Lane> newLane = this::newLane;
  private final ProducerGenerations producers;
  private final Duration deliveryTimeout;
  private final TopicCheck topicCheck;
  private final BooleanSupplier stopping;
  private final ThreadPoolExecutor executor;

  /**
   * @param threadName the lane threads' name prefix
   * @param topicCheck asked before a lane's first send whether its topic exists; null when the
   *     broker may create topics
   * @param stopping whether the publisher is stopping
   */
  public Lanes(
      String threadName,
      ProducerGenerations producers,
      Duration deliveryTimeout,
      TopicCheck topicCheck,
      BooleanSupplier stopping) {
    this.producers = producers;
    this.deliveryTimeout = deliveryTimeout;
    this.topicCheck = topicCheck;
    this.stopping = stopping;
    this.executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new NamedThreads(threadName));
  }

  /** Appends {@code record} to the lane of its topic; never blocks. */
  public void enqueue(PendingRecord record) {
    // get first: computeIfAbsent locks the bin when the key is not its first node.
    Lane lane = lanes.get(record.topic());
    if (lane == null) {
      lane = lanes.computeIfAbsent(record.topic(), newLane);
    }
    lane.enqueue(record);
  }

  /** Wakes every lane, e.g. to move to a new producer generation. */
  public void scheduleAll() {
    for (Lane lane : lanes.values()) {
      lane.schedule();
    }
  }

  /**
   * Waits until every lane has handed its records to the client, until {@code deadlineNanos}.
   * Polls: stop is rare and a lane can be blocked inside send().
   *
   * @return false if interrupted
   */
  public boolean awaitIdle(long deadlineNanos) {
    while (System.nanoTime() - deadlineNanos < 0) {
      if (isIdle()) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      if (Thread.interrupted()) {
        return false;
      }
    }
    return true;
  }

  /** Whether every lane has handed everything appended so far to the client. */
  public boolean isIdle() {
    for (Lane lane : lanes.values()) {
      if (!lane.isIdle()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops the lane threads, waiting up to {@code timeoutNanos} (at least a second) for drains
   * still running.
   *
   * @return false if interrupted
   */
  public boolean shutdown(long timeoutNanos) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(
          Math.max(timeoutNanos, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS)) {
        log.warn("lanes did not finish at stop");
        executor.shutdownNow();
      }
      return true;
    } catch (InterruptedException e) {
      executor.shutdownNow();
      return false;
    }
  }

  private Lane newLane(String topic) {
    return new Lane(
        topic, producers, executor, deliveryTimeout, topicCheck, stopping, MAX_LINGER);
  }
}
