package io.wrpkafka.embedded;

import java.nio.file.Path;

/**
 * Starts a single-node cluster under the directory given as the argument, prints the broker JVM's
 * pid and waits forever: a stand-in for a test JVM that dies without closing its cluster.
 */
final class StartAndWaitMain {

  private StartAndWaitMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.start(
        EmbeddedKafkaConfig.builder().parentDirectory(Path.of(args[0])).build());
    ProcessHandle.current().children()
        .forEach(broker -> System.out.println("broker " + broker.pid()));
    System.out.flush();
    Thread.currentThread().join();
    kafka.close();
  }
}
