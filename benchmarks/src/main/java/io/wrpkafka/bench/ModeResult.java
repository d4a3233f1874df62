package io.wrpkafka.bench;

import org.HdrHistogram.Histogram;

/**
 * What one mode did in one round.
 *
 * @param mode the mode
 * @param round the round, from 1
 * @param calls produce or send calls made
 * @param dropped calls answered DROPPED
 * @param failed calls answered FAILED, or records whose send failed
 * @param delivered records that reached the topics (end offsets after minus before)
 * @param nanos from the first call until every record was acknowledged
 * @param latency per-call latency in nanoseconds: the time inside produce or send (for the
 *     concurrent modes, until the acknowledgement)
 * @param gcCount collections during the mode
 * @param gcMillis collection time during the mode
 * @param allocatedBytes bytes allocated by this JVM's threads during the mode (the broker runs in
 *     its own JVM)
 * @param cpuNanos CPU time this JVM used during the mode, all threads (the broker runs in its own
 *     JVM)
 * @param contextSwitches context switches of this JVM's threads during the mode, -1 if unknown
 * @param offeredRate the records/s a paced mode offered; 0 for a closed loop (as fast as calls
 *     return)
 */
record ModeResult(
    Mode mode,
    int round,
    long calls,
    long dropped,
    long failed,
    long delivered,
    long nanos,
    Histogram latency,
    long gcCount,
    long gcMillis,
    long allocatedBytes,
    long cpuNanos,
    long contextSwitches,
    double offeredRate) {

  /** Records delivered per second. */
  double throughput() {
    return nanos == 0 ? 0 : delivered * 1e9 / nanos;
  }

  /** Records that were taken (not dropped or failed) but did not reach the topic. */
  long lost() {
    return Math.max(0, calls - dropped - failed - delivered);
  }

  /** CPU time of this JVM per delivered record, nanoseconds. */
  double cpuPerRecord() {
    return delivered == 0 ? 0 : (double) cpuNanos / delivered;
  }

  /** Bytes allocated in this JVM per delivered record. */
  double allocatedPerRecord() {
    return delivered == 0 ? 0 : (double) allocatedBytes / delivered;
  }
}
