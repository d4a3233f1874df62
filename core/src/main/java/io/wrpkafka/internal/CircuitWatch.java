package io.wrpkafka.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One thread per publisher ("wrpkafka-circuit-<clientId>") ticks four times per probe interval
 * (or per openAfter, if shorter). A tick reads the producer's connection count (a metric, no
 * request), asks the breaker whether a probe is due, runs it on this thread (blocking up to the
 * probe interval) and lets the breaker open if the evidence is old enough. Nothing here runs on
 * a caller's thread or the client's I/O thread, and health() never triggers a probe.
 *
 * Probes run only while there is a reason: the circuit is open, evidence of an outage is fresh,
 * or the producer holds no broker connection (also the case for an idle producer before its
 * first send: then one describeCluster per probe interval, over the probe's own connection).
 */
/** Feeds the circuit breaker from the producer's connections and from probes. Thread-safe. */
final class CircuitWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CircuitWatch.class);

  private final CircuitBreaker breaker;
  private final ClusterProbe probe;
  private final LongSupplier brokerConnections;
  private final LongSupplier nanoClock;
  private final ScheduledExecutorService thread;

  /**
   * @param brokerConnections the producer's open broker connections; negative when unknown
   */
  CircuitWatch(CircuitBreaker breaker, ClusterProbe probe, LongSupplier brokerConnections,
      LongSupplier nanoClock, String threadName) {
    this.breaker = breaker;
    this.probe = probe;
    this.brokerConnections = brokerConnections;
    this.nanoClock = nanoClock;
    this.thread = Executors.newSingleThreadScheduledExecutor(new NamedThreads(threadName));
  }

  /** Starts ticking every {@code tick}. */
  void start(Duration tick) {
    long nanos = Math.max(tick.toNanos(), TimeUnit.MILLISECONDS.toNanos(5));
    thread.scheduleWithFixedDelay(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    try {
      boolean suspect = brokerConnections.getAsLong() == 0;
      if (breaker.probeDue(suspect)) {
        long started = nanoClock.getAsLong();
        breaker.probing();
        String failure = probe.failure();
        if (Thread.currentThread().isInterrupted()) {
          return; // stopping: an abandoned probe says nothing about the cluster
        }
        if (failure == null) {
          breaker.reachable("a broker answered the probe");
        } else {
          breaker.probeFailed(failure, started);
        }
      }
      breaker.check();
    } catch (RuntimeException e) {
      // A tick that throws would end the schedule: log and carry on with the next one.
      log.warn("circuit breaker check failed: {}", e.toString());
    }
  }

  /** Stops ticking (a probe under way is abandoned) and closes the probe's client. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    probe.close();
  }
}
