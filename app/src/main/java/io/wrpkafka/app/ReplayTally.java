package io.wrpkafka.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a replay did, for its summary. {@link #read} and {@link #produced} may be updated from
 * other threads (the progress bar, producer callbacks, publish listeners); everything else only
 * from the replaying thread.
 */
final class ReplayTally {
  /** Failures printed one per line; the rest are only counted. */
  private static final int FAILURES_SHOWN = 10;

  final AtomicLong read = new AtomicLong();
  private long replayed;
  private long failed;
  private long left;
  private final Map<String, LongAdder> produced = new ConcurrentHashMap<>();
  private final Map<String, Long> skipped = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> planned = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();

  /** One record was produced to {@code topic} and acknowledged. Thread-safe. */
  void produced(String topic) {
    produced.computeIfAbsent(topic, t -> new LongAdder()).increment();
  }

  void replayed() {
    replayed++;
  }

  void skipped(String reason) {
    skipped.merge(reason, 1L, Long::sum);
  }

  /** A record a dry run would replay, by its original topic and error type. */
  void planned(DeadLetterRecord record) {
    String topic = record.isUnroutable() ? "(unroutable)" : record.originalTopic();
    String errorType = record.errorType().isEmpty() ? "(no error type)" : record.errorType();
    planned.computeIfAbsent(topic, t -> new TreeMap<>()).merge(errorType, 1L, Long::sum);
  }

  void failed(String where, String why) {
    failed++;
    if (failures.size() < FAILURES_SHOWN) {
      failures.add(where + ": " + why);
    }
  }

  /** Records not yet replayed that the group's next run will read again. */
  void left(long records) {
    left += records;
  }

  long failed() {
    return failed;
  }

  long left() {
    return left;
  }

  void print(PrintStream out, boolean dryRun) {
    out.printf("read:      %,d%n", read.get());
    if (dryRun) {
      long total = planned.values().stream()
          .flatMap(byType -> byType.values().stream()).mapToLong(Long::longValue).sum();
      out.printf("would replay: %,d (by original topic and error type)%n", total);
      planned.forEach((topic, byType) -> byType.forEach(
          (errorType, count) -> out.printf("  %-30s %-24s %,d%n", topic, errorType, count)));
    } else {
      out.printf("replayed:  %,d%n", replayed);
      new TreeMap<>(produced).forEach(
          (topic, count) -> out.printf("  %-40s %,d record(s) produced%n", topic, count.sum()));
    }
    out.printf("skipped:   %,d%n", skipped.values().stream().mapToLong(Long::longValue).sum());
    skipped.forEach((reason, count) -> out.printf("  %-60s %,d%n", reason, count));
    out.printf("failed:    %,d%n", failed);
    failures.forEach(failure -> out.println("  " + failure));
    if (failed > failures.size()) {
      out.printf("  ... and %,d more%n", failed - failures.size());
    }
    if (left > 0) {
      out.printf("left for the next run: %,d%n", left);
    }
  }
}
