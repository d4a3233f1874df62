package io.wrpkafka.bench;

import io.wrpkafka.internal.SpoolLog;
import io.wrpkafka.routing.Destination;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.LoggerFactory;

/** The spool's own segment log ({@link SpoolLog}) as a {@link SpoolStore}. Thread-safe. */
final class SegmentLogStore implements SpoolStore {
  /** What the spool uses with the default maxBytes (10 GiB / 8, at most 64 MiB). */
  static final long SEGMENT_BYTES = 64L << 20;

  private final SpoolLog log;

  private SegmentLogStore(SpoolLog log) {
    this.log = log;
  }

  /** Opens (recovering) the log in {@code directory}. */
  static SegmentLogStore open(Path directory) throws IOException {
    return new SegmentLogStore(SpoolLog.open(directory, SEGMENT_BYTES,
        LoggerFactory.getLogger(SegmentLogStore.class)));
  }

  @Override
  public long append(long timeMillis, int qos, Destination destination,
      ProducerRecord<byte[], byte[]> record, boolean force) throws IOException {
    return log.append(timeMillis, qos, destination, record, force);
  }

  @Override
  public void acknowledge(long seq) {
    log.acknowledge(seq);
  }

  @Override
  public void applyAcknowledgements() throws IOException {
    log.applyAcknowledgements();
  }

  @Override
  public void force() throws IOException {
    log.force();
  }

  @Override
  public long pending() {
    return log.records();
  }

  @Override
  public long readPending() throws IOException {
    long count = 0;
    try (SpoolLog.Cursor cursor = log.cursor()) {
      while (cursor.next() != null) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
