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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Listeners run on one thread of their own: never on a caller (QoS 0-74 must not pay for
 * metrics code) and never on the Kafka client's I/O thread (a slow listener must not delay
 * acknowledgements). One thread keeps events in outcome order. The queue is unbounded, so a
 * listener slower than the publish rate grows it; the contract asks listeners to be quick.
 *
 * Hand-off. An event is queued on a lock-free queue; the event thread is woken only when it
 * said it would park for good (`parked`). After emptying the queue it first lingers LINGER
 * without saying so, so that in a steady stream of events (one per record, with a listener such
 * as the Micrometer meters) producers only append and wake nobody: one wake-up per linger rather
 * than a thread hand-off per event, which on two cores cost more CPU than the listener. A
 * listener sees an event at most LINGER later than a hand-off would have shown it. When a linger
 * brought nothing the thread parks until woken: no CPU while idle.
 *
 * Lost wake-up: the thread sets `parked` before it re-checks the queue, and a producer appends
 * before it reads `parked` (both volatile), so one of the two always sees the other.
 */
/** Delivers publish events to the registered listeners on a single event thread. Thread-safe. */
public final class EventDispatcher {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();
  private final String threadName;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private volatile Thread thread;
  /** Set by the event thread before it parks until woken; a producer that sees it wakes it. */
  private volatile boolean parked;
  /** Set by stop: events are no longer taken; the thread ends once the queue is empty. */
  private volatile boolean stopped;
  /** Set when stop gave up waiting: the thread ends without delivering the rest. */
  private volatile boolean abandoned;
  /** Wake-ups of the event thread by producers, for tests of the hand-off. */
  private final AtomicLong wakeUps = new AtomicLong();

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
    return !listeners.isEmpty() && thread != null && !stopped;
  }

  /** Starts the event thread; events before this are not delivered. Call once. */
  public void start() {
    Thread t = new NamedThreads(threadName).newThread(this::run);
    thread = t;
    t.start();
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
    Thread t = thread;
    if (t == null) {
      return;
    }
    stopped = true;
    LockSupport.unpark(t);
    try {
      t.join(Math.max(TimeUnit.NANOSECONDS.toMillis(timeoutNanos), 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      log.warn("{} events not delivered to listeners at stop", queue.size());
      abandoned = true;
      LockSupport.unpark(t);
    } else if (!queue.isEmpty()) {
      log.debug("{} events queued during stop not delivered", queue.size());
    }
  }

  /** Wake-ups of the event thread by producers so far. */
  long wakeUps() {
    return wakeUps.get();
  }

  /** Whether the event thread is parked until the next event wakes it. */
  boolean parked() {
    return parked;
  }

  private void dispatch(Consumer<PublishListener> call, String what, String topic) {
    Thread t = thread;
    if (t == null) {
      return;
    }
    if (stopped) {
      log.debug("{} for topic {} after stop not delivered", what, topic);
      return;
    }
    queue.add(() -> deliver(call, what, topic));
    if (parked) {
      parked = false;
      wakeUps.incrementAndGet();
      LockSupport.unpark(t);
    }
  }

  /** The event thread: delivers in queue order, lingers, parks; see the comment at the top. */
  private void run() {
    while (!abandoned) {
      Runnable task = queue.poll();
      if (task != null) {
        runTask(task);
        continue;
      }
      if (stopped) {
        return;
      }
      LockSupport.parkNanos(this, LINGER_NANOS);
      if (!queue.isEmpty() || stopped) {
        continue;
      }
      parked = true;
      if (queue.isEmpty() && !stopped) {
        LockSupport.park(this);
      }
      parked = false;
    }
  }

  private static void runTask(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      log.error("delivering an event to the listeners failed", e);
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
