package io.wrpkafka;

import io.wrpkafka.routing.Destination;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Listeners run on one thread of their own: never on a caller (QoS 0-74 must not pay for
 * metrics code) and never on the Kafka client's I/O thread (a slow listener must not delay
 * acknowledgements). One thread keeps events in outcome order. The queue is unbounded, so a
 * listener slower than the publish rate grows it; the contract asks listeners to be quick.
 */
/** Delivers publish events to the registered listeners on a single event thread. */
final class EventDispatcher {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

  private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();
  private final String threadName;
  private volatile ThreadPoolExecutor executor;

  EventDispatcher(String threadName) {
    this.threadName = threadName;
  }

  /** Registers a listener; the returned action removes it. */
  Runnable add(PublishListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Whether an event would reach anyone; lets callers skip building it. */
  boolean hasListeners() {
    return !listeners.isEmpty() && executor != null;
  }

  void start() {
    ThreadPoolExecutor started =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            new NamedThreads(threadName));
    executor = started;
  }

  void publish(PublishEvent event) {
    ThreadPoolExecutor current = executor;
    if (current == null) {
      return;
    }
    try {
      current.execute(() -> deliver(event));
    } catch (RejectedExecutionException e) {
      log.debug("event for topic {} after stop not delivered", event.topic());
    }
  }

  void shardValueMissing(Destination destination, String field) {
    ThreadPoolExecutor current = executor;
    if (current == null) {
      return;
    }
    try {
      current.execute(() -> deliverShardValueMissing(destination, field));
    } catch (RejectedExecutionException e) {
      log.debug("shard fallback for topic {} after stop not delivered", destination.topic());
    }
  }

  /** Delivers what is queued, waiting up to {@code timeoutNanos}, then stops the thread. */
  void stop(long timeoutNanos) {
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

  private void deliver(PublishEvent event) {
    for (PublishListener listener : listeners) {
      try {
        listener.onPublish(event);
      } catch (RuntimeException e) {
        log.warn("listener {} failed on an event for topic {}", listener, event.topic(), e);
      }
    }
  }

  private void deliverShardValueMissing(Destination destination, String field) {
    for (PublishListener listener : listeners) {
      try {
        listener.onShardValueMissing(destination, field);
      } catch (RuntimeException e) {
        log.warn("listener {} failed on a shard fallback for topic {}", listener,
            destination.topic(), e);
      }
    }
  }
}
