package io.wrpkafka.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything one end-to-end run measured.
 *
 * @param options the run's options
 * @param machine the machine and JVM
 * @param startedAt when the run started
 * @param wallTime how long the whole run took, broker start included
 * @param settings the settings both sides shared, name to value, in report order
 * @param rounds every mode's result in every measured round
 * @param sustained the heap and GC run
 * @param brokerDown the QoS 10 run while the broker was stopped
 * @param meanRecordBytes the mean key, value and header bytes of a record, as the publisher's
 *     buffer counts them
 */
record EndToEndResults(
    EndToEndOptions options,
    MachineInfo machine,
    Instant startedAt,
    Duration wallTime,
    Map<String, String> settings,
    List<ModeResult> rounds,
    SustainedResult sustained,
    BrokerDownResult brokerDown,
    double meanRecordBytes) {

  /** The results of {@code mode}, by round. */
  List<ModeResult> of(Mode mode) {
    List<ModeResult> out = new ArrayList<>();
    for (ModeResult result : rounds) {
      if (result.mode() == mode) {
        out.add(result);
      }
    }
    out.sort(Comparator.comparingInt(ModeResult::round));
    return out;
  }

  /** The median throughput of {@code mode} over the rounds, records per second. */
  double medianThroughput(Mode mode) {
    double[] values = of(mode).stream().mapToDouble(ModeResult::throughput).sorted().toArray();
    if (values.length == 0) {
      return 0;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /** The median throughput of {@code mode} divided by that of its raw baseline. */
  double throughputRatio(Mode mode) {
    double baseline = medianThroughput(mode.baseline());
    return baseline == 0 ? 0 : medianThroughput(mode) / baseline;
  }

  /** The per-call latencies of {@code mode}, all rounds together, nanoseconds. */
  Histogram latency(Mode mode) {
    Histogram all = new Histogram(EndToEndBenchmark.HIGHEST_LATENCY_NANOS, 3);
    for (ModeResult result : of(mode)) {
      all.add(result.latency());
    }
    return all;
  }

  /** CPU time of this JVM per delivered record of {@code mode}, all rounds; -1 if unknown. */
  double cpuPerRecord(Mode mode) {
    long cpu = 0;
    long delivered = 0;
    for (ModeResult result : of(mode)) {
      if (result.cpuNanos() < 0) {
        return -1;
      }
      cpu += result.cpuNanos();
      delivered += result.delivered();
    }
    return delivered == 0 ? -1 : (double) cpu / delivered;
  }

  /** Context switches of this JVM per delivered record of {@code mode}; -1 if unknown. */
  double switchesPerRecord(Mode mode) {
    long switches = 0;
    long delivered = 0;
    for (ModeResult result : of(mode)) {
      if (result.contextSwitches() < 0) {
        return -1;
      }
      switches += result.contextSwitches();
      delivered += result.delivered();
    }
    return delivered == 0 ? -1 : (double) switches / delivered;
  }
}
