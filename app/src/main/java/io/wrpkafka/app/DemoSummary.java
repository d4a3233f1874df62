package io.wrpkafka.app;

import io.wrpkafka.Outcome;
import io.wrpkafka.QosBand;
import io.wrpkafka.app.DemoCommand.DemoTally;
import io.wrpkafka.wrp.Message;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Prints what the demo published and what it read back. */
final class DemoSummary {

  private DemoSummary() {}

  /** Prints the summary and answers whether every check passed. */
  static boolean print(PrintStream out, DemoTally tally, ReadBack readBack) {
    out.println();
    out.println("Outcomes per QoS band (what produce() answered → what the broker confirmed)");
    out.printf("  %-24s %9s %9s %9s %9s %9s │ %9s %7s%n",
        "band", "ACCEPTED", "QUEUED", "ATTEMPTED", "DROPPED", "FAILED", "delivered", "failed");
    for (QosBand band : QosBand.values()) {
      Map<Outcome, LongAdder> o = tally.produced.get(band);
      out.printf("  %-24s %,9d %,9d %,9d %,9d %,9d │ %,9d %,7d%n", label(band),
          o.get(Outcome.ACCEPTED).sum(), o.get(Outcome.QUEUED).sum(), o.get(Outcome.ATTEMPTED).sum(),
          o.get(Outcome.DROPPED).sum(), o.get(Outcome.FAILED).sum(),
          tally.delivered.get(band).sum(), tally.failed.get(band).sum());
    }
    out.println();
    out.println("Records per topic and partition (read back from Kafka)");
    readBack.recordsPerPartition.forEach((topic, partitions) -> {
      long sum = partitions.values().stream().mapToLong(Long::longValue).sum();
      StringBuilder line = new StringBuilder();
      partitions.forEach((p, n) -> line.append(String.format(" p%d=%,d", p, n)));
      out.printf("  %-18s %,9d  %s%n", topic, sum, line.toString().trim());
    });
    out.println();
    out.println("One decoded record per topic");
    readBack.samples.forEach((topic, sample) -> {
      out.printf("  %s-%d key=%s%n", topic, sample.partition(), sample.key());
      out.printf("      headers  %s%n", String.join(" ", sample.headers()));
      out.printf("      wrp      %s%n", describe(sample.message()));
    });
    out.println();
    if (readBack.problems.isEmpty()) {
      out.printf("OK: %,d records read back, every one decoded, keyed by its device and in order for"
          + " each of %,d device streams.%n", readBack.records, readBack.streams());
      return true;
    }
    out.printf("FAILED: %d problem(s)%n", readBack.problems.size());
    readBack.problems.stream().limit(20).forEach(p -> out.println("  - " + p));
    return false;
  }

  /** The band's row label, e.g. {@code 25-74 queued, retried}: its range and what it promises. */
  static String label(QosBand band) {
    String promise = switch (band) {
      case FIRE_AND_FORGET -> "fire-and-forget";
      case QUEUED -> "queued, retried";
      case ACKNOWLEDGED -> "acknowledged";
    };
    return band.lowest() + "-" + band.highest() + " " + promise;
  }

  private static String describe(Message m) {
    return String.format("dest=%s source=%s qos=%d metadata=%d entries%n      payload  %s",
        m.destination(), m.source(), m.qualityOfService(), m.metadata().size(),
        new String(m.payload(), StandardCharsets.UTF_8));
  }
}
