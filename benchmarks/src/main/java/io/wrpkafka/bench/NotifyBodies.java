package io.wrpkafka.bench;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the bridge load test's request bodies as files, {@code body-0.msgpack} to {@code
 * body-<count-1>.msgpack}, for HTTP load tools such as wrk ({@code benchmarks/wrk/notify.lua}):
 * the same mixed messages (Talaria online and telemetry events) {@link BridgeLoadBenchmark}
 * sends, msgpack-encoded.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.NotifyBodies DIR [COUNT [QOS]]
 * }</pre>
 */
public final class NotifyBodies {
  private NotifyBodies() {}

  /** Writes the bodies; exits with 2 for bad arguments, 1 when a file cannot be written. */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: NotifyBodies DIR [COUNT (default 64) [QOS (default 50)]]");
      System.exit(2);
    }
    int count;
    int qos;
    try {
      count = args.length > 1 ? Integer.parseInt(args[1]) : 64;
      qos = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    } catch (NumberFormatException e) {
      System.err.println("NotifyBodies: COUNT and QOS must be whole numbers: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (count <= 0 || qos < 0 || qos > 99) {
      System.err.println("NotifyBodies: COUNT must be positive and QOS 0 to 99");
      System.exit(2);
    }
    try {
      write(Path.of(args[0]), count, qos);
    } catch (IOException e) {
      System.err.println("NotifyBodies: " + e);
      System.exit(1);
    }
  }

  /** Writes {@code count} bodies at QoS {@code qos} into {@code directory}, creating it. */
  static void write(Path directory, int count, int qos) throws IOException {
    Files.createDirectories(directory);
    Message[] messages = new SampleMessages(11).mixed(count, 1000, qos);
    for (int i = 0; i < count; i++) {
      Files.write(directory.resolve("body-" + i + ".msgpack"), Format.MSGPACK.encode(messages[i]));
    }
  }
}
