package io.wrpkafka.bench;

import java.util.List;

/**
 * Heap and GC figures of a sustained QoS 50 run.
 *
 * @param calls produce calls made
 * @param delivered records that reached the topics
 * @param nanos from the first call until every record was acknowledged
 * @param collectors per collector: name, collections and time during the run
 * @param heapUsedMax the highest heap use sampled (every 50 ms)
 * @param heapUsedMean the mean of the samples
 * @param heapCommittedMax the highest committed heap sampled
 * @param heapAfterRun heap in use after the run drained and a full collection ran
 * @param heapBeforeRun heap in use before the run, after a full collection
 * @param bufferBytesMax the fullest the publisher's buffer was sampled, bytes
 * @param bufferBytesLimit the publisher's maxBufferedBytes
 * @param allocatedBytes bytes allocated by this JVM's threads during the run
 */
record SustainedResult(
    long calls,
    long delivered,
    long nanos,
    List<Collector> collectors,
    long heapUsedMax,
    long heapUsedMean,
    long heapCommittedMax,
    long heapAfterRun,
    long heapBeforeRun,
    long bufferBytesMax,
    long bufferBytesLimit,
    long allocatedBytes) {

  /**
   * One garbage collector's work during the run.
   *
   * @param name the collector's name, e.g. {@code G1 Young Generation}
   * @param count collections
   * @param millis collection time
   */
  record Collector(String name, long count, long millis) {}

  /** Records delivered per second. */
  double throughput() {
    return nanos == 0 ? 0 : delivered * 1e9 / nanos;
  }

  /** Collection time as a share of the run's wall time, in percent. */
  double gcPercent() {
    long millis = collectors.stream().mapToLong(Collector::millis).sum();
    return nanos == 0 ? 0 : millis * 1e8 / nanos;
  }
}
