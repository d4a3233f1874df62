package io.wrpkafka.bench;

import io.wrpkafka.routing.Destination;
import java.io.IOException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the spool asks of its storage, so that {@link SpoolStoreBenchmark} can give each candidate
 * the same work: append a record (on the caller's thread, optionally forced before it returns),
 * acknowledge it later in any order (a cheap hand-off), apply the acknowledgements and force
 * on the spool's own thread, and read back what is unacknowledged after a restart.
 */
interface SpoolStore extends AutoCloseable {

  /**
   * Appends a record and returns its sequence; with {@code force}, returns once it is on the
   * device. Thread-safe.
   */
  long append(long timeMillis, int qos, Destination destination,
      ProducerRecord<byte[], byte[]> record, boolean force) throws IOException;

  /** Queues the acknowledgement of {@code seq}; thread-safe, never waits for I/O. */
  void acknowledge(long seq);

  /** Applies the queued acknowledgements (deleting what they free); called by one thread. */
  void applyAcknowledgements() throws IOException;

  /** Forces what was appended to the device; called by the upkeep thread. */
  void force() throws IOException;

  /** Unacknowledged records. */
  long pending();

  /** Reads every unacknowledged record from the first, decoding each; returns how many. */
  long readPending() throws IOException;

  @Override
  void close() throws IOException;
}
