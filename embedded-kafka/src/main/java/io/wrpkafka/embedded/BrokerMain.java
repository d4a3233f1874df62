package io.wrpkafka.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Main class of a broker JVM: formats the node's storage on first start, runs {@code kafka.Kafka},
 * and reports readiness through a file.
 *
 * <p>Arguments: {@code <server.properties> <cluster id> <node id> <own bootstrap> <ready file>}.
 */
final class BrokerMain {

  /*
   * The parent talks to this JVM through its standard input: a line "stop" asks for a graceful
   * shutdown (System.exit runs Kafka's shutdown hook, which does a controlled shutdown), and end
   * of input means the parent is gone, so the JVM halts at once instead of living on as an orphan
   * that holds ports and CPU.
   *
   * Readiness is "this broker lists itself in a DescribeCluster answer served by its own
   * listener": the broker opens its listeners only after catching up with the metadata log and
   * lists itself once the controller has unfenced it. Probing from inside the broker JVM keeps the
   * probe's client logging in the broker log and tells a restarted broker apart from its previous
   * incarnation, which the controller may still consider alive right after a kill.
   */

  static final String STOP_COMMAND = "stop";

  /**
   * File next to {@code server.properties} with one {@code --add-scram} value per line; read here
   * rather than passed on the command line, where every user of the machine could see it.
   */
  static final String SCRAM_FILE = "scram.args";

  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: BrokerMain <server.properties> <cluster id> <node id>"
          + " <own bootstrap> <ready file>");
      System.exit(2);
    }
    String properties = args[0];
    String clusterId = args[1];
    int nodeId = Integer.parseInt(args[2]);
    String bootstrap = args[3];
    Path readyFile = Path.of(args[4]);

    watchParent();
    List<String> format = new ArrayList<>(List.of(
        "format", "--config", properties, "--cluster-id", clusterId, "--ignore-formatted"));
    Path scram = Path.of(properties).resolveSibling(SCRAM_FILE);
    if (Files.exists(scram)) {
      for (String credential : Files.readAllLines(scram, StandardCharsets.UTF_8)) {
        format.add("--add-scram");
        format.add(credential);
      }
    }
    int formatted = StorageTool.execute(format.toArray(String[]::new), System.out);
    if (formatted != 0) {
      System.err.println("formatting the storage failed with exit code " + formatted);
      System.exit(formatted);
    }
    Thread probe = new Thread(() -> reportReadiness(bootstrap, nodeId, readyFile),
        "embedded-kafka-readiness");
    probe.setDaemon(true);
    probe.start();
    kafka.Kafka.main(new String[] {properties});
  }

  private static void watchParent() {
    Thread watchdog = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.trim().equals(STOP_COMMAND)) {
            System.exit(0);
          }
        }
      } catch (IOException e) {
        // an unreadable pipe means the parent is gone, like end of input
      }
      System.err.println("parent process is gone: halting the broker");
      Runtime.getRuntime().halt(3);
    }, "embedded-kafka-parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private static void reportReadiness(String bootstrap, int nodeId, Path readyFile) {
    Map<String, Object> settings = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness-" + nodeId,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    try (Admin admin = Admin.create(settings)) {
      while (!listsItself(admin, nodeId)) {
        Thread.sleep(100);
      }
      Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
      Files.writeString(partial, Long.toString(ProcessHandle.current().pid()));
      Files.move(partial, readyFile, StandardCopyOption.ATOMIC_MOVE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("cannot write the ready file " + readyFile + ": " + e);
    }
  }

  private static boolean listsItself(Admin admin, int nodeId) throws InterruptedException {
    try {
      return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
          .nodes().get(3, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == nodeId);
    } catch (ExecutionException | TimeoutException notServingYet) {
      return false;
    }
  }
}
