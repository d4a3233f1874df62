package io.wrpkafka;

/**
 * What became of a record handed to {@link Publisher#produce}. Which outcome a successful call
 * reports depends on the message's quality of service (see {@link Publisher}).
 */
public enum Outcome {
  /** The broker acknowledged the record (QoS 75–99, or any QoS through {@code produceAsync}). */
  ACCEPTED,
  /** The record is buffered and will be delivered asynchronously, with retries (QoS 25–74). */
  QUEUED,
  /** The record was handed over for a best-effort send (QoS 0–24). */
  ATTEMPTED,
  /**
   * The record was not taken: the publisher's buffer was full ({@code buffer_full}), or a QoS
   * 0–24 message matched no route ({@code no_topic_match}).
   */
  DROPPED,
  /** The record was not delivered; {@link ProduceResult#error()} says why. */
  FAILED
}
