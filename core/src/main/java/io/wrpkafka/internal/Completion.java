package io.wrpkafka.internal;

/**
 * Where a record's end is delivered: once per record, by the Kafka client's callback (on its I/O
 * thread, or on the sending lane for an error {@code send} throws) or by a stage that gives the
 * record up before it reached the client. Implementations must not block.
 */
@FunctionalInterface
public interface Completion {

  /** The record ended: acknowledged when {@code exception} is null, else failed with it. */
  void completed(PendingRecord record, Exception exception);
}
