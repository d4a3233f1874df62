package io.wrpkafka;

/**
 * The state of a publisher's circuit breaker (see {@link CircuitBreakerConfig}). While it is not
 * {@link #CLOSED}, produce calls of QoS 0–24 are dropped and of QoS 75–99 fail at once with
 * {@code circuit_open}; QoS 25–74 calls wait for buffer room as usual.
 */
public enum CircuitState {
  /** A broker is reachable, or was until less than {@code openAfter} ago: records flow. */
  CLOSED(0),
  /** Open, and a probe of the cluster is under way; its first success closes the circuit. */
  HALF_OPEN(1),
  /** No broker has been reachable for {@code openAfter}: calls fail fast until a probe answers. */
  OPEN(2);

  private final int level;

  CircuitState(int level) {
    this.level = level;
  }

  /**
   * How far from normal: 0 closed, 1 half-open, 2 open; the value of the {@code
   * wrpkafka_circuit_state} gauge.
   */
  public int level() {
    return level;
  }
}
