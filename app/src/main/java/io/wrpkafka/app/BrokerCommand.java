package io.wrpkafka.app;

import io.wrpkafka.app.bridge.RouteTopics;
import io.wrpkafka.config.ConfigProblem;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/*
 * SIGTERM and Ctrl-C wake the main thread (SignalHandlers, as in serve), which closes the broker
 * and returns 0 through picocli; without the handler the JVM would exit 143/130 from a shutdown
 * hook. Where no handler can be installed (-Xrs), a shutdown hook still deletes the data.
 */
/** Runs an embedded Kafka broker (or cluster) in the foreground until Ctrl-C or SIGTERM. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a real Apache Kafka broker (KRaft) on loopback in the foreground, for local work.",
      "Creates the topics asked for, prints the bootstrap servers and the topics, then serves"
          + " until Ctrl-C or SIGTERM; its data is deleted on exit.",
      "%nExample: wrpkafka broker --port 9092 --topics examples/local.yaml%n"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by Ctrl-C or SIGTERM",
      "1:the --topics file is invalid, or the broker or a topic could not be created",
      "2:bad command line"
    })
final class BrokerCommand implements Callable<Integer> {
  static final int DEFAULT_PARTITIONS = 3;

  @Spec CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "1", description = "Number of broker nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--port", paramLabel = "PORT",
      description = "The PLAINTEXT port, e.g. 9092; node n of a cluster listens on PORT+n (default: free ports).")
  Integer port;

  @Option(names = "--topics", paramLabel = "FILE",
      description = "Create every topic the routes of this configuration file publish to"
          + " (topicMap topic and topics), and its deadLetter.topic, with "
          + DEFAULT_PARTITIONS + " partitions each.")
  Path topicsFile;

  @Option(names = "--topic", paramLabel = "NAME[:PARTITIONS]",
      description = "Create this topic (repeatable; default " + DEFAULT_PARTITIONS + " partitions).")
  List<String> topicArgs = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    if (port != null && (port < 1 || port > 65535)) {
      throw new ParameterException(spec.commandLine(), "--port: " + port + " is not a port (1-65535)");
    }
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (String arg : topicArgs) {
      parseTopic(arg, topics);
    }
    if (topicsFile != null) {
      Map<String, Integer> fromFile = topicsOf(topicsFile);
      if (fromFile == null) {
        return 1;
      }
      fromFile.forEach(topics::putIfAbsent);
    }
    EmbeddedKafkaConfig.Builder config = EmbeddedKafkaConfig.builder().nodes(nodes);
    if (port != null) {
      config.plaintextPort(port);
    }
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(config.build());
    } catch (RuntimeException e) {
      System.err.println("error: the broker could not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stop = new CountDownLatch(1);
    SignalHandlers signals = SignalHandlers.install(stop::countDown);
    try {
      if (signals == null) {
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "wrpkafka-broker-shutdown"));
      }
      for (Map.Entry<String, Integer> topic : topics.entrySet()) {
        try {
          kafka.createTopic(topic.getKey(), topic.getValue());
        } catch (RuntimeException e) {
          System.err.println("error: cannot create topic " + topic.getKey() + ": " + e.getMessage());
          return 1;
        }
      }
      System.out.println("Kafka is running: bootstrap servers " + kafka.bootstrapServers());
      if (!topics.isEmpty()) {
        System.out.println("Topics created: " + String.join(", ", topics.keySet()));
      }
      System.out.println("Press Ctrl-C to stop.");
      System.out.flush();
      stop.await();
      System.out.println("stopping the broker...");
      return 0;
    } finally {
      if (signals != null) {
        signals.close();
      }
      kafka.close();
    }
  }

  private void parseTopic(String arg, Map<String, Integer> topics) {
    int colon = arg.lastIndexOf(':');
    String name = colon < 0 ? arg : arg.substring(0, colon);
    int partitions = DEFAULT_PARTITIONS;
    if (colon >= 0) {
      try {
        partitions = Integer.parseInt(arg.substring(colon + 1));
      } catch (NumberFormatException e) {
        partitions = 0;
      }
      if (partitions < 1) {
        throw new ParameterException(spec.commandLine(), "--topic " + arg
            + ": the partition count after ':' must be a positive integer (expected NAME[:PARTITIONS])");
      }
    }
    if (name.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--topic " + arg + ": the topic name is empty");
    }
    topics.put(name, partitions);
  }

  /** The topics of {@code file}'s routes and dead-letter topic; null (reported) when invalid. */
  private static Map<String, Integer> topicsOf(Path file) {
    if (!Files.isRegularFile(file)) {
      System.err.println("error: --topics: " + file + " does not exist or is not a file");
      return null;
    }
    List<ConfigProblem> problems = WrpKafkaConfig.validate(file, System.getenv());
    if (!problems.isEmpty()) {
      System.err.println("error: " + file + " has " + problems.size() + " problem(s):");
      problems.forEach(problem -> System.err.println("  " + problem));
      return null;
    }
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (String topic : RouteTopics.of(WrpKafkaConfig.load(file, System.getenv()).dynamicConfig())) {
      topics.put(topic, DEFAULT_PARTITIONS);
    }
    return topics;
  }
}
