package io.wrpkafka.internal;

import io.wrpkafka.CircuitState;
import java.time.Duration;
import java.util.function.LongSupplier;

/*
 * The policy alone: states, and what moves between them. It knows no Kafka and no thread; the
 * CircuitWatch feeds it probe results and the completion stage (through Vitals) feeds it
 * acknowledgements and retryable send failures. The clock is given, so the rules are tested
 * with a fake one.
 *
 *   CLOSED --(evidence of no broker for openAfter)--> OPEN --(probe starts)--> HALF_OPEN
 *   HALF_OPEN --(probe fails)--> OPEN          any --(a broker answers)--> CLOSED
 *
 * Evidence is a failed probe or a send that failed with a retryable error. A streak of evidence
 * starts at the first one and ends at any answer from a broker (an acknowledgement, a probe that
 * succeeds); the circuit opens once a streak is openAfter long. A send failure while the circuit
 * is already open moves nothing: records still in the client keep failing then.
 *
 * Reads of the state are one volatile read (the admission path asks on every record); an
 * acknowledgement while closed and without a streak is two volatile reads. Everything that may
 * change the state holds the monitor, and the transition callback runs under it, so listeners
 * see transitions in order, each once.
 */
/** The circuit breaker's state machine. Thread-safe. */
final class CircuitBreaker {
  /** Told of every state change, under the breaker's lock; must not call back into it. */
  @FunctionalInterface
  interface Transitions {
    void changed(CircuitState from, CircuitState to, String reason);
  }

  private static final long NONE = Long.MIN_VALUE;

  private final Duration openAfter;
  private final long openAfterNanos;
  private final long probeIntervalNanos;
  private final LongSupplier nanoClock;
  private final Transitions transitions;

  private volatile CircuitState state = CircuitState.CLOSED;
  private volatile long failingSince = NONE;
  private volatile String openReason = "";
  private String lastEvidence = "";
  private long lastProbeStart = NONE;

  /**
   * @param nanoClock a monotonic clock in nanoseconds, like {@link System#nanoTime()}
   * @param transitions told of each state change
   */
  CircuitBreaker(Duration openAfter, Duration probeInterval, LongSupplier nanoClock,
      Transitions transitions) {
    this.openAfter = openAfter;
    this.openAfterNanos = openAfter.toNanos();
    this.probeIntervalNanos = probeInterval.toNanos();
    this.nanoClock = nanoClock;
    this.transitions = transitions;
  }

  /** The state now. Lock-free. */
  CircuitState state() {
    return state;
  }

  /** Whether calls are refused: open or half-open. Lock-free. */
  boolean isOpen() {
    return state != CircuitState.CLOSED;
  }

  /** Why the circuit opened last; empty if it never did. */
  String openReason() {
    return openReason;
  }

  /** A broker answered ({@code how}): ends a streak and closes the circuit. */
  void reachable(String how) {
    if (state == CircuitState.CLOSED && failingSince == NONE) {
      return;
    }
    synchronized (this) {
      failingSince = NONE;
      if (state != CircuitState.CLOSED) {
        move(CircuitState.CLOSED, how);
      }
    }
  }

  /** A send failed with a retryable error: evidence while closed, nothing news while open. */
  synchronized void sendFailed(String reason) {
    if (state == CircuitState.CLOSED) {
      evidence(reason, nanoClock.getAsLong());
    }
  }

  /**
   * A probe that started at {@code startedNanos} failed: evidence from when it started; while
   * half-open, the circuit opens again.
   */
  synchronized void probeFailed(String reason, long startedNanos) {
    if (state == CircuitState.HALF_OPEN) {
      lastEvidence = reason;
      move(CircuitState.OPEN, reason);
      return;
    }
    if (state == CircuitState.CLOSED) {
      evidence(reason, startedNanos);
    }
  }

  /**
   * Whether a probe should start now: at most one per probe interval, while open, or while
   * closed with a streak of evidence or when {@code suspect} (the client holds no broker
   * connection).
   */
  synchronized boolean probeDue(boolean suspect) {
    long now = nanoClock.getAsLong();
    if (lastProbeStart != NONE && now - lastProbeStart < probeIntervalNanos) {
      return false;
    }
    return state != CircuitState.CLOSED || suspect || failingSince != NONE;
  }

  /** A probe starts now: an open circuit becomes half-open. */
  synchronized void probing() {
    lastProbeStart = nanoClock.getAsLong();
    if (state == CircuitState.OPEN) {
      move(CircuitState.HALF_OPEN, "probing the cluster");
    }
  }

  /** Opens the circuit if the streak of evidence is openAfter long; called on every tick. */
  synchronized void check() {
    if (state == CircuitState.CLOSED) {
      openIfDue(nanoClock.getAsLong());
    }
  }

  private void evidence(String reason, long atNanos) {
    lastEvidence = reason;
    if (failingSince == NONE) {
      failingSince = atNanos;
    }
    openIfDue(nanoClock.getAsLong());
  }

  private void openIfDue(long now) {
    long since = failingSince;
    if (since != NONE && now - since >= openAfterNanos) {
      String reason = "no broker reachable for " + openAfter.toMillis() + "ms; last: "
          + lastEvidence;
      openReason = reason;
      move(CircuitState.OPEN, reason);
    }
  }

  private void move(CircuitState to, String reason) {
    CircuitState from = state;
    state = to;
    transitions.changed(from, to, reason);
  }
}
