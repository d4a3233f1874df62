package io.wrpkafka.internal;

import io.wrpkafka.PublishException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/*
 * The completion stage reports here what it sees, and the admission and dead-letter stages what
 * they refuse or keep; health() reads the figures. An acknowledgement costs a clock read, one
 * opaque write and, with the circuit closed and no streak, two volatile reads in the breaker: it
 * runs on the client's I/O thread for every record. The write is opaque, not volatile: readers
 * want a recent time, not an order with other writes, and on x86 a volatile write adds a fence
 * that waits for the I/O thread's earlier stores, once per record.
 */
/**
 * A publisher's recent delivery signs: the last acknowledgement, error and dead-letter rates;
 * passes what tells whether a broker is reachable on to the circuit breaker. Thread-safe.
 */
final class Vitals {
  private static final long NEVER = Long.MIN_VALUE;
  private static final VarHandle LAST_ACK;

  static {
    try {
      LAST_ACK = MethodHandles.lookup().findVarHandle(Vitals.class, "lastAckNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final CircuitBreaker breaker;
  private final LongSupplier nanoClock;
  private final RecentRate errors;
  private final RecentRate deadLetters;
  /** Written and read opaque (atomic, no fence) through {@link #LAST_ACK}. */
  @SuppressWarnings("unused")
  private long lastAckNanos = NEVER;

  /** @param breaker the circuit breaker to feed; null without one */
  Vitals(CircuitBreaker breaker, LongSupplier nanoClock) {
    this.breaker = breaker;
    this.nanoClock = nanoClock;
    this.errors = new RecentRate(nanoClock);
    this.deadLetters = new RecentRate(nanoClock);
  }

  /** The broker acknowledged a record. Lock-free. */
  void acknowledged() {
    LAST_ACK.setOpaque(this, nanoClock.getAsLong());
    if (breaker != null) {
      breaker.reachable("a record was acknowledged");
    }
  }

  /**
   * A record failed in the client with {@code error}; a retryable one, outside a stop, is
   * evidence for the circuit breaker.
   */
  void failed(PublishException error, boolean stopping) {
    errors.increment();
    if (breaker != null && !stopping && error.retryable()) {
      breaker.sendFailed(error.errorType().label() + ": " + error.getMessage());
    }
  }

  /** Admission refused a record (buffer full, circuit open). Lock-free. */
  void refused() {
    errors.increment();
  }

  /** A failed record was written to the dead-letter topic. Lock-free. */
  void deadLettered() {
    deadLetters.increment();
  }

  /** Time since the last acknowledgement; empty if there was none. */
  Optional<Duration> sinceLastAcknowledgement() {
    long last = (long) LAST_ACK.getOpaque(this);
    return last == NEVER ? Optional.empty()
        : Optional.of(Duration.ofNanos(nanoClock.getAsLong() - last));
  }

  /** Failed and refused records per second over the last minute. */
  double errorsPerSecond() {
    return errors.perSecond();
  }

  /** Dead-lettered records per second over the last minute. */
  double deadLettersPerSecond() {
    return deadLetters.perSecond();
  }
}
