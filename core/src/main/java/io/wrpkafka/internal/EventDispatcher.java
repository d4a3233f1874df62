package io.wrpkafka.internal;

import io.wrpkafka.CircuitState;
import io.wrpkafka.DeadLetterEvent;
import io.wrpkafka.PublishEvent;
import io.wrpkafka.PublishException;
import io.wrpkafka.PublishListener;
import io.wrpkafka.routing.Destination;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Listeners run on one thread of their own: never on a caller (QoS 0-74 must not pay for
 * metrics code) and never on the Kafka client's I/O thread (a slow listener must not delay
 * acknowledgements). One thread keeps events in outcome order. The queue is unbounded, so a
 * listener slower than the publish rate grows it; the contract asks listeners to be quick.
 */
/** Delivers publish events to the registered listeners on a single event thread. Thread-safe. */
public final class EventDispatcher {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

  private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();
  private final String threadName;
  private volatile ThreadPoolExecutor executor;

  /** @param threadName the event thread's name prefix */
  public EventDispatcher(String threadName) {
    this.threadName = threadName;
  }

  /** Registers a listener; the returned action removes it. */
  public Runnable add(PublishListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Whether an event would reach anyone; lets callers skip building it. */
  public boolean hasListeners() {
    return !listeners.isEmpty() && executor != null;
  }

  /** Starts the event thread; events before this are not delivered. */
  public void start() {
    executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            new NamedThreads(threadName));
  }

  /**
   * Queues the outcome of a record for the listeners, if there are any; never blocks.
   *
   * @param destination where the record went; null when it could not be routed
   * @param startNanos {@link System#nanoTime()} of the produce call
   * @param error null on success
   */
  public void outcome(Destination destination, int qos, long startNanos, PublishException error) {
    if (!hasListeners()) {
      return;
    }
    publish(
        new PublishEvent(
            destination == null ? "" : nullToEmpty(destination.eventType()),
            destination == null ? "" : destination.topic(),
            destination == null ? "" : destination.shardStrategy(),
            qos,
            Duration.ofNanos(System.nanoTime() - startNanos),
            error == null ? null : error.errorType(),
            error));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Queues {@code event} for the listeners; never blocks. */
  public void publish(PublishEvent event) {
    dispatch(listener -> listener.onPublish(event), "an event", event.topic());
  }

  /** Queues a shard fallback for the listeners; never blocks. */
  public void shardValueMissing(Destination destination, String field) {
    dispatch(
        listener -> listener.onShardValueMissing(destination, field),
        "a shard fallback",
        destination.topic());
  }

  /** Queues a dead-letter outcome for the listeners; never blocks. */
  public void deadLetter(DeadLetterEvent event) {
    dispatch(
        listener -> listener.onDeadLetter(event), "a dead-letter event", event.originalTopic());
  }

  /** Queues a change of the circuit breaker's state for the listeners; never blocks. */
  public void circuitStateChange(CircuitState from, CircuitState to, String reason) {
    dispatch(listener -> listener.onCircuitStateChange(from, to, reason), "a circuit change", "");
  }

  /** Delivers what is queued, waiting up to {@code timeoutNanos}, then stops the thread. */
  public void stop(long timeoutNanos) {
    ThreadPoolExecutor current = executor;
    if (current == null) {
      return;
    }
    current.shutdown();
    try {
      if (!current.awaitTermination(Math.max(timeoutNanos, 0), TimeUnit.NANOSECONDS)) {
        log.warn("{} events not delivered to listeners at stop", current.getQueue().size());
        current.shutdownNow();
      }
    } catch (InterruptedException e) {
      current.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(Consumer<PublishListener> call, String what, String topic) {
    ThreadPoolExecutor current = executor;
    if (current == null) {
      return;
    }
    try {
      current.execute(() -> deliver(call, what, topic));
    } catch (RejectedExecutionException e) {
      log.debug("{} for topic {} after stop not delivered", what, topic);
    }
  }

  private void deliver(Consumer<PublishListener> call, String what, String topic) {
    for (PublishListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.warn("listener {} failed on {} for topic {}", listener, what, topic, e);
      }
    }
  }
}
