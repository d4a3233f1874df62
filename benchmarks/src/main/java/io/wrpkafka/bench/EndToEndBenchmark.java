package io.wrpkafka.bench;

import io.wrpkafka.Acks;
import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/*
 * Fairness. Both sides write the same 4,096 precomputed messages to the same topics (6
 * partitions each) of one broker, with the same producer settings (mirroring how the publisher
 * maps its config to the client: acks=all, idempotence, linger, batch size, compression,
 * buffer.memory), the same keys, values and headers: the raw side's records are what the
 * publisher's Router and Format.MSGPACK make of each message, computed before the clock starts,
 * so the publisher pays for routing, encoding and headers and the raw producer does not. Both
 * producers stay connected for the whole run; modes take turns in a rotated order per round,
 * each after a System.gc() outside the clock, so neither side inherits the other's garbage.
 *
 * What a mode measures. Throughput is records that reached the topics (end offsets after minus
 * before, so lost records cannot count) divided by the time from the first call until the last
 * record was acknowledged (raw: flush() returned; publisher: its buffer is empty again, which
 * happens in the client's completion callbacks). Latency is the time inside each call, recorded
 * into an HdrHistogram; for the concurrent modes a call lasts until the acknowledgement. The
 * publisher has no listener, as a library user without metrics would run it.
 *
 * Allocation is per-thread (AllocationCounter), so it includes the Kafka client's I/O thread and
 * the publisher's lane threads, but not the broker, which has its own JVM.
 */
/**
 * The end-to-end benchmark: a raw {@code KafkaProducer<byte[], byte[]>} and the {@link
 * Publisher} side by side against one embedded broker, in one run, with the ratios between them.
 * Writes {@code <output>/<name>.md} and {@code <output>/<name>.png}.
 *
 * <p>Modes, alternated over several rounds: the raw producer sending pre-encoded WRP records;
 * {@code Publisher.produce} at QoS 50 and at QoS 10; the raw producer's {@code send().get()} and
 * the publisher at QoS 80, each from 64 concurrent callers. Then a sustained QoS 50 run for heap
 * and GC figures with a 64 MiB buffer, and QoS 10 calls while the broker is stopped.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.EndToEndBenchmark          # ~3 min
 * java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.EndToEndBenchmark --quick  # ~30 s
 * }</pre>
 */
public final class EndToEndBenchmark {
  /** Latencies above this (5 minutes) are recorded as this. */
  static final long HIGHEST_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(5);

  private static final int SAMPLES = 4096;
  private static final int MASK = SAMPLES - 1;
  private static final int DEVICES = 1000;
  private static final int PARTITIONS = 6;
  private static final int MAX_BUFFERED_RECORDS = 1_000_000;
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration WARMUP_TIME = Duration.ofSeconds(2);
  private static final String CLIENT_ID = "wrpkafka-bench";
  /**
   * The shortest park of the paced mode when it is ahead of its schedule: one wake-up then
   * produces every record that fell due meanwhile (25 at 100k records/s), so pacing costs a few
   * thousand wake-ups a second, not one sleep per record.
   */
  private static final long PACE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

  private final EndToEndOptions options;
  private final PrintStream out;
  private final Map<String, String> settings = new LinkedHashMap<>();

  private EmbeddedKafka kafka;
  private Admin admin;
  private KafkaProducer<byte[], byte[]> rawProducer;
  private Publisher publisher;
  private List<TopicPartition> partitions;
  private PreparedRecord[] prepared;
  private PreparedRecord[] preparedTelemetry;
  private Message[] qos50;
  private Message[] qos50Telemetry;
  private Message[] qos10;
  private Message[] qos80;
  private double meanRecordBytes;
  private double meanTelemetryRecordBytes;
  /** The raw producer's throughput in its latest run, records/s: the paced mode's rate. */
  private double rawRate;

  /** One record as the publisher would hand it to Kafka, ready for the raw producer. */
  private record PreparedRecord(String topic, byte[] key, byte[] value, Header[] headers) {
    ProducerRecord<byte[], byte[]> toProducerRecord() {
      return new ProducerRecord<>(topic, null, null, key, value, new RecordHeaders(headers));
    }

    /** Key, value and header bytes, as the publisher's buffer counts them. */
    long countedBytes() {
      long bytes = value.length + (key == null ? 0 : key.length);
      for (Header header : headers) {
        bytes += header.key().length() + header.value().length;
      }
      return bytes;
    }
  }

  /** What the publisher's router and msgpack encoder make of {@code message}. */
  private static PreparedRecord prepare(Router router, Message message) {
    Destination destination = router.route(message).get(0);
    byte[] key = destination.key() == null
        ? null : destination.key().getBytes(StandardCharsets.UTF_8);
    Header[] headers = new Header[destination.headers().size()];
    for (int h = 0; h < headers.length; h++) {
      io.wrpkafka.routing.Header header = destination.headers().get(h);
      headers[h] = new RecordHeader(header.key(), header.value().getBytes(StandardCharsets.UTF_8));
    }
    return new PreparedRecord(destination.topic(), key, Format.MSGPACK.encode(message), headers);
  }

  private EndToEndBenchmark(EndToEndOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the benchmark with {@code args} and exits with {@link #run}'s status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the benchmark with command-line {@code args} ({@code --help} lists them), printing
   * progress and a summary to standard output, and writes the report and chart. Blocks for the
   * whole run (about 3 minutes by default, 30 s with {@code --quick}); starts and stops its own
   * broker. Not for concurrent use: it measures the whole JVM.
   *
   * @return 0 when the report was written, 2 for bad arguments, 1 when the run failed
   */
  public static int run(String[] args) {
    EndToEndOptions options;
    try {
      options = EndToEndOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(EndToEndOptions.USAGE);
      return 2;
    }
    if (options == null) {
      System.out.println(EndToEndOptions.USAGE);
      return 0;
    }
    System.setProperty("java.awt.headless", "true");
    try {
      EndToEndResults results = new EndToEndBenchmark(options, System.out).execute();
      Path report = EndToEndReport.write(results);
      System.out.println();
      System.out.println(EndToEndReport.summary(results));
      System.out.println("report: " + report);
      return 0;
    } catch (Exception e) {
      System.err.println("bench: the run failed: " + e);
      e.printStackTrace();
      return 1;
    }
  }

  private EndToEndResults execute() throws Exception {
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    MachineInfo machine = MachineInfo.current();
    out.printf("machine: %d cores, %s, %s%n", machine.cores(), machine.os(), machine.jvm());
    out.println("starting the embedded broker...");
    kafka = EmbeddedKafka.start(
        EmbeddedKafkaConfig.builder().classpath(absoluteClasspath()).build());
    try {
      prepare();
      List<ModeResult> rounds = new ArrayList<>();
      if (options.warmup()) {
        out.println("warm-up round (not reported)");
        for (Mode mode : options.modes()) {
          runMode(mode, 0, min(WARMUP_TIME, options.modeTime()));
        }
      }
      Mode[] modes = options.modes().toArray(new Mode[0]);
      for (int round = 1; round <= options.rounds(); round++) {
        out.printf("round %d of %d%n", round, options.rounds());
        for (int i = 0; i < modes.length; i++) {
          Mode mode = modes[(i + round - 1) % modes.length];
          ModeResult result = runMode(mode, round, options.modeTime());
          rounds.add(result);
          out.printf("  %-30s %,12.0f records/s  p99 %s%n", mode.title, result.throughput(),
              EndToEndReport.formatNanos(result.latency().getValueAtPercentile(99)));
        }
      }
      rawProducer.close(Duration.ofSeconds(30));
      rawProducer = null;
      out.println("sustained QoS 50 run (heap and GC)");
      SustainedResult sustained = runSustained();
      out.println("QoS 10 with the broker stopped");
      BrokerDownResult brokerDown = runBrokerDown();
      return new EndToEndResults(options, machine, startedAt,
          Duration.ofNanos(System.nanoTime() - t0), Collections.unmodifiableMap(settings), rounds,
          sustained, brokerDown, meanRecordBytes);
    } finally {
      shutdown();
    }
  }

  // ---------------------------------------------------------------- setup

  private void prepare() throws Exception {
    DynamicConfig dynamic = SampleMessages.realisticConfig().toBuilder()
        .acks(Acks.ALL)
        .compression(options.compression())
        .linger(Duration.ofMillis(options.lingerMs()))
        .deadLetter(options.deadLetter() ? DeadLetterConfig.builder().build() : null)
        .build();
    SampleMessages samples = new SampleMessages(7);
    qos50 = samples.mixed(SAMPLES, DEVICES, 50);
    qos10 = withQos(qos50, 10);
    qos80 = withQos(qos50, 80);
    qos50Telemetry = samples.telemetry(SAMPLES, DEVICES, 50);

    Router router = new Router(dynamic);
    prepared = new PreparedRecord[SAMPLES];
    TreeSet<String> topics = new TreeSet<>();
    preparedTelemetry = new PreparedRecord[SAMPLES];
    long telemetryBytes = 0;
    for (int i = 0; i < SAMPLES; i++) {
      preparedTelemetry[i] = prepare(router, qos50Telemetry[i]);
      telemetryBytes += preparedTelemetry[i].countedBytes();
      topics.add(preparedTelemetry[i].topic());
    }
    meanTelemetryRecordBytes = (double) telemetryBytes / SAMPLES;
    long valueBytes = 0;
    long keyBytes = 0;
    long headerBytes = 0;
    int headerCount = 0;
    for (int i = 0; i < SAMPLES; i++) {
      Destination destination = router.route(qos50[i]).get(0);
      byte[] value = Format.MSGPACK.encode(qos50[i]);
      byte[] key = destination.key() == null
          ? null : destination.key().getBytes(StandardCharsets.UTF_8);
      Header[] headers = new Header[destination.headers().size()];
      for (int h = 0; h < headers.length; h++) {
        io.wrpkafka.routing.Header header = destination.headers().get(h);
        byte[] headerValue = header.value().getBytes(StandardCharsets.UTF_8);
        headers[h] = new RecordHeader(header.key(), headerValue);
        headerBytes += header.key().length() + headerValue.length;
      }
      headerCount += headers.length;
      valueBytes += value.length;
      keyBytes += key == null ? 0 : key.length;
      prepared[i] = new PreparedRecord(destination.topic(), key, value, headers);
      topics.add(destination.topic());
    }
    for (String topic : topics) {
      kafka.createTopic(topic, PARTITIONS);
    }
    if (options.deadLetter()) {
      kafka.createTopic(DeadLetterConfig.DEFAULT_TOPIC, PARTITIONS);
    }
    partitions = new ArrayList<>();
    for (String topic : topics) {
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
    }

    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-admin");
    admin = Admin.create(adminProps);

    Properties producerProps = rawProducerProperties(dynamic);
    rawProducer = new KafkaProducer<>(producerProps);
    for (String topic : topics) {
      rawProducer.partitionsFor(topic);
    }
    publisher = Publisher.builder()
        .config(PublisherConfig.builder()
            .brokers(Arrays.asList(kafka.bootstrapServers().split(",")))
            .clientId(CLIENT_ID)
            .maxBufferedBytes(options.bufferBytes())
            .maxBufferedRecords(MAX_BUFFERED_RECORDS)
            .initialDynamicConfig(dynamic)
            .build())
        .build();
    publisher.start();

    settings.put("Broker", "1 embedded Apache Kafka " + kafkaVersion()
        + " broker (KRaft, its own JVM on this machine), loopback, replication factor 1");
    settings.put("Topics", String.join(", ", topics) + " (" + PARTITIONS + " partitions each)");
    settings.put("Messages", SAMPLES + " precomputed WRP messages from " + DEVICES
        + " devices, alternately a Talaria online event (15 metadata entries, JSON payload)"
        + " and a telemetry event (" + SampleMessages.TELEMETRY_PAYLOAD_BYTES
        + "-byte payload); the same messages, keys, values and headers on both sides."
        + " The telemetry-only modes send " + SAMPLES + " telemetry events (the small"
        + " records of a fleet's steady stream)");
    meanRecordBytes = (double) (valueBytes + keyBytes + headerBytes) / SAMPLES;
    settings.put("Record size (mean)", String.format(
        "value %.0f B (msgpack), key %.0f B, %.1f headers totalling %.0f B",
        (double) valueBytes / SAMPLES, (double) keyBytes / SAMPLES,
        (double) headerCount / SAMPLES, (double) headerBytes / SAMPLES)
        + String.format(Locale.ROOT, "; telemetry only: %.0f B counted (key, value, headers)",
            meanTelemetryRecordBytes));
    settings.put("Routing", "the realistic 10-route topic map (online matches route 0;"
        + " telemetry walks 8 routes, then shards over 3 topics by device id), 3 headers"
        + " (wrp.Type, wrp.DeviceID, wrp.TransactionUUID), partition key deviceid");
    List<String> producerSettings = new ArrayList<>();
    for (String name : List.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.LINGER_MS_CONFIG,
        ProducerConfig.BATCH_SIZE_CONFIG, ProducerConfig.COMPRESSION_TYPE_CONFIG,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, ProducerConfig.RETRIES_CONFIG,
        ProducerConfig.BUFFER_MEMORY_CONFIG, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) {
      producerSettings.add(name + "=" + producerProps.get(name));
    }
    settings.put("Producer settings (both sides)", String.join(", ", producerSettings));
    settings.put("Publisher", "maxBufferedBytes " + options.bufferBytes() / (1024 * 1024)
        + " MiB, maxBufferedRecords " + MAX_BUFFERED_RECORDS + " (so the bytes limit binds),"
        + " no listener, " + (options.deadLetter()
            ? "dead-letter topic " + DeadLetterConfig.DEFAULT_TOPIC + " (minQos 25)"
            : "no dead-letter topic"));
    settings.put("Kafka client", "kafka-clients " + kafkaVersion());
    settings.put("Run", (options.warmup() ? "1 warm-up round of " + seconds(
        min(WARMUP_TIME, options.modeTime())) + " per mode, then " : "")
        + options.rounds() + " measured round(s); each mode produces for "
        + seconds(options.modeTime()) + " or " + options.records()
        + " records per round, whichever comes first; modes rotate order each round;"
        + " concurrent modes use " + options.callers() + " callers; sustained run "
        + seconds(options.sustainedTime()) + "; broker-down run "
        + seconds(options.brokerDownTime()));
  }

  /** The client settings the publisher derives from its config (core's ProducerProperties). */
  private Properties rawProducerProperties(DynamicConfig dynamic) {
    return rawProducerProperties(
        kafka.bootstrapServers(), CLIENT_ID + "-raw", dynamic, options.bufferBytes());
  }

  /**
   * The client settings a publisher with {@code bufferBytes} of buffer derives from {@code
   * dynamic} (core's ProducerProperties), for a raw producer compared with it.
   */
  static Properties rawProducerProperties(
      String bootstrap, String clientId, DynamicConfig dynamic, long bufferBytes) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, dynamic.acks().kafkaValue());
    props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(dynamic.linger().toMillis()));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(dynamic.batchMaxBytes()));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, dynamic.compression().kafkaName());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(
        Math.max(32L * 1024 * 1024, 2 * bufferBytes + 64L * dynamic.batchMaxBytes())));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Long.toString(PublisherConfig.DEFAULT_REQUEST_TIMEOUT.toMillis()));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        Long.toString(PublisherConfig.DEFAULT_RECORD_DELIVERY_TIMEOUT.toMillis()));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG,
        Long.toString(PublisherConfig.DEFAULT_RECORD_DELIVERY_TIMEOUT.toMillis()));
    return props;
  }

  private static Message[] withQos(Message[] messages, int qos) {
    Message[] out = new Message[messages.length];
    for (int i = 0; i < messages.length; i++) {
      out[i] = messages[i].toBuilder().qualityOfService(qos).build();
    }
    return out;
  }

  private void shutdown() {
    if (publisher != null) {
      publisher.stop(Duration.ofSeconds(30));
    }
    if (rawProducer != null) {
      rawProducer.close(Duration.ofSeconds(30));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(10));
    }
    kafka.close();
  }

  // ---------------------------------------------------------------- modes

  private ModeResult runMode(Mode mode, int round, Duration time) throws Exception {
    System.gc();
    long offsetsBefore = endOffsets();
    GcSnapshot gcBefore = GcSnapshot.now();
    AllocationCounter allocBefore = AllocationCounter.snapshot();
    long cpuBefore = processCpuNanos();
    ContextSwitches switchesBefore = ContextSwitches.snapshot();
    Run run = switch (mode) {
      case RAW -> runRaw(prepared, time);
      case RAW_TELEMETRY -> runRaw(preparedTelemetry, time);
      case QOS_50 -> runPublisher(qos50, time);
      case QOS_50_TELEMETRY -> runPublisher(qos50Telemetry, time);
      case QOS_10 -> runPublisher(qos10, time);
      case QOS_10_PACED -> runPaced(qos10, time,
          options.paceRate() > 0 ? options.paceRate() : rawRate);
      case RAW_SYNC, QOS_80 -> runConcurrent(mode, time);
    };
    long cpu = processCpuNanos() - cpuBefore;
    long switches = switchesBefore.since();
    long allocated = AllocationCounter.snapshot().since(allocBefore) + run.exitedThreadsAllocated;
    GcSnapshot gc = GcSnapshot.now().since(gcBefore);
    long delivered = endOffsets() - offsetsBefore;
    ModeResult result = new ModeResult(mode, round, run.calls, run.dropped, run.failed, delivered,
        run.nanos, run.latency, gc.count(), gc.millis(), allocated, cpu, switches,
        run.offeredRate);
    if (mode == Mode.RAW) {
      rawRate = result.throughput();
    }
    return result;
  }

  /** The figures of one timed loop; {@code offeredRate} 0 for a closed loop. */
  private record Run(long calls, long dropped, long failed, long nanos, Histogram latency,
      long exitedThreadsAllocated, double offeredRate) {
    Run(long calls, long dropped, long failed, long nanos, Histogram latency,
        long exitedThreadsAllocated) {
      this(calls, dropped, failed, nanos, latency, exitedThreadsAllocated, 0);
    }
  }

  /** Counts acknowledgements and failures of the raw producer's records; no allocation. */
  private static final class RawCallback implements Callback {
    final LongAdder failed = new LongAdder();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception != null) {
        failed.increment();
      }
    }
  }

  private Run runRaw(PreparedRecord[] records, Duration time) {
    Histogram latency = newHistogram();
    RawCallback callback = new RawCallback();
    int max = options.records();
    long start = System.nanoTime();
    long deadline = start + time.toNanos();
    long now = start;
    int n = 0;
    while (n < max && now < deadline) {
      rawProducer.send(records[n & MASK].toProducerRecord(), callback);
      long after = System.nanoTime();
      latency.recordValue(Math.min(after - now, HIGHEST_LATENCY_NANOS));
      now = after;
      n++;
    }
    rawProducer.flush();
    long nanos = System.nanoTime() - start;
    return new Run(n, 0, callback.failed.sum(), nanos, latency, 0);
  }

  /** Produces {@code messages} from one caller as fast as it can: a closed loop. */
  private Run runPublisher(Message[] messages, Duration time) {
    return runOneCaller(messages, time, 0);
  }

  /**
   * Produces {@code messages} offered at {@code rate} records/s from one caller: an open loop
   * that makes every call that is due by the clock and, when ahead of the schedule, parks until
   * the next call is due, for at least {@link #PACE_PARK_NANOS}.
   */
  private Run runPaced(Message[] messages, Duration time, double rate) {
    if (!(rate > 0)) {
      throw new IllegalStateException("no rate to pace at: the raw producer has not run yet");
    }
    return runOneCaller(messages, time, rate);
  }

  /**
   * One caller producing {@code messages}, paced at {@code rate} records/s when it is above 0.
   * The latency counts the time inside {@code produce} only.
   */
  private Run runOneCaller(Message[] messages, Duration time, double rate) {
    Histogram latency = newHistogram();
    int max = options.records();
    boolean paced = rate > 0;
    double nanosPerRecord = paced ? 1e9 / rate : 0;
    long dropped = 0;
    long failed = 0;
    long start = System.nanoTime();
    long deadline = start + time.toNanos();
    long now = start;
    int n = 0;
    while (n < max && now < deadline) {
      if (paced) {
        long due = start + (long) (n * nanosPerRecord);
        if (now - due < 0) {
          LockSupport.parkNanos(Math.max(due - now, PACE_PARK_NANOS));
          now = System.nanoTime();
          continue;
        }
      }
      ProduceResult result = publisher.produce(messages[n & MASK]);
      long after = System.nanoTime();
      latency.recordValue(Math.min(after - now, HIGHEST_LATENCY_NANOS));
      now = after;
      n++;
      if (result.outcome() == Outcome.DROPPED) {
        dropped++;
      } else if (result.outcome() == Outcome.FAILED) {
        failed++;
      }
    }
    awaitDrained(DRAIN_TIMEOUT);
    long nanos = System.nanoTime() - start;
    return new Run(n, dropped, failed, nanos, latency, 0, rate);
  }

  private Run runConcurrent(Mode mode, Duration time) throws InterruptedException {
    int callers = options.callers();
    int max = options.records();
    AtomicLong next = new AtomicLong();
    LongAdder dropped = new LongAdder();
    LongAdder failed = new LongAdder();
    LongAdder allocated = new LongAdder();
    Histogram[] latencies = new Histogram[callers];
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch go = new CountDownLatch(1);
    long[] deadline = new long[1];
    Thread[] threads = new Thread[callers];
    for (int t = 0; t < callers; t++) {
      Histogram latency = newHistogram();
      latencies[t] = latency;
      threads[t] = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        long allocBefore = AllocationCounter.currentThread();
        long end = deadline[0];
        while (true) {
          long i = next.getAndIncrement();
          long start = System.nanoTime();
          if (i >= max || start >= end) {
            break;
          }
          int index = (int) (i & MASK);
          if (mode == Mode.RAW_SYNC) {
            try {
              rawProducer.send(prepared[index].toProducerRecord()).get();
            } catch (ExecutionException e) {
              failed.increment();
            } catch (InterruptedException e) {
              return;
            }
          } else {
            Outcome outcome = publisher.produce(qos80[index]).outcome();
            if (outcome == Outcome.DROPPED) {
              dropped.increment();
            } else if (outcome == Outcome.FAILED) {
              failed.increment();
            }
          }
          latency.recordValue(Math.min(System.nanoTime() - start, HIGHEST_LATENCY_NANOS));
        }
        allocated.add(AllocationCounter.currentThread() - allocBefore);
      }, "bench-caller-" + t);
      threads[t].start();
    }
    ready.await();
    long start = System.nanoTime();
    deadline[0] = start + time.toNanos();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long nanos = System.nanoTime() - start;
    Histogram latency = newHistogram();
    long calls = 0;
    for (Histogram h : latencies) {
      latency.add(h);
      calls += h.getTotalCount();
    }
    return new Run(calls, dropped.sum(), failed.sum(), nanos, latency, allocated.sum());
  }

  // ---------------------------------------------------------------- sustained and broker down

  private SustainedResult runSustained() throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long offsetsBefore = endOffsets();
    Map<String, long[]> collectorsBefore = collectors();
    AllocationCounter allocBefore = AllocationCounter.snapshot();

    AtomicBoolean sampling = new AtomicBoolean(true);
    long[] samples = new long[5]; // max used, sum used, count, max committed, max buffer bytes
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long buffered = publisher.bufferState().bytes();
        synchronized (samples) {
          samples[0] = Math.max(samples[0], heap.getUsed());
          samples[1] += heap.getUsed();
          samples[2]++;
          samples[3] = Math.max(samples[3], heap.getCommitted());
          samples[4] = Math.max(samples[4], buffered);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    }, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    Run run = runPublisher(qos50, options.sustainedTime());
    sampling.set(false);
    sampler.join();
    long allocated = AllocationCounter.snapshot().since(allocBefore);
    Map<String, long[]> collectorsAfter = collectors();
    long delivered = endOffsets() - offsetsBefore;
    System.gc();
    long heapAfter = memory.getHeapMemoryUsage().getUsed();

    List<SustainedResult.Collector> collectors = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : collectorsAfter.entrySet()) {
      long[] before = collectorsBefore.getOrDefault(entry.getKey(), new long[2]);
      collectors.add(new SustainedResult.Collector(entry.getKey(),
          entry.getValue()[0] - before[0], entry.getValue()[1] - before[1]));
    }
    synchronized (samples) {
      return new SustainedResult(run.calls, delivered, run.nanos, collectors, samples[0],
          samples[2] == 0 ? 0 : samples[1] / samples[2], samples[3], heapAfter, heapBefore,
          samples[4], options.bufferBytes(), allocated);
    }
  }

  private static Map<String, long[]> collectors() {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      out.put(gc.getName(), new long[] {gc.getCollectionCount(), gc.getCollectionTime()});
    }
    return out;
  }

  private BrokerDownResult runBrokerDown() throws Exception {
    long offsetsBefore = endOffsets();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long t = System.nanoTime();
    kafka.stopBroker(0);
    Duration stopTime = Duration.ofNanos(System.nanoTime() - t);

    Histogram all = newHistogram();
    Histogram attempted = newHistogram();
    Histogram dropped = newHistogram();
    int max = options.records();
    long start = System.nanoTime();
    long deadline = start + options.brokerDownTime().toNanos();
    long now = start;
    int n = 0;
    while (n < max && now < deadline) {
      Outcome outcome = publisher.produce(qos10[n & MASK]).outcome();
      long after = System.nanoTime();
      long nanos = Math.min(after - now, HIGHEST_LATENCY_NANOS);
      all.recordValue(nanos);
      (outcome == Outcome.DROPPED ? dropped : attempted).recordValue(nanos);
      now = after;
      n++;
    }
    System.gc();
    long heapWhileDown = memory.getHeapMemoryUsage().getUsed();

    t = System.nanoTime();
    kafka.startBroker(0);
    long restarted = System.nanoTime();
    Duration startTime = Duration.ofNanos(restarted - t);
    boolean drained = awaitDrained(DRAIN_TIMEOUT);
    Duration drainTime = Duration.ofNanos(System.nanoTime() - restarted);
    long delivered = endOffsets() - offsetsBefore;
    return new BrokerDownResult(n, attempted.getTotalCount(), dropped.getTotalCount(), all,
        attempted, dropped, stopTime, startTime, drainTime, drained, delivered, heapBefore,
        heapWhileDown);
  }

  // ---------------------------------------------------------------- helpers

  /** Waits until the publisher holds no record; false if it still does after {@code timeout}. */
  private boolean awaitDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (publisher.bufferState().records() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
    }
    return true;
  }

  /** The sum of the end offsets of every benchmark partition: the records written so far. */
  private long endOffsets() throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicPartition partition : partitions) {
      request.put(partition, OffsetSpec.latest());
    }
    Map<TopicPartition, ListOffsetsResultInfo> offsets =
        admin.listOffsets(request).all().get(60, TimeUnit.SECONDS);
    long total = 0;
    for (ListOffsetsResultInfo info : offsets.values()) {
      total += info.offset();
    }
    return total;
  }

  /** The CPU time of this JVM so far, nanoseconds; -1 if the platform does not tell. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static Histogram newHistogram() {
    return new Histogram(HIGHEST_LATENCY_NANOS, 3);
  }

  /**
   * This JVM's classpath with absolute entries: the broker JVM runs in its own directory, so a
   * relative {@code -cp benchmarks/target/benchmarks.jar} would not resolve there.
   */
  static String absoluteClasspath() {
    StringJoiner joined = new StringJoiner(File.pathSeparator);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        joined.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return joined.toString();
  }

  /** The kafka-clients version, from the version file in its jar. */
  private static String kafkaVersion() {
    try (InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      Properties version = new Properties();
      if (in != null) {
        version.load(in);
      }
      return version.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toNanos() / 1e9);
  }
}
