package io.wrpkafka.bench;

import io.wrpkafka.Acks;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.SpoolConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Message;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * QoS 50 through the publisher without the spool and with each {@code fsync} mode of the spool,
 * side by side in one run against one embedded broker: records/s (until every record is
 * acknowledged), CPU per record, p99 of the {@code produce} call; then the disk and heap bytes one
 * spooled record costs while the cluster is away.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl benchmarks -am package -DskipTests -Dfuzz.skip
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *     io.wrpkafka.bench.SpoolBenchmark [--seconds S] [--rounds N] [--spool none,never,interval,always]
 * </pre>
 */
public final class SpoolBenchmark {
  private static final int SAMPLES = 4096;
  private static final int MASK = SAMPLES - 1;
  private static final int DEVICES = 1000;
  private static final int PARTITIONS = 6;

  private SpoolBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int seconds = 4;
    int rounds = 2;
    List<String> modes = List.of("none", "never", "interval", "always");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--spool" -> modes = Arrays.asList(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (expected --seconds S, --rounds N, --spool none,never,interval,always)");
      }
    }
    DynamicConfig dynamic = SampleMessages.realisticConfig().toBuilder().acks(Acks.ALL)
        .linger(Duration.ofMillis(5)).build();
    Message[] messages = new SampleMessages(7).mixed(SAMPLES, DEVICES, 50);
    Path root = Files.createTempDirectory("wrpkafka-spool-bench");
    System.out.printf("machine: %d cores; %d s per mode, %d rounds%n",
        Runtime.getRuntime().availableProcessors(), seconds, rounds);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder()
        .classpath(EndToEndBenchmark.absoluteClasspath()).build())) {
      TreeSet<String> topics = new TreeSet<>();
      Router router = new Router(dynamic);
      for (Message message : messages) {
        for (Destination destination : router.route(message)) {
          topics.add(destination.topic());
        }
      }
      for (String topic : topics) {
        kafka.createTopic(topic, PARTITIONS);
      }
      // Warm-up, not reported.
      for (String mode : modes) {
        run(kafka, dynamic, messages, mode, root, 1);
      }
      System.out.printf("%-16s %12s %14s %12s%n", "mode", "records/s", "CPU µs/record",
          "p99 produce");
      for (int round = 1; round <= rounds; round++) {
        double baseline = 0;
        for (String mode : modes) {
          Result r = run(kafka, dynamic, messages, mode, root, seconds);
          if (mode.equals("none")) {
            baseline = r.perSecond;
          }
          System.out.printf(Locale.ROOT, "%-16s %,12.0f %14.2f %12s%s%n", label(mode),
              r.perSecond, r.cpuMicrosPerRecord, EndToEndReport.formatNanos(r.p99Nanos),
              baseline > 0 && !mode.equals("none")
                  ? String.format(Locale.ROOT, "   %.2fx no spool", r.perSecond / baseline) : "");
        }
      }
    }
    perRecordCost(dynamic, messages, root);
  }

  private record Result(double perSecond, double cpuMicrosPerRecord, long p99Nanos) {}

  private static String label(String mode) {
    return mode.equals("none") ? "no spool" : "fsync " + mode;
  }

  private static Result run(EmbeddedKafka kafka, DynamicConfig dynamic, Message[] messages,
      String mode, Path root, int seconds) throws IOException {
    PublisherConfig.Builder config = PublisherConfig.builder()
        .brokers(Arrays.asList(kafka.bootstrapServers().split(",")))
        .clientId("spool-bench").maxBufferedRecords(1_000_000).initialDynamicConfig(dynamic);
    if (!mode.equals("none")) {
      config.spool(SpoolConfig.builder().directory(Files.createTempDirectory(root, mode))
          .fsync(SpoolConfig.Fsync.valueOf(mode.toUpperCase(Locale.ROOT))).build());
    }
    Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    try (Publisher publisher = Publisher.builder().config(config.build()).build()) {
      publisher.start();
      System.gc();
      long cpuBefore = cpuNanos();
      long start = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
      long now = start;
      long n = 0;
      while (now < deadline) {
        ProduceResult result = publisher.produce(messages[(int) (n & MASK)]);
        long after = System.nanoTime();
        latency.recordValue(Math.min(after - now, TimeUnit.MINUTES.toNanos(1)));
        now = after;
        n++;
        if (result.outcome() != Outcome.QUEUED) {
          throw new IllegalStateException("QoS 50 record " + result);
        }
      }
      while (publisher.bufferState().records() > 0) {
        Thread.onSpinWait();
      }
      long nanos = System.nanoTime() - start;
      long cpu = cpuNanos() - cpuBefore;
      return new Result(n * 1e9 / nanos, cpu / 1e3 / n, latency.getValueAtPercentile(99));
    }
  }

  /**
   * Disk and heap per spooled record while no broker answers (store and forward): a publisher
   * pointed at a port where nothing listens spools 20,000 records after its first failure.
   */
  private static void perRecordCost(DynamicConfig dynamic, Message[] messages, Path root)
      throws Exception {
    Path dir = Files.createTempDirectory(root, "cost");
    Duration timeout = Duration.ofSeconds(2);
    PublisherConfig config = PublisherConfig.builder().brokers("localhost:1")
        .clientId("spool-bench-cost").verifyOnStart(false).allowAutoTopicCreation(true)
        .requestTimeout(Duration.ofSeconds(1)).recordDeliveryTimeout(timeout)
        .cleanupTimeout(Duration.ofSeconds(1)).initialDynamicConfig(dynamic)
        .spool(SpoolConfig.builder().directory(dir).fsync(SpoolConfig.Fsync.NEVER).build())
        .build();
    int n = 20_000;
    try (Publisher publisher = Publisher.builder().config(config).build()) {
      publisher.start();
      publisher.produce(messages[0]);
      // A benchmark may wait a fixed time: the first record's delivery timeout switches the
      // spool to store and forward.
      Thread.sleep(timeout.plusSeconds(2).toMillis());
      long diskBefore = size(dir);
      long heapBefore = usedHeap();
      for (int i = 0; i < n; i++) {
        publisher.produce(messages[i & MASK]);
      }
      long heapAfter = usedHeap();
      long diskAfter = size(dir);
      System.out.printf(Locale.ROOT, "per spooled record (store and forward, %,d records):"
          + " disk %.0f bytes, heap %.1f bytes (mean encoded value+key+headers: see EndToEndBenchmark)%n",
          n, (diskAfter - diskBefore) / (double) n, (heapAfter - heapBefore) / (double) n);
    }
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
