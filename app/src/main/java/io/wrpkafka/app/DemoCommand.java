package io.wrpkafka.app;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.PublishEvent;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.QosBand;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts an embedded Kafka broker, publishes a simulated Talaria event stream through a {@link
 * Publisher} routed by the bundled seed config, reads every record back and checks it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes simulated Talaria events to a real embedded broker and verifies them.",
      "Starts a Kafka broker on loopback, creates the topics of the bundled seed config",
      "(examples/seed.yaml), publishes events for a fleet of devices at every QoS level,",
      "reads them back and verifies keys and per-device order.",
      "Needs no configuration; the broker and its data are gone when the demo ends."
    })
final class DemoCommand implements Callable<Integer> {

  /** The seed routing, copied from examples/seed.yaml into the jar at build time. */
  static final String SEED_CONFIG = "examples/seed.yaml";
  static final int PARTITIONS = 6;

  @Option(names = "--devices", defaultValue = "2000", description = "Simulated devices (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--events-per-device", defaultValue = "8",
      description = "Events per device between online and offline (default: ${DEFAULT-VALUE}).")
  int eventsPerDevice;

  @Option(names = "--threads", defaultValue = "64",
      description = "Concurrent publishing threads; each device stays on one (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    WrpKafkaConfig seed = seedConfig();
    List<String> topics = topicsOf(seed.dynamicConfig());
    SimulatedFleet fleet = new SimulatedFleet(devices, eventsPerDevice, 42);
    out.println("Starting an embedded Apache Kafka broker (KRaft)...");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      out.printf("Kafka is up at %s; creating %d topics of %s (%d partitions each)%n",
          kafka.bootstrapServers(), topics.size(), SEED_CONFIG, PARTITIONS);
      for (String topic : topics) {
        kafka.createTopic(topic, PARTITIONS);
      }
      PublisherConfig config = seed.publisher().orElseThrow().toBuilder()
          .brokers(List.of(kafka.bootstrapServers().split(",")))
          .clientId("wrpkafka-demo")
          .build();
      DemoTally tally = publish(config, fleet, out);
      ReadBack readBack = ReadBack.readAll(
          kafka.bootstrapServers(), topics, tally.delivered(), Duration.ofSeconds(30));
      return DemoSummary.print(out, tally, readBack) ? 0 : 1;
    }
  }

  /** The bundled seed config, read with an empty environment so the demo is reproducible. */
  static WrpKafkaConfig seedConfig() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/" + SEED_CONFIG)) {
      if (in == null) {
        throw new IllegalStateException(SEED_CONFIG + " is missing from the classpath");
      }
      return WrpKafkaConfig.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), SEED_CONFIG, Map.of());
    }
  }

  /** Every topic a route can send to, in route order. */
  static List<String> topicsOf(DynamicConfig config) {
    Set<String> topics = new LinkedHashSet<>();
    for (TopicRoute route : config.topicMap()) {
      if (!route.topic().isEmpty()) {
        topics.add(route.topic());
      }
      topics.addAll(route.topics());
    }
    return List.copyOf(topics);
  }

  private DemoTally publish(PublisherConfig config, SimulatedFleet fleet, PrintStream out)
      throws Exception {
    DemoTally tally = new DemoTally();
    long total = (long) fleet.devices() * fleet.messagesPerDevice();
    AtomicLong published = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Publisher publisher = Publisher.builder().config(config).listener(tally::onPublish).build();
        ProgressBar progress = ProgressBar.start(out, "Publishing", total, published::get)) {
      publisher.start();
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        work.add(pool.submit(() -> {
          for (int device = first; device < fleet.devices(); device += threads) {
            for (Message message : fleet.eventsOf(device)) {
              tally.onProduce(message.qualityOfService(), publisher.produce(message));
              published.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      publisher.stop(Duration.ofSeconds(30));
    } finally {
      pool.shutdownNow();
    }
    return tally;
  }

  /** Counts what {@code produce} answered and what the listener finally reported, per QoS band. */
  static final class DemoTally {
    final Map<QosBand, Map<Outcome, LongAdder>> produced = new EnumMap<>(QosBand.class);
    final Map<QosBand, LongAdder> delivered = new EnumMap<>(QosBand.class);
    final Map<QosBand, LongAdder> failed = new EnumMap<>(QosBand.class);

    DemoTally() {
      for (QosBand band : QosBand.values()) {
        Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
          outcomes.put(o, new LongAdder());
        }
        produced.put(band, outcomes);
        delivered.put(band, new LongAdder());
        failed.put(band, new LongAdder());
      }
    }

    void onProduce(int qos, ProduceResult result) {
      produced.get(QosBand.of(qos)).get(result.outcome()).increment();
    }

    void onPublish(PublishEvent event) {
      (event.errorType() == null ? delivered : failed).get(QosBand.of(event.qos())).increment();
    }

    long delivered() {
      return delivered.values().stream().mapToLong(LongAdder::sum).sum();
    }
  }
}
