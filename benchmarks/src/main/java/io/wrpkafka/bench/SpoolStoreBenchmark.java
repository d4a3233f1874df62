package io.wrpkafka.bench;

import io.wrpkafka.SpoolConfig.Fsync;
import io.wrpkafka.internal.SpoolEntry;
import io.wrpkafka.routing.Destination;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/*
 * The spool's storage work against each candidate store, side by side in one JVM, rounds
 * alternating which store goes first (the machine is shared: compare within a round).
 *
 * Steady state (Kafka up): appender threads append entries in blocks of 600 (100 per partition of
 * 6); after each block they acknowledge the previous block partition by partition, in a shuffled
 * partition order: acknowledgements out of order, as the client's per-partition batches return
 * them. An upkeep thread (the spool's thread) applies queued acknowledgements, deletes what they
 * free and, for fsync interval, forces every 100 ms; it parks 50 ms between rounds like the spool.
 * fsync always forces per append: with one appender, and with four (concurrent appenders share one
 * force: our log's syncMonitor, RocksDB's group commit).
 *
 * Recovery: append R entries (fsync never, none acknowledged: an outage), close, then time
 * open + reading every entry back decoded, as the spool's start() would send them.
 *
 * Bytes written come from /proc/self/io over the whole cell (appends, acknowledgements, close):
 * wchar is what went through write system calls; write_bytes what the process sent (or dirtied
 * for) the block device, which includes RocksDB's memtable flushes and compactions.
 */
/**
 * Compares the spool's segment log with RocksDB on the spool's own work: entries/s and append
 * latency per fsync mode, bytes written per entry, disk left once everything is acknowledged, and
 * recovery time.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl benchmarks -am package -DskipTests -Dfuzz.skip
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.SpoolStoreBenchmark \
 *     [--entries 100000] [--always-entries 2000] [--recovery-entries 100000] [--rounds 3] \
 *     [--sizes 900,300] [--dir DIR]
 * </pre>
 */
public final class SpoolStoreBenchmark {
  private static final int PARTITIONS = 6;
  private static final int BLOCK = 100 * PARTITIONS;
  private static final int[] ACK_ORDER = {3, 0, 5, 1, 4, 2};
  private static final int SAMPLES = 256;
  private static final long UPKEEP_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long FSYNC_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** The stores compared. */
  enum Store {
    SEGMENT_LOG("segment log"),
    ROCKSDB("RocksDB");

    final String title;

    Store(String title) {
      this.title = title;
    }

    SpoolStore open(Path directory) throws IOException {
      return this == SEGMENT_LOG ? SegmentLogStore.open(directory)
          : RocksDbSpoolStore.open(directory);
    }
  }

  /** An fsync mode and how many threads append. */
  record Mode(Fsync fsync, int threads) {
    String title() {
      return fsync.name().toLowerCase(Locale.ROOT) + (threads > 1 ? " ×" + threads : "");
    }
  }

  static final List<Mode> MODES = List.of(new Mode(Fsync.NEVER, 1), new Mode(Fsync.INTERVAL, 1),
      new Mode(Fsync.ALWAYS, 1), new Mode(Fsync.ALWAYS, 4));

  /** One store's steady-state result for one size and mode. */
  record Cell(Store store, int size, Mode mode, int entries, double perSecond, long p50Nanos,
      long p99Nanos, long maxNanos, double wcharPerEntry, double diskPerEntry, long bytesLeft) {}

  /** One store's recovery result. */
  record Recovery(Store store, int size, int entries, long nanos, double bytesPerEntry) {}

  private final int entries;
  private final int alwaysEntries;
  private final int recoveryEntries;
  private final int rounds;
  private final int[] sizes;
  private final Path root;
  private final PrintStream out;

  private SpoolStoreBenchmark(int entries, int alwaysEntries, int recoveryEntries, int rounds,
      int[] sizes, Path root, PrintStream out) {
    this.entries = entries;
    this.alwaysEntries = alwaysEntries;
    this.recoveryEntries = recoveryEntries;
    this.rounds = rounds;
    this.sizes = sizes;
    this.root = root;
    this.out = out;
  }

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  /**
   * Runs the benchmark with {@code args}, printing the tables to {@code out}; blocks until done.
   *
   * @throws IllegalArgumentException on an unknown argument
   * @throws IllegalStateException if a store loses or invents an entry
   */
  static void run(String[] args, PrintStream out) throws Exception {
    int entries = 100_000;
    int alwaysEntries = 2_000;
    int recoveryEntries = 100_000;
    int rounds = 3;
    int[] sizes = {900, 300};
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--entries" -> entries = Integer.parseInt(args[++i]);
        case "--always-entries" -> alwaysEntries = Integer.parseInt(args[++i]);
        case "--recovery-entries" -> recoveryEntries = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
            .toArray();
        case "--dir" -> dir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (expected --entries N, --always-entries N, --recovery-entries N, --rounds N,"
            + " --sizes 900,300, --dir DIR)");
      }
    }
    Path root = dir == null ? Files.createTempDirectory("wrpkafka-spool-store")
        : Files.createDirectories(dir);
    new SpoolStoreBenchmark(entries, alwaysEntries, recoveryEntries, rounds, sizes, root, out)
        .run();
  }

  private void run() throws Exception {
    out.printf("machine: %d cores, load %.1f; %d entries per cell (%d with fsync always),"
            + " %d for recovery; %d rounds; files in %s%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        entries, alwaysEntries, recoveryEntries, rounds, root);
    List<Cell> cells = new ArrayList<>();
    List<Recovery> recoveries = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      List<Store> order = round % 2 == 1 ? List.of(Store.SEGMENT_LOG, Store.ROCKSDB)
          : List.of(Store.ROCKSDB, Store.SEGMENT_LOG);
      out.printf("%nround %d (%s first)%n", round, order.get(0).title);
      out.println("| store | entry | fsync | entries/s | append p50 | p99 | max"
          + " | write() B/entry | disk B/entry | left after acks |");
      out.println("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|");
      for (int size : sizes) {
        List<Sample> samples = samples(size);
        for (Mode mode : MODES) {
          for (Store store : order) {
            Cell cell = steady(store, size, mode, samples);
            cells.add(cell);
            out.printf(Locale.ROOT, "| %s | %d B | %s | %,.0f | %s | %s | %s | %,.0f | %,.0f | %s |%n",
                store.title, size, mode.title(), cell.perSecond, micros(cell.p50Nanos),
                micros(cell.p99Nanos), micros(cell.maxNanos), cell.wcharPerEntry,
                cell.diskPerEntry, mebibytes(cell.bytesLeft));
          }
        }
      }
      out.println();
      out.println("| store | entry | recovery of | open + read all | entries/s | on disk B/entry |");
      out.println("|---|--:|--:|--:|--:|--:|");
      for (int size : sizes) {
        List<Sample> samples = samples(size);
        for (Store store : order) {
          Recovery r = recovery(store, size, samples);
          recoveries.add(r);
          out.printf(Locale.ROOT, "| %s | %d B | %,d | %,.0f ms | %,.0f | %,.0f |%n", store.title,
              size, r.entries, r.nanos / 1e6, r.entries * 1e9 / r.nanos, r.bytesPerEntry);
        }
      }
    }
    summary(cells, recoveries);
  }

  private void summary(List<Cell> cells, List<Recovery> recoveries) {
    out.printf("%nmedian of %d rounds; ratio = RocksDB / segment log, per round, then the median%n",
        rounds);
    out.println("| entry | fsync | segment log entries/s | RocksDB entries/s | ratio"
        + " | append p50 (log / RocksDB) | ratio | append p99 (log / RocksDB) | ratio"
        + " | disk B/entry (log / RocksDB) |");
    out.println("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (int size : sizes) {
      for (Mode mode : MODES) {
        List<Cell> log = pick(cells, Store.SEGMENT_LOG, size, mode);
        List<Cell> rocks = pick(cells, Store.ROCKSDB, size, mode);
        out.printf(Locale.ROOT,
            "| %d B | %s | %,.0f | %,.0f | %.2f | %s / %s | %.2f | %s / %s | %.2f | %,.0f / %,.0f |%n",
            size, mode.title(), median(log, Cell::perSecond), median(rocks, Cell::perSecond),
            medianRatio(rocks, log, Cell::perSecond),
            micros((long) median(log, Cell::p50Nanos)),
            micros((long) median(rocks, Cell::p50Nanos)),
            medianRatio(rocks, log, Cell::p50Nanos),
            micros((long) median(log, Cell::p99Nanos)),
            micros((long) median(rocks, Cell::p99Nanos)),
            medianRatio(rocks, log, Cell::p99Nanos), median(log, Cell::diskPerEntry),
            median(rocks, Cell::diskPerEntry));
      }
    }
    out.println();
    out.println("| entry | recovery of | segment log | RocksDB | ratio |");
    out.println("|--:|--:|--:|--:|--:|");
    for (int size : sizes) {
      List<Recovery> log = recoveries.stream()
          .filter(r -> r.store == Store.SEGMENT_LOG && r.size == size).toList();
      List<Recovery> rocks = recoveries.stream()
          .filter(r -> r.store == Store.ROCKSDB && r.size == size).toList();
      out.printf(Locale.ROOT, "| %d B | %,d | %,.0f ms | %,.0f ms | %.2f |%n", size,
          recoveryEntries, median(log, r -> r.nanos / 1e6), median(rocks, r -> r.nanos / 1e6),
          medianRatio(rocks, log, r -> r.nanos));
    }
  }

  // ------------------------------------------------------------------ steady state

  private Cell steady(Store store, int size, Mode mode, List<Sample> samples) throws Exception {
    int total = mode.fsync == Fsync.ALWAYS ? alwaysEntries : entries;
    int perThread = Math.max(1, total / mode.threads);
    total = perThread * mode.threads;
    Path dir = Files.createTempDirectory(root, store.name().toLowerCase(Locale.ROOT));
    IoCounters before = IoCounters.read();
    long bytesLeft;
    Histogram latency = new Histogram(3);
    long nanos;
    try (SpoolStore spool = store.open(dir)) {
      Upkeep upkeep = new Upkeep(spool, mode.fsync == Fsync.INTERVAL);
      upkeep.start();
      List<Appender> appenders = new ArrayList<>();
      for (int t = 0; t < mode.threads; t++) {
        appenders.add(new Appender(spool, samples, perThread, t, mode.fsync == Fsync.ALWAYS));
      }
      long start = System.nanoTime();
      appenders.forEach(Thread::start);
      for (Appender appender : appenders) {
        appender.join();
        appender.rethrow();
        latency.add(appender.latency);
      }
      nanos = System.nanoTime() - start;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (spool.pending() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(store.title + ": " + spool.pending()
              + " entries still pending a minute after their acknowledgement");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      upkeep.finish();
      bytesLeft = directoryBytes(dir);
    }
    IoCounters used = IoCounters.read().minus(before);
    deleteTree(dir);
    return new Cell(store, size, mode, total, total * 1e9 / nanos,
        latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue(),
        (double) used.wchar / total, (double) used.writeBytes / total, bytesLeft);
  }

  /** Appends its share in blocks, acknowledging the previous block partition by partition. */
  private static final class Appender extends Thread {
    final Histogram latency = new Histogram(3);
    private final SpoolStore spool;
    private final List<Sample> samples;
    private final int count;
    private final int offset;
    private final boolean force;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    Appender(SpoolStore spool, List<Sample> samples, int count, int offset, boolean force) {
      super("appender-" + offset);
      this.spool = spool;
      this.samples = samples;
      this.count = count;
      this.offset = offset;
      this.force = force;
    }

    @Override
    public void run() {
      try {
        long[] previous = null;
        for (int done = 0; done < count; done += BLOCK) {
          long[] block = new long[Math.min(BLOCK, count - done)];
          for (int i = 0; i < block.length; i++) {
            Sample sample = samples.get((offset * 31 + done + i) % samples.size());
            long t0 = System.nanoTime();
            block[i] = spool.append(System.currentTimeMillis(), 50, sample.destination,
                sample.record, force);
            latency.recordValue(System.nanoTime() - t0);
          }
          acknowledge(previous);
          previous = block;
        }
        acknowledge(previous);
      } catch (Exception e) {
        failure.set(e);
      }
    }

    private void acknowledge(long[] block) {
      if (block == null) {
        return;
      }
      for (int partition : ACK_ORDER) {
        for (int i = partition; i < block.length; i += PARTITIONS) {
          spool.acknowledge(block[i]);
        }
      }
    }

    void rethrow() throws Exception {
      if (failure.get() != null) {
        throw failure.get();
      }
    }
  }

  /** The spool's thread: applies acknowledgements, forces every 100 ms for fsync interval. */
  private static final class Upkeep extends Thread {
    private final SpoolStore spool;
    private final boolean interval;
    private volatile boolean running = true;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    Upkeep(SpoolStore spool, boolean interval) {
      super("upkeep");
      this.spool = spool;
      this.interval = interval;
      setDaemon(true);
    }

    @Override
    public void run() {
      long lastForce = System.nanoTime();
      try {
        while (running) {
          spool.applyAcknowledgements();
          long now = System.nanoTime();
          if (interval && now - lastForce >= FSYNC_INTERVAL_NANOS) {
            spool.force();
            lastForce = now;
          }
          LockSupport.parkNanos(this, UPKEEP_PARK_NANOS);
        }
      } catch (Exception e) {
        failure.set(e);
      }
    }

    void finish() throws Exception {
      running = false;
      LockSupport.unpark(this);
      join();
      if (failure.get() != null) {
        throw failure.get();
      }
    }
  }

  // ------------------------------------------------------------------ recovery

  private Recovery recovery(Store store, int size, List<Sample> samples) throws Exception {
    Path dir = Files.createTempDirectory(root, store.name().toLowerCase(Locale.ROOT) + "-recovery");
    try (SpoolStore spool = store.open(dir)) {
      for (int i = 0; i < recoveryEntries; i++) {
        Sample sample = samples.get(i % samples.size());
        spool.append(System.currentTimeMillis(), 50, sample.destination, sample.record, false);
      }
    }
    double bytesPerEntry = (double) directoryBytes(dir) / recoveryEntries;
    long start = System.nanoTime();
    long read;
    try (SpoolStore spool = store.open(dir)) {
      read = spool.readPending();
    }
    long nanos = System.nanoTime() - start;
    deleteTree(dir);
    if (read != recoveryEntries) {
      throw new IllegalStateException(store.title + " recovered " + read + " of "
          + recoveryEntries + " entries");
    }
    return new Recovery(store, size, recoveryEntries, nanos, bytesPerEntry);
  }

  // ------------------------------------------------------------------ samples

  /** A record to spool and where it goes. */
  record Sample(Destination destination, ProducerRecord<byte[], byte[]> record) {}

  /**
   * Telemetry-like records whose spool entry (length, CRC and body, as the segment log writes it)
   * is exactly {@code entryBytes}: three topics, a device key, three WRP headers and a random
   * (incompressible) payload filling the rest.
   */
  static List<Sample> samples(int entryBytes) {
    Random random = new Random(entryBytes);
    List<Sample> samples = new ArrayList<>(SAMPLES);
    for (int n = 0; n < SAMPLES; n++) {
      String device = String.format("mac:%012x", 0x112233000000L + n * 7919L);
      String topic = "wrp-telemetry-" + (n % 3);
      Destination destination = new Destination(topic, device, List.of(), "deviceid", "telemetry");
      Sample empty = sample(destination, device, new byte[0]);
      int payload = entryBytes - encodedSize(empty);
      if (payload < 0) {
        throw new IllegalArgumentException("entry size " + entryBytes + " is below the "
            + encodedSize(empty) + " bytes a record's entry takes without payload");
      }
      byte[] value = new byte[payload];
      random.nextBytes(value);
      samples.add(sample(destination, device, value));
    }
    return samples;
  }

  private static Sample sample(Destination destination, String device, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader("wrp-type", "SimpleEvent".getBytes(StandardCharsets.UTF_8)));
    headers.add(new RecordHeader("wrp-source",
        (device + "/telemetry").getBytes(StandardCharsets.UTF_8)));
    headers.add(new RecordHeader("wrp-content-type",
        "application/octet-stream".getBytes(StandardCharsets.UTF_8)));
    return new Sample(destination, new ProducerRecord<>(destination.topic(), null, null,
        device.getBytes(StandardCharsets.UTF_8), value, headers));
  }

  static int encodedSize(Sample sample) {
    ByteBuffer buffer = ByteBuffer.allocate(
        SpoolEntry.recordSize(sample.destination, sample.record));
    SpoolEntry.of(0, 0, 50, sample.destination, sample.record).writeTo(buffer, new CRC32C());
    return buffer.position();
  }

  // ------------------------------------------------------------------ measuring

  /** This process's I/O counters from /proc/self/io; zeros where the file is missing. */
  record IoCounters(long wchar, long writeBytes) {
    static IoCounters read() {
      Path file = Path.of("/proc/self/io");
      if (!Files.isReadable(file)) {
        return new IoCounters(0, 0);
      }
      try {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
          int colon = line.indexOf(':');
          values.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1).trim()));
        }
        return new IoCounters(values.getOrDefault("wchar", 0L),
            values.getOrDefault("write_bytes", 0L));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    IoCounters minus(IoCounters earlier) {
      return new IoCounters(wchar - earlier.wchar, writeBytes - earlier.writeBytes);
    }
  }

  private static long directoryBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // deleted while we walked
        }
      }).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static List<Cell> pick(List<Cell> cells, Store store, int size, Mode mode) {
    return cells.stream().filter(c -> c.store == store && c.size == size && c.mode.equals(mode))
        .toList();
  }

  private static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
    double[] sorted = values.stream().mapToDouble(metric).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The median over rounds of a / b, pairing the i-th result of each (one pair per round). */
  private static <T> double medianRatio(List<T> a, List<T> b, ToDoubleFunction<T> metric) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      ratios.add(metric.applyAsDouble(a.get(i)) / metric.applyAsDouble(b.get(i)));
    }
    return median(ratios, Double::doubleValue);
  }

  private static String micros(long nanos) {
    return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.1f ms", nanos / 1e6)
        : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
