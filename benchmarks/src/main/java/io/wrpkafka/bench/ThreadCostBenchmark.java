package io.wrpkafka.bench;

import io.wrpkafka.Acks;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/*
 * Why per thread. EndToEndBenchmark's CPU per record is the process's, GC included, and on a
 * shared two-core machine it moves by tens of per cent between runs of the same code. Thread CPU
 * time and allocated bytes (com.sun.management.ThreadMXBean) split it by stage: the caller (route,
 * encode, admit; for the raw producer its whole send), the lane thread (the client's send), the
 * client's I/O thread (responses and our completion callback). Allocation per thread is exact;
 * CPU per thread is still noisy, so compare the publisher with the raw producer of the next round
 * in the same JVM. GC runs on VM threads and is shown as pause time only.
 */
/**
 * Per record, the CPU time and allocation of each thread of a {@link Publisher} producing QoS 50
 * from one caller, alternated round by round with a raw {@code KafkaProducer} sending the same
 * records (routed, encoded and with headers before the clock starts), against one embedded
 * broker. Prints one line per round.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *     io.wrpkafka.bench.ThreadCostBenchmark [SECONDS (default 3)] [ROUNDS (default 4)] [PROFILE (a path prefix)]
 * }</pre>
 *
 * <p>With PROFILE, async-profiler samples the CPU time of every thread in the measured rounds;
 * the samples of each side go to {@code PROFILE-publisher.collapsed} and {@code
 * PROFILE-raw.collapsed}, and a summary by thread is printed at the end.
 */
public final class ThreadCostBenchmark {
  private static final int SAMPLES = 4096;
  private static final int MASK = SAMPLES - 1;
  private static final long BUFFER_BYTES = 64L << 20;

  private ThreadCostBenchmark() {}

  /** One record as the publisher would hand it to Kafka, ready for the raw producer. */
  private record Prepared(String topic, byte[] key, byte[] value, Header[] headers) {}

  /** Runs a warm-up pair of rounds, then {@code ROUNDS} pairs; blocks for the whole run. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    String profilePrefix = args.length > 2 ? args[2] : null;
    CpuProfile publisherProfile = profilePrefix == null ? null : CpuProfile.load();
    CpuProfile rawProfile = profilePrefix == null ? null : CpuProfile.load();
    DynamicConfig dynamic = SampleMessages.realisticConfig().toBuilder()
        .acks(Acks.ALL).linger(Duration.ofMillis(5)).build();
    Message[] messages = new SampleMessages(7).mixed(SAMPLES, 1000, 50);
    Router router = new Router(dynamic);
    Prepared[] raw = prepare(router, messages);
    TreeSet<String> topics = new TreeSet<>();
    for (Prepared record : raw) {
      topics.add(record.topic());
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder()
        .classpath(EndToEndBenchmark.absoluteClasspath()).build())) {
      for (String topic : topics) {
        kafka.createTopic(topic, 6);
      }
      try (Publisher publisher = Publisher.builder().config(PublisherConfig.builder()
              .brokers(Arrays.asList(kafka.bootstrapServers().split(",")))
              .clientId("thread-cost").maxBufferedRecords(1_000_000)
              .maxBufferedBytes(BUFFER_BYTES).initialDynamicConfig(dynamic).build()).build();
          KafkaProducer<byte[], byte[]> producer =
              new KafkaProducer<>(EndToEndBenchmark.rawProducerProperties(
                  kafka.bootstrapServers(), "thread-cost-raw", dynamic, BUFFER_BYTES))) {
        publisher.start();
        LongAdder failed = new LongAdder();
        Callback callback = (metadata, exception) -> {
          if (exception != null) {
            failed.increment();
          }
        };
        for (int round = -2; round < 2 * rounds; round++) {
          boolean rawRound = (round & 1) != 0;
          System.gc();
          Map<Long, ThreadSample> before = threads();
          long gcBefore = gcMillis();
          CpuProfile profile = round < 0 ? null : rawRound ? rawProfile : publisherProfile;
          if (profile != null) {
            profile.start();
          }
          long n = 0;
          long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
          while (System.nanoTime() < deadline) {
            for (int i = 0; i < 256; i++, n++) {
              if (rawRound) {
                Prepared r = raw[(int) n & MASK];
                producer.send(new ProducerRecord<>(r.topic(), null, null, r.key(), r.value(),
                    new RecordHeaders(r.headers())), callback);
              } else if (!publisher.produce(messages[(int) n & MASK]).isSuccess()) {
                failed.increment();
              }
            }
          }
          if (rawRound) {
            producer.flush();
          }
          while (publisher.bufferState().records() > 0) {
            Thread.sleep(2);
          }
          if (profile != null) {
            profile.stop();
          }
          if (failed.sum() > 0) {
            throw new IllegalStateException(failed.sum() + " records failed");
          }
          if (round >= 0) {
            print(rawRound ? "raw" : "publisher", round / 2, n, before, threads(),
                gcMillis() - gcBefore);
          }
        }
      }
    }
    if (profilePrefix != null) {
      writeProfile(publisherProfile, profilePrefix, "publisher");
      writeProfile(rawProfile, profilePrefix, "raw");
    }
  }

  private static void writeProfile(CpuProfile profile, String prefix, String side)
      throws IOException {
    Path file = Path.of(prefix + "-" + side + ".collapsed");
    profile.write(file);
    System.out.printf("%n%s: CPU samples by thread, and each thread's top frames (%s)%n%s", side,
        file, profile.summary(6));
  }

  private static Prepared[] prepare(Router router, Message[] messages) {
    Prepared[] records = new Prepared[messages.length];
    for (int i = 0; i < messages.length; i++) {
      Destination destination = router.route(messages[i]).get(0);
      Header[] headers = new Header[destination.headers().size()];
      for (int h = 0; h < headers.length; h++) {
        headers[h] = new RecordHeader(destination.headerKey(h), destination.headerValueBytes(h));
      }
      records[i] = new Prepared(destination.topic(),
          destination.key().getBytes(StandardCharsets.UTF_8), Format.MSGPACK.encode(messages[i]),
          headers);
    }
    return records;
  }

  private static void print(String side, int round, long records,
      Map<Long, ThreadSample> before, Map<Long, ThreadSample> after, long gcMillis) {
    StringBuilder line = new StringBuilder(
        String.format("%-9s round %d: %,9d records, GC pauses %4d ms |", side, round, records,
            gcMillis));
    long cpu = 0;
    long allocated = 0;
    for (String group : new String[] {"caller", "lane", "client I/O", "other"}) {
      // Per thread alive at the end: a thread that ended in the round (an idle lane thread
      // leaves the pool) takes its counters with it and is left out, rather than subtracted.
      long groupCpu = 0;
      long groupAllocated = 0;
      for (Map.Entry<Long, ThreadSample> e : after.entrySet()) {
        ThreadSample to = e.getValue();
        if (to.group().equals(group)) {
          ThreadSample from = before.get(e.getKey());
          groupCpu += to.cpuNanos() - (from == null ? 0 : from.cpuNanos());
          groupAllocated += to.allocatedBytes() - (from == null ? 0 : from.allocatedBytes());
        }
      }
      cpu += groupCpu;
      allocated += groupAllocated;
      line.append(String.format(" %s %,.0f ns %,.0f B |", group, groupCpu / (double) records,
          groupAllocated / (double) records));
    }
    line.append(String.format(" all %,.0f ns %,.0f B", cpu / (double) records,
        allocated / (double) records));
    System.out.println(line);
  }

  private static long gcMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += gc.getCollectionTime();
    }
    return millis;
  }

  /** One thread's group and its CPU time and allocation so far. */
  private record ThreadSample(String group, long cpuNanos, long allocatedBytes) {}

  /** CPU nanoseconds and allocated bytes so far of the JVM's live threads, by thread id. */
  private static Map<Long, ThreadSample> threads() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Map<Long, ThreadSample> threads = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      String group = name.equals("main") ? "caller"
          : name.startsWith("wrpkafka-lane") ? "lane"
          : name.startsWith("kafka-producer-network-thread") ? "client I/O"
          : "other";
      long cpu = bean.getThreadCpuTime(thread.getId());
      if (cpu < 0) {
        continue;
      }
      threads.put(thread.getId(),
          new ThreadSample(group, cpu, bean.getThreadAllocatedBytes(thread.getId())));
    }
    return threads;
  }
}
