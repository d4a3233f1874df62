package io.wrpkafka;

import io.wrpkafka.routing.Destination;

/**
 * Receives one {@link PublishEvent} per record outcome, for metrics and logs.
 *
 * <p>Called on the publisher's single event thread ({@code wrpkafka-events-<clientId>-1}), never on
 * the thread that calls {@code produce} and never on the Kafka client's I/O thread, in the order
 * the outcomes happened. Keep it quick: a slow listener delays the events behind it (not the
 * delivery of records). It must not block on the publisher. An exception it throws is logged and
 * swallowed; it does not affect delivery or other listeners. Events exist only between {@code
 * start()} and {@code stop()}: a produce call refused because the publisher is not running
 * reports to its caller only.
 */
@FunctionalInterface
public interface PublishListener {

  /** Called once per record when it was acknowledged, failed, or was dropped. */
  void onPublish(PublishEvent event);

  /**
   * Called when a {@code deviceid} or {@code metadata:<field>} shard had no value to hash and the
   * record went to a round-robin topic instead (error type {@code missing_metadata_field}). The
   * record itself is still produced and gets its own {@link #onPublish} call. Does nothing by
   * default.
   *
   * @param destination where the record went
   * @param field the missing field ({@code deviceid} or the metadata key)
   */
  default void onShardValueMissing(Destination destination, String field) {}

  /**
   * Called once per failed record sent to the dead-letter topic, when that write was
   * acknowledged or failed ({@code dead_letter_failed}). Does nothing by default.
   */
  default void onDeadLetter(DeadLetterEvent event) {}

  /**
   * Called once per change of the circuit breaker's state (see {@link CircuitBreakerConfig}), in
   * the order they happened. Does nothing by default.
   *
   * @param from the state before
   * @param to the state now
   * @param reason why, in words for people (for {@link CircuitState#OPEN}: since when no broker
   *     was reachable, and the last failure seen)
   */
  default void onCircuitStateChange(CircuitState from, CircuitState to, String reason) {}
}
