package io.wrpkafka.app;

import io.wrpkafka.ConfigException;
import io.wrpkafka.PublishException;
import io.wrpkafka.app.bridge.Bridge;
import io.wrpkafka.app.bridge.RouteTopics;
import io.wrpkafka.config.ConfigProblem;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/*
 * SIGTERM. The JVM's default answer to SIGTERM is to run shutdown hooks and exit with status
 * 143, and shutdown hooks run concurrently (an embedded broker's hook could kill Kafka while the
 * bridge still flushes to it). A handler for TERM and INT (sun.misc.Signal, in the jdk.unsupported
 * module, the supported way to handle a signal) instead wakes the main thread, which drains the
 * bridge, flushes the publisher and returns 0 through picocli like any command. If the handler
 * cannot be installed (a JVM started with -Xrs), a shutdown hook drains instead.
 */
/** Runs the HTTP bridge until SIGTERM or Ctrl-C, then drains and exits 0. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the HTTP bridge that publishes Talaria's WRP events to Kafka.",
      "%nAccepts WRP messages the way Talaria sends them to Caduceus (POST /api/v4/notify) and "
          + "publishes them to Kafka; app/README.md describes the HTTP API. On SIGTERM or Ctrl-C "
          + "it stops accepting requests, answers those in flight, flushes the publisher within "
          + "kafka.cleanupTimeout and exits 0.%n"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or Ctrl-C after draining",
      "1:the configuration is invalid, no Kafka broker answered or accepted the credentials"
          + " within kafka.startTimeout, or the server could not start",
      "2:bad command line"
    })
final class ServeCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "The configuration file (YAML; see config/README.md and examples/).")
  Path config;

  @Option(names = "--embedded-kafka",
      description = "Start a local Kafka broker, create the configured topics on it and publish there"
          + " (for trying things out; its data is deleted on exit).")
  boolean embeddedKafka;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Listen on this port instead of server.port (0: any free port).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isRegularFile(config)) {
      System.err.println("error: configuration file " + config + " does not exist or is not a file");
      return 1;
    }
    List<ConfigProblem> problems = WrpKafkaConfig.validate(config, System.getenv());
    if (!problems.isEmpty()) {
      System.err.println("error: " + config + " has " + problems.size() + " problem(s):");
      problems.forEach(problem -> System.err.println("  " + problem));
      System.err.println("Fix them (wrpkafka validate --config " + config + " checks again).");
      return 1;
    }
    WrpKafkaConfig loaded = WrpKafkaConfig.load(config, System.getenv());
    loaded.warnings().forEach(warning -> System.err.println("warning: " + warning));

    CountDownLatch stop = new CountDownLatch(1);
    Bridge bridge;
    try {
      bridge = start(loaded);
    } catch (ConfigException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (PublishException e) {
      // The publisher's start check: its message already says which brokers and why.
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      System.err.println("error: the bridge could not start: " + e.getClass().getSimpleName() + ": "
          + e.getMessage());
      return 1;
    }
    SignalHandlers signals = SignalHandlers.install(stop::countDown);
    if (signals == null) {
      Runtime.getRuntime().addShutdownHook(new Thread(bridge::close, "wrpkafka-drain"));
    }
    System.out.println("wrpkafka bridge listening on port " + bridge.port()
        + " (POST /api/v4/notify); stop with Ctrl-C or SIGTERM");
    System.out.flush();
    try {
      stop.await();
      System.out.println("draining...");
      bridge.close();
      System.out.println("stopped");
    } finally {
      if (signals != null) {
        signals.close();
      }
    }
    return 0;
  }

  /** Starts everything {@code loaded} asks for; the bridge's close() releases all of it. */
  Bridge start(WrpKafkaConfig loaded) {
    Bridge.Builder builder = Bridge.builder().config(loaded, config);
    if (port != null) {
      builder.port(port);
    }
    if (!embeddedKafka) {
      return builder.start();
    }
    if (!loaded.kafkaEnabled()) {
      System.err.println("warning: --embedded-kafka ignored: kafka.enabled is false in " + config);
      return builder.start();
    }
    System.out.println("starting an embedded Kafka broker...");
    EmbeddedKafka kafka = EmbeddedKafka.start();
    try {
      for (String topic : RouteTopics.of(loaded.dynamicConfig())) {
        kafka.createTopic(topic, 3);
      }
      System.out.println("embedded Kafka at " + kafka.bootstrapServers() + " with topics "
          + RouteTopics.of(loaded.dynamicConfig()));
      return builder.brokers(kafka.bootstrapServers()).onClose(kafka).start();
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }
}
