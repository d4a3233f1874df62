package io.wrpkafka;

import java.time.Duration;
import java.util.Objects;

/**
 * The publisher's circuit breaker: when no broker has been reachable for {@link #openAfter()},
 * the circuit opens and produce calls stop waiting for a cluster that is not there — QoS 75–99
 * fails at once and QoS 0–24 is dropped, both with {@code circuit_open}; QoS 25–74 waits for
 * buffer room as usual. While open, the publisher asks the cluster to describe itself every
 * {@link #probeInterval()}; the first answer closes the circuit. On by default, with the
 * defaults below; {@link #disabled()} turns it off. Immutable and thread-safe.
 *
 * <pre>{@code
 * CircuitBreakerConfig.builder().openAfter(Duration.ofSeconds(30)).build()
 * }</pre>
 */
public final class CircuitBreakerConfig {
  /** How long no broker must be reachable before the circuit opens, by default. */
  public static final Duration DEFAULT_OPEN_AFTER = Duration.ofSeconds(10);
  /** The time between two probes of the cluster, by default. */
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(2);

  private static final CircuitBreakerConfig DEFAULTS = builder().build();
  private static final CircuitBreakerConfig DISABLED = builder().enabled(false).build();

  private final boolean enabled;
  private final Duration openAfter;
  private final Duration probeInterval;

  private CircuitBreakerConfig(Builder b) {
    this.enabled = b.enabled;
    this.openAfter = b.openAfter;
    this.probeInterval = b.probeInterval;
  }

  /** A builder with the defaults: enabled, openAfter 10 s, probeInterval 2 s. */
  public static Builder builder() {
    return new Builder();
  }

  /** The breaker with the default settings; what a publisher uses unless told otherwise. */
  public static CircuitBreakerConfig defaults() {
    return DEFAULTS;
  }

  /**
   * No circuit breaker: produce calls wait for the cluster as long as their QoS says (up to
   * {@code recordDeliveryTimeout}), and the publisher runs no probe.
   */
  public static CircuitBreakerConfig disabled() {
    return DISABLED;
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder().enabled(enabled).openAfter(openAfter).probeInterval(probeInterval);
  }

  /** Whether the publisher has a circuit breaker at all. */
  public boolean enabled() {
    return enabled;
  }

  /** How long no broker must be reachable before the circuit opens. */
  public Duration openAfter() {
    return openAfter;
  }

  /** The time between two probes of the cluster while a broker seems unreachable. */
  public Duration probeInterval() {
    return probeInterval;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CircuitBreakerConfig c
        && enabled == c.enabled
        && openAfter.equals(c.openAfter)
        && probeInterval.equals(c.probeInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, openAfter, probeInterval);
  }

  @Override
  public String toString() {
    return "CircuitBreakerConfig{enabled=" + enabled + ", openAfter=" + openAfter
        + ", probeInterval=" + probeInterval + '}';
  }

  /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private Duration openAfter = DEFAULT_OPEN_AFTER;
    private Duration probeInterval = DEFAULT_PROBE_INTERVAL;

    private Builder() {}

    /** Whether there is a circuit breaker; default true. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** How long no broker must be reachable before the circuit opens; default 10 s; > 0. */
    public Builder openAfter(Duration openAfter) {
      this.openAfter = Objects.requireNonNull(openAfter, "openAfter");
      return this;
    }

    /**
     * The time between two probes of the cluster; default 2 s; at least 10 ms. Also what the
     * bridge's {@code Retry-After} tells a refused caller.
     */
    public Builder probeInterval(Duration probeInterval) {
      this.probeInterval = Objects.requireNonNull(probeInterval, "probeInterval");
      return this;
    }

    /**
     * Checks the settings and returns them. Has no side effects.
     *
     * @throws ConfigException naming the field ({@code openAfter: …}) and the problem
     */
    public CircuitBreakerConfig build() {
      if (openAfter.isNegative() || openAfter.isZero()) {
        throw new ConfigException("openAfter: must be positive (got " + openAfter + ")");
      }
      if (probeInterval.compareTo(Duration.ofMillis(10)) < 0) {
        throw new ConfigException(
            "probeInterval: must be at least 10ms (got " + probeInterval + ")");
      }
      if (probeInterval.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new ConfigException("probeInterval: at most " + Integer.MAX_VALUE
            + "ms, Kafka's limit for a request timeout (got " + probeInterval + ")");
      }
      return new CircuitBreakerConfig(this);
    }
  }
}
