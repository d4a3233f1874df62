package io.wrpkafka;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A publisher's health at one moment, from {@link Publisher#health()}: a status with the reasons
 * for it, and the figures it was judged by. Immutable.
 *
 * <p>The status is the worst that applies:
 *
 * <ul>
 *   <li>{@link Status#DOWN}: the publisher is not started or stopped, or its circuit is not
 *       closed (open or half-open: no broker has been reachable for {@code openAfter}, and QoS
 *       0–24 and 75–99 calls are refused).
 *   <li>{@link Status#DEGRADED}: the buffer is more than 80 % full (records or bytes), the spool
 *       is full, records failed or were refused in the last minute ({@code errorsPerSecond > 0}),
 *       or records wait and nothing was acknowledged for {@code openAfter} (10 s by default).
 *   <li>{@link Status#UP} otherwise, with no reasons. {@link Publisher#disabled()} is always UP,
 *       with the reason {@code disabled}.
 * </ul>
 *
 * @param status the verdict
 * @param reasons why the status is not UP (and {@code disabled} for a disabled publisher), in
 *     words for people; empty when UP
 * @param circuitState the circuit breaker's state ({@link CircuitState#CLOSED} without one)
 * @param sinceLastAcknowledgement time since the broker last acknowledged a record of this
 *     publisher; empty if it never did
 * @param buffer the buffer's fill level
 * @param spoolBacklog what the durable spool holds; empty without a spool
 * @param errorsPerSecond records that failed or were refused (buffer full, circuit open, Kafka
 *     errors; not routing or validation errors of the messages themselves) per second over the
 *     last minute
 * @param deadLettersPerSecond records written to the dead-letter topic per second over the last
 *     minute
 */
public record Health(
    Status status,
    List<String> reasons,
    CircuitState circuitState,
    Optional<Duration> sinceLastAcknowledgement,
    BufferState buffer,
    Optional<SpoolBacklog> spoolBacklog,
    double errorsPerSecond,
    double deadLettersPerSecond) {

  /** The verdict, from best to worst. */
  public enum Status {
    /** Publishing as it should. */
    UP,
    /** Publishing, but something needs attention; see {@link Health#reasons()}. */
    DEGRADED,
    /** Not publishing: not running, or no broker reachable. */
    DOWN
  }

  /** @throws NullPointerException if a reference is null */
  public Health {
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(circuitState, "circuitState");
    Objects.requireNonNull(sinceLastAcknowledgement, "sinceLastAcknowledgement");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(spoolBacklog, "spoolBacklog");
  }
}
