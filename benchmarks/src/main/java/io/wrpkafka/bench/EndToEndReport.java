package io.wrpkafka.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;

/** Writes the Markdown report and the chart of an end-to-end run. */
final class EndToEndReport {
  /** The section headings every report has, in order. */
  static final List<String> SECTIONS = List.of(
      "## Machine", "## Settings", "## Throughput", "## Latency", "## Broker down",
      "## Heap and GC", "## Targets", "## Chart");

  static final double QOS_50_THROUGHPUT_TARGET = 0.95;
  static final long QOS_80_P99_TARGET_NANOS = 5_000_000;
  static final long BROKER_DOWN_P999_TARGET_NANOS = 100_000;
  static final double CPU_RATIO_TARGET = 1.5;
  static final double SWITCHES_TARGET = 0.1;
  static final double HEAP_RATIO_TARGET = 1.2;

  private EndToEndReport() {}

  /**
   * Writes {@code <output>/<name>.md} and {@code <output>/<name>.png}, creating the directory.
   *
   * @return the report's path
   * @throws IOException if a file cannot be written
   */
  static Path write(EndToEndResults results) throws IOException {
    Path directory = results.options().outputDirectory();
    Files.createDirectories(directory);
    String name = results.options().name();
    Path chart = directory.resolve(name + ".png");
    EndToEndChart.write(results, chart);
    Path report = directory.resolve(name + ".md");
    Files.writeString(report, markdown(results, chart.getFileName().toString()),
        StandardCharsets.UTF_8);
    return report;
  }

  /** The report's Markdown text; {@code chartFile} is the chart's name beside it. */
  static String markdown(EndToEndResults r, String chartFile) {
    StringBuilder md = new StringBuilder();
    md.append("# End-to-end benchmark: ").append(r.options().name()).append("\n\n");
    md.append("Run on ")
        .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
            r.startedAt().atOffset(ZoneOffset.UTC).withNano(0)))
        .append(" UTC; the whole run took ").append(seconds(r.wallTime().toNanos()))
        .append(". Arguments: `")
        .append(r.options().arguments().isEmpty() ? "(none)" : String.join(" ", r.options().arguments()))
        .append("`.\n\n");
    md.append("A raw `KafkaProducer<byte[], byte[]>` and the `Publisher` ran side by side against"
        + " the same broker, topics, settings and records, in alternating order; every ratio"
        + " compares figures of this run only.\n\n");

    MachineInfo m = r.machine();
    md.append("## Machine\n\n| | |\n|---|---|\n");
    row(md, "CPU", m.cpu() + ", " + m.cores() + " cores available to the JVM");
    row(md, "Memory", m.memoryBytes() < 0 ? "unknown" : mib(m.memoryBytes()));
    row(md, "OS", m.os());
    row(md, "JVM", m.jvm());
    row(md, "Heap limit", mib(m.maxHeapBytes()));
    row(md, "Garbage collectors", m.garbageCollectors());
    row(md, "JVM arguments", "`" + m.jvmArguments() + "`");
    md.append('\n');

    md.append("## Settings\n\n| | |\n|---|---|\n");
    for (Map.Entry<String, String> setting : r.settings().entrySet()) {
      row(md, setting.getKey(), setting.getValue());
    }
    md.append('\n');

    md.append("## Throughput\n\n");
    md.append("Records that reached the topics (end offsets) per second, from the first call"
        + " until the last acknowledgement; median over the rounds. Single-caller modes are"
        + " compared with the raw producer, the concurrent modes with the raw producer's"
        + " `send().get()` from as many callers. Allocation counts every thread of this JVM"
        + " (client I/O and lane threads included; the broker has its own JVM), as does CPU"
        + " per record (process CPU time, GC included) and context switches per record (Linux;"
        + " a switch per record means a thread handoff per record).\n\n");
    md.append("| mode | records/s | vs raw | per round | dropped | failed | lost |"
        + " GCs (ms) | alloc/record | CPU/record | switches/record |\n");
    md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Mode mode : r.options().modes()) {
      List<ModeResult> rounds = r.of(mode);
      StringJoiner perRound = new StringJoiner(", ");
      long dropped = 0;
      long failed = 0;
      long lost = 0;
      long gcs = 0;
      long gcMillis = 0;
      long allocated = 0;
      long delivered = 0;
      long cpu = 0;
      long switches = 0;
      for (ModeResult result : rounds) {
        switches = switches < 0 || result.contextSwitches() < 0
            ? -1 : switches + result.contextSwitches();
        cpu += result.cpuNanos();
        perRound.add(String.format(Locale.ROOT, "%,.0f", result.throughput()));
        dropped += result.dropped();
        failed += result.failed();
        lost += result.lost();
        gcs += result.gcCount();
        gcMillis += result.gcMillis();
        allocated += result.allocatedBytes();
        delivered += result.delivered();
      }
      md.append(String.format(Locale.ROOT,
          "| %s | %,.0f | %s | %s | %,d | %,d | %,d | %d (%d) | %s | %s | %s |\n",
          mode.title, r.medianThroughput(mode),
          mode.raw() ? "1.00× (baseline)" : ratio(r.throughputRatio(mode)),
          perRound, dropped, failed, lost, gcs, gcMillis,
          delivered == 0 ? "-" : String.format(Locale.ROOT, "%,.0f B", (double) allocated / delivered),
          delivered == 0 || cpu < 0 ? "-" : formatNanos(cpu / delivered),
          delivered == 0 || switches < 0 ? "-"
              : String.format(Locale.ROOT, "%.2f", (double) switches / delivered)));
    }
    md.append('\n');

    md.append("## Latency\n\n");
    md.append("Per call, all rounds together (HdrHistogram). For the single-caller modes this"
        + " is the time inside `send` or `produce` (the record is acknowledged later); for the"
        + " concurrent modes the call lasts until the broker's acknowledgement, so linger.ms ("
        + r.options().lingerMs() + " ms) is part of it.\n\n");
    md.append("| mode | calls | p50 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n");
    for (Mode mode : r.options().modes()) {
      latencyRow(md, mode.title, r.latency(mode));
    }
    md.append('\n');

    BrokerDownResult down = r.brokerDown();
    md.append("## Broker down\n\n");
    md.append("QoS 10 calls from one caller while the only broker was stopped (gracefully), for "
        + seconds(r.options().brokerDownTime().toNanos())
        + " or " + r.options().records() + " calls. QoS 10 must never block: a call either"
        + " takes buffer room (ATTEMPTED) or is refused at once (DROPPED, buffer full).\n\n");
    md.append("| calls | count | p50 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n");
    latencyRow(md, "all", down.latency());
    latencyRow(md, "ATTEMPTED", down.attemptedLatency());
    latencyRow(md, "DROPPED", down.droppedLatency());
    md.append("\n| | |\n|---|---|\n");
    row(md, "Stopping the broker took", seconds(down.stopTime().toNanos()));
    row(md, "Starting it again took", seconds(down.startTime().toNanos()));
    row(md, "Buffer empty after the restart", down.drained()
        ? "after " + seconds(down.drainTime().toNanos())
        : "no, still holding records after " + seconds(down.drainTime().toNanos()));
    row(md, "Records delivered after the restart", String.format(Locale.ROOT,
        "%,d of %,d attempted", down.delivered(), down.attempted()));
    row(md, "Heap held per buffered record while down (after a full GC)", String.format(
        Locale.ROOT, "%,.0f B (%s before, %s while down); the publisher's buffer counts %,.0f B"
            + " per record (key, value and headers)",
        down.heapPerBufferedRecord(), mib(down.heapBefore()), mib(down.heapWhileDown()),
        r.meanRecordBytes()));
    md.append('\n');

    SustainedResult s = r.sustained();
    md.append("## Heap and GC\n\n");
    md.append("A sustained QoS 50 run from one caller for "
        + seconds(r.options().sustainedTime().toNanos()) + " with maxBufferedBytes "
        + mib(s.bufferBytesLimit()) + "; heap sampled every 50 ms (MemoryMXBean),"
        + " collections from the GarbageCollectorMXBeans.\n\n| | |\n|---|---|\n");
    row(md, "Throughput", String.format(Locale.ROOT, "%,.0f records/s (%,d delivered of %,d calls)",
        s.throughput(), s.delivered(), s.calls()));
    row(md, "Heap used, max / mean", mib(s.heapUsedMax()) + " / " + mib(s.heapUsedMean()));
    row(md, "Heap committed, max", mib(s.heapCommittedMax()));
    row(md, "Heap in use after a full GC, before / after the run",
        mib(s.heapBeforeRun()) + " / " + mib(s.heapAfterRun()));
    row(md, "Publisher buffer, fullest sample", mib(s.bufferBytesMax()) + " of "
        + mib(s.bufferBytesLimit()));
    for (SustainedResult.Collector collector : s.collectors()) {
      row(md, collector.name(), collector.count() + " collections, " + collector.millis() + " ms");
    }
    row(md, "GC time", String.format(Locale.ROOT, "%.2f %% of the run", s.gcPercent()));
    row(md, "Allocated per record (all threads of this JVM)", s.delivered() == 0 ? "-"
        : String.format(Locale.ROOT, "%,.0f B", (double) s.allocatedBytes() / s.delivered()));
    md.append('\n');

    md.append("## Targets\n\n");
    md.append("The end-to-end performance targets (README, \"Performance\"), from this run"
        + " only. The codec rows are JMH figures (see the JMH"
        + " report) and the bridge row is the bridge load test's (see its report).\n\n");
    md.append("| target | measured | met |\n|---|---|---|\n");
    double ratio50 = r.throughputRatio(Mode.QOS_50);
    target(r, md, "QoS 50, one caller, ≥ 0.95× the raw producer, mixed sample (median of "
        + r.options().rounds() + " rounds)", ratio(ratio50), ratio50 >= QOS_50_THROUGHPUT_TARGET,
        Mode.RAW, Mode.QOS_50);
    double ratioTelemetry = r.throughputRatio(Mode.QOS_50_TELEMETRY);
    target(r, md, "QoS 50, one caller, ≥ 0.95× the raw producer, telemetry-only sample",
        ratio(ratioTelemetry), ratioTelemetry >= QOS_50_THROUGHPUT_TARGET,
        Mode.RAW_TELEMETRY, Mode.QOS_50_TELEMETRY);
    double cpu50 = r.cpuPerRecord(Mode.QOS_50);
    double cpuRaw = r.cpuPerRecord(Mode.RAW);
    double cpuRatio = cpuRaw <= 0 ? 0 : cpu50 / cpuRaw;
    target(r, md, "CPU per record, QoS 50 ≤ 1.5× the raw producer's",
        ratio(cpuRatio) + " (" + formatNanos((long) cpu50) + " / " + formatNanos((long) cpuRaw)
            + ")", cpuRaw > 0 && cpuRatio <= CPU_RATIO_TARGET, Mode.RAW, Mode.QOS_50);
    double switches50 = r.switchesPerRecord(Mode.QOS_50);
    target(r, md, "Context switches per record, QoS 50 ≤ 0.1",
        switches50 < 0 ? "unknown" : String.format(Locale.ROOT, "%.3f (raw: %.3f)", switches50,
            r.switchesPerRecord(Mode.RAW)),
        switches50 >= 0 && switches50 <= SWITCHES_TARGET, Mode.QOS_50);
    double median50 = r.medianThroughput(Mode.QOS_50);
    double ratioPaced = median50 == 0 ? 0 : r.medianThroughput(Mode.QOS_10_PACED) / median50;
    long droppedPaced = r.of(Mode.QOS_10_PACED).stream().mapToLong(ModeResult::dropped).sum();
    target(r, md, "QoS 10 offered at the raw producer's rate: throughput ≥ 1.0× QoS 50, 0 drops",
        ratio(ratioPaced) + String.format(Locale.ROOT,
            " (%,.0f of %,.0f records/s offered), %,d drops",
            r.medianThroughput(Mode.QOS_10_PACED), medianOffered(r), droppedPaced),
        r.medianThroughput(Mode.QOS_10_PACED) > 0 && ratioPaced >= 1.0 && droppedPaced == 0,
        Mode.QOS_50, Mode.QOS_10_PACED);
    double ratio10 = median50 == 0 ? 0 : r.medianThroughput(Mode.QOS_10) / median50;
    long dropped10 = r.of(Mode.QOS_10).stream().mapToLong(ModeResult::dropped).sum();
    md.append("| (not a target) QoS 10 unpaced, a closed loop faster than the broker: drops by"
        + " contract | ").append(!r.options().modes().contains(Mode.QOS_10) ? "not run"
            : ratio(ratio10) + String.format(Locale.ROOT, " of QoS 50, %,d drops", dropped10))
        .append(" | - |\n");
    double heapRatio = r.meanRecordBytes() == 0 ? 0
        : down.heapPerBufferedRecord() / r.meanRecordBytes();
    target(md, "Heap per record buffered while the broker is down ≤ 1.2× its counted bytes",
        ratio(heapRatio) + String.format(Locale.ROOT, " (%,.0f B / %,.0f B)",
            down.heapPerBufferedRecord(), r.meanRecordBytes()),
        heapRatio > 0 && heapRatio <= HEAP_RATIO_TARGET);
    long p99 = r.latency(Mode.QOS_80).getValueAtPercentile(99);
    target(r, md, "QoS 80 p99 ≤ 5 ms on loopback (" + r.options().callers() + " callers)",
        formatNanos(p99) + " (raw send().get(): "
            + formatNanos(r.latency(Mode.RAW_SYNC).getValueAtPercentile(99)) + ")",
        p99 <= QOS_80_P99_TARGET_NANOS, Mode.RAW_SYNC, Mode.QOS_80);
    long p999 = down.latency().getValueAtPercentile(99.9);
    target(md, "QoS 10 with the broker down: p99.9 ≤ 100 µs", formatNanos(p999),
        p999 <= BROKER_DOWN_P999_TARGET_NANOS);
    long lost = r.rounds().stream().mapToLong(ModeResult::lost).sum();
    target(md, "No record lost (every taken record reached its topic)",
        String.format(Locale.ROOT, "%,d lost", lost), lost == 0);
    md.append('\n');

    md.append("## Chart\n\n![Throughput per mode and latency percentiles](")
        .append(chartFile).append(")\n");
    return md.toString();
  }

  /** The median rate the paced QoS 10 mode offered over the rounds, records/s; 0 if none. */
  private static double medianOffered(EndToEndResults r) {
    double[] rates = r.of(Mode.QOS_10_PACED).stream().mapToDouble(ModeResult::offeredRate)
        .sorted().toArray();
    return rates.length == 0 ? 0 : rates[rates.length / 2];
  }

  /** A few lines for the console: throughput ratios and the targets. */
  static String summary(EndToEndResults r) {
    StringBuilder out = new StringBuilder();
    for (Mode mode : r.options().modes()) {
      Histogram latency = r.latency(mode);
      out.append(String.format(Locale.ROOT, "%-30s %,12.0f records/s %-16s p50 %-9s p99 %-9s p99.9 %s%n",
          mode.title, r.medianThroughput(mode), mode.raw() ? "" : ratio(r.throughputRatio(mode)),
          formatNanos(latency.getValueAtPercentile(50)),
          formatNanos(latency.getValueAtPercentile(99)),
          formatNanos(latency.getValueAtPercentile(99.9))));
    }
    Histogram down = r.brokerDown().latency();
    out.append(String.format(Locale.ROOT, "%-30s %,12d calls %-19s p50 %-9s p99 %-9s p99.9 %s%n",
        "QoS 10, broker down", r.brokerDown().calls(), "",
        formatNanos(down.getValueAtPercentile(50)), formatNanos(down.getValueAtPercentile(99)),
        formatNanos(down.getValueAtPercentile(99.9))));
    SustainedResult s = r.sustained();
    out.append(String.format(Locale.ROOT,
        "sustained QoS 50: %,.0f records/s, heap max %s, GC %.2f %%",
        s.throughput(), mib(s.heapUsedMax()), s.gcPercent()));
    return out.toString();
  }

  /** A latency for people: ns below 1 µs, then µs, ms and s with three digits. */
  static String formatNanos(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.3g µs", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.3g ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.3g s", nanos / 1e9);
  }

  private static void latencyRow(StringBuilder md, String name, Histogram h) {
    if (h.getTotalCount() == 0) {
      md.append("| ").append(name).append(" | 0 | - | - | - | - |\n");
      return;
    }
    md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s |\n", name,
        h.getTotalCount(), formatNanos(h.getValueAtPercentile(50)),
        formatNanos(h.getValueAtPercentile(99)), formatNanos(h.getValueAtPercentile(99.9)),
        formatNanos(h.getMaxValue())));
  }

  /** A target row, or "not run" when {@code needs} left a mode it compares out (--modes). */
  private static void target(EndToEndResults r, StringBuilder md, String target, String measured,
      boolean met, Mode... needs) {
    for (Mode mode : needs) {
      if (!r.options().modes().contains(mode)) {
        md.append("| ").append(target).append(" | not run (").append(mode.cliName())
            .append(" left out) | - |\n");
        return;
      }
    }
    target(md, target, measured, met);
  }

  private static void target(StringBuilder md, String target, String measured, boolean met) {
    md.append("| ").append(target).append(" | ").append(measured).append(" | ")
        .append(met ? "yes" : "**no**").append(" |\n");
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
