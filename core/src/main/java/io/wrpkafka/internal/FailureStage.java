package io.wrpkafka.internal;

import io.wrpkafka.PublishException;

/**
 * The last stage of a record's way: offered every record that failed for good, after its outcome
 * was reported. The dead-letter topic is one; a local spool that keeps records for a later retry
 * would be another.
 */
@FunctionalInterface
public interface FailureStage {
  /** Takes nothing: failed records are reported and let go. */
  FailureStage NONE = (record, error, release) -> false;

  /**
   * Offers a failed record. Must not block: it is called on the Kafka client's I/O thread.
   *
   * @param release returns the record's buffer room; a stage that takes the record runs it once
   *     it is done with the record, so a record being dead-lettered still counts as buffered
   * @return whether the stage took the record (and with it {@code release})
   */
  boolean take(PendingRecord record, PublishException error, Runnable release);
}
