package io.wrpkafka.app;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs an embedded Kafka broker (or cluster) in the foreground until interrupted. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a real Apache Kafka broker (KRaft) on loopback in the foreground, for local work.",
      "Prints the bootstrap servers, then serves until Ctrl-C; its data is deleted on exit."
    })
final class BrokerCommand implements Callable<Integer> {

  @Option(names = "--nodes", defaultValue = "1", description = "Number of broker nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder().nodes(nodes).build());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "wrpkafka-broker-shutdown"));
    System.out.println("Kafka is running: bootstrap servers " + kafka.bootstrapServers());
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
