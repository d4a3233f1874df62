package io.wrpkafka.bench;

import io.wrpkafka.Acks;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-message cost of {@code Publisher.produceAll} of a batch against the same number of {@code
 * produce} calls, against one real broker (its own JVM). Not JMH: a publisher needs a broker to
 * do its real work (see benchmarks/README.md, "Batches"). For QoS 10, 50 and 80 it alternates,
 * over several rounds, one thread calling {@code produce} for each of {@code --batch} messages
 * with the same thread calling {@code produceAll} once for them, and reports the time inside the
 * calls per message (median of rounds) and the ratio. Between modes, outside the clock, it waits
 * until the publisher's buffer is empty so each mode starts alike. About 70 s with the defaults.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.BatchBenchmark [--seconds 2]
 *     [--rounds 3] [--batch 100]
 * }</pre>
 */
public final class BatchBenchmark {
  private static final int SAMPLES = 4096;
  private static final int DEVICES = 1000;
  private static final int PARTITIONS = 6;
  private static final int[] QOS = {10, 50, 80};

  private BatchBenchmark() {}

  /** Runs the comparison and prints a table; exits 2 on a bad argument. */
  public static void main(String[] args) throws Exception {
    int seconds = 2;
    int rounds = 3;
    int batch = 100;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        usage(args[i] + " needs a value");
      }
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--seconds" -> seconds = value;
        case "--rounds" -> rounds = value;
        case "--batch" -> batch = value;
        default -> usage("unknown option " + args[i]);
      }
    }
    if (seconds < 1 || rounds < 1 || batch < 1 || batch > SAMPLES) {
      usage("--seconds, --rounds >= 1, 1 <= --batch <= " + SAMPLES);
    }
    run(Duration.ofSeconds(seconds), rounds, batch);
  }

  private static void usage(String problem) {
    System.err.println("batch benchmark: " + problem);
    System.err.println("usage: BatchBenchmark [--seconds N] [--rounds N] [--batch N]");
    System.exit(2);
  }

  private static void run(Duration time, int rounds, int batch) throws Exception {
    DynamicConfig dynamic = SampleMessages.realisticConfig().toBuilder()
        .acks(Acks.ALL).linger(Duration.ofMillis(5)).build();
    Map<Integer, List<List<Message>>> batches = new TreeMap<>();
    SampleMessages samples = new SampleMessages(7);
    for (int qos : QOS) {
      Message[] messages = samples.mixed(SAMPLES, DEVICES, qos);
      List<List<Message>> cut = new ArrayList<>();
      for (int from = 0; from + batch <= SAMPLES; from += batch) {
        cut.add(List.copyOf(Arrays.asList(messages).subList(from, from + batch)));
      }
      batches.put(qos, cut);
    }
    TreeSet<String> topics = new TreeSet<>();
    Router router = new Router(dynamic);
    for (List<Message> list : batches.get(QOS[0])) {
      for (Message message : list) {
        topics.add(router.route(message).get(0).topic());
      }
    }
    System.out.println("starting the embedded broker...");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder()
        .classpath(EndToEndBenchmark.absoluteClasspath()).build())) {
      for (String topic : topics) {
        kafka.createTopic(topic, PARTITIONS);
      }
      try (Publisher publisher = Publisher.builder()
          .config(PublisherConfig.builder()
              .brokers(Arrays.asList(kafka.bootstrapServers().split(",")))
              .clientId("wrpkafka-batch-bench")
              .maxBufferedRecords(1_000_000)
              .maxBufferedBytes(512L << 20)
              .initialDynamicConfig(dynamic)
              .build())
          .build()) {
        publisher.start();
        System.out.println("warm-up (not reported)");
        for (int qos : QOS) {
          measure(publisher, batches.get(qos), true, Duration.ofSeconds(1));
          measure(publisher, batches.get(qos), false, Duration.ofSeconds(1));
        }
        Map<String, List<Double>> perMessage = new TreeMap<>();
        for (int round = 1; round <= rounds; round++) {
          for (int qos : QOS) {
            // Alternate which mode goes first, so neither always follows the other.
            boolean batchFirst = round % 2 == 0;
            for (boolean asBatch : new boolean[] {batchFirst, !batchFirst}) {
              double ns = measure(publisher, batches.get(qos), asBatch, time);
              perMessage.computeIfAbsent(key(qos, asBatch), k -> new ArrayList<>()).add(ns);
              System.out.printf("  round %d  QoS %2d  %-26s %,10.0f ns/message%n", round, qos,
                  label(asBatch, batch), ns);
            }
          }
        }
        System.out.println();
        System.out.printf("time in the calls per message, median of %d rounds of %d s, batch %d%n",
            rounds, time.toSeconds(), batch);
        System.out.printf("| QoS | %d x produce | produceAll(%d) | produceAll / produce |%n",
            batch, batch);
        System.out.println("|---|---|---|---|");
        for (int qos : QOS) {
          double single = median(perMessage.get(key(qos, false)));
          double all = median(perMessage.get(key(qos, true)));
          System.out.printf("| %d | %,.0f ns | %,.0f ns | %.2f |%n", qos, single, all, all / single);
        }
      }
    }
  }

  /**
   * Produces batches for {@code time}, one produceAll or one produce per message; answers the
   * nanoseconds spent inside the calls per message. Waits for an empty buffer first.
   */
  private static double measure(
      Publisher publisher, List<List<Message>> batches, boolean asBatch, Duration time)
      throws InterruptedException {
    drain(publisher);
    long deadline = System.nanoTime() + time.toNanos();
    long inside = 0;
    long messages = 0;
    long failed = 0;
    int next = 0;
    while (System.nanoTime() < deadline) {
      List<Message> batch = batches.get(next++ % batches.size());
      long start = System.nanoTime();
      if (asBatch) {
        for (ProduceResult result : publisher.produceAll(batch)) {
          failed += result.isSuccess() ? 0 : 1;
        }
      } else {
        for (Message message : batch) {
          failed += publisher.produce(message).isSuccess() ? 0 : 1;
        }
      }
      inside += System.nanoTime() - start;
      messages += batch.size();
    }
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + messages + " messages failed");
    }
    return (double) inside / messages;
  }

  private static void drain(Publisher publisher) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (publisher.bufferState().records() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the buffer did not drain within a minute");
      }
      Thread.sleep(10);
    }
  }

  private static String key(int qos, boolean asBatch) {
    return qos + (asBatch ? "-batch" : "-single");
  }

  private static String label(boolean asBatch, int batch) {
    return asBatch ? "produceAll(" + batch + ")" : batch + " x produce";
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
