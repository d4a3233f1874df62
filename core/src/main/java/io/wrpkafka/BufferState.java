package io.wrpkafka;

/**
 * A snapshot of the publisher's buffer: records and bytes taken but not yet acknowledged or
 * failed, and their limits. The two counters are read one after the other without a lock, so under
 * load they may come from slightly different instants.
 *
 * @param records records buffered
 * @param maxRecords {@code maxBufferedRecords}
 * @param bytes bytes buffered (key, value and headers of each record)
 * @param maxBytes {@code maxBufferedBytes}
 */
public record BufferState(long records, long maxRecords, long bytes, long maxBytes) {

  /** The fuller of the two limits, from 0.0 (empty) to 1.0 (full). */
  public double utilisation() {
    double byRecords = maxRecords > 0 ? (double) records / maxRecords : 0;
    double byBytes = maxBytes > 0 ? (double) bytes / maxBytes : 0;
    return Math.min(1.0, Math.max(byRecords, byBytes));
  }
}
