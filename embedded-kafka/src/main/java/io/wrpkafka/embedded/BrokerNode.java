package io.wrpkafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** One node of an {@link EmbeddedKafka} cluster: its files, ports and broker JVM. */
final class BrokerNode {

  /*
   * Each node lives in <cluster dir>/node-<id>: server.properties (written once), data/ (kept
   * across restarts, so a restarted broker recovers its logs), broker.log (appended by every
   * start), scram.args (SCRAM credentials for the storage format, if any), jvm.args (the classpath as a java @-file, which keeps the command line short on any
   * OS) and a ready file that BrokerMain writes once the broker serves. Methods are not
   * synchronized: EmbeddedKafka serializes state changes; kill() may also run from a shutdown hook
   * and relies only on the volatile process field and Process' own thread safety.
   */

  static final int LOG_TAIL_LINES = 40;
  private static final Duration KILL_WAIT = Duration.ofSeconds(15);

  private final int id;
  private final NodePorts ports;
  private final Path directory;
  private final List<String> command;
  private volatile Process process;

  private BrokerNode(int id, NodePorts ports, Path directory, List<String> command) {
    this.id = id;
    this.ports = ports;
    this.directory = directory;
    this.command = command;
  }

  /** Creates the node's directory and files; starts nothing. */
  static BrokerNode create(int id, NodePorts ports, Path directory, Map<String, String> properties,
      String clusterId, EmbeddedKafkaConfig config, Path logConfigDirectory) {
    try {
      Files.createDirectories(directory.resolve("data"));
      Properties serverProperties = new Properties();
      serverProperties.putAll(properties);
      try (OutputStream out = Files.newOutputStream(directory.resolve("server.properties"))) {
        serverProperties.store(out, "node " + id + " of an embedded Kafka cluster");
      }
      String classpath = config.classpath().orElseGet(() -> System.getProperty("java.class.path"));
      Files.writeString(directory.resolve("jvm.args"), "-cp " + quoteArgument(classpath) + "\n");
      List<String> scram = SecurityProperties.scramFormatArguments(config);
      if (!scram.isEmpty()) {
        Files.write(directory.resolve(BrokerMain.SCRAM_FILE), scram, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the files of node " + id + " in " + directory, e);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String level = config.brokerLogLevel();
    command.add("-Dlog4j2.configurationFile="
        + logConfigDirectory.resolve("log4j2.xml").toAbsolutePath());
    command.add("-Dlogback.configurationFile="
        + logConfigDirectory.resolve("logback.xml").toAbsolutePath());
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level.toLowerCase(Locale.ROOT));
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.addAll(config.jvmOptions());
    command.add("@" + directory.resolve("jvm.args").toAbsolutePath());
    command.add(BrokerMain.class.getName());
    command.add(directory.resolve("server.properties").toAbsolutePath().toString());
    command.add(clusterId);
    command.add(Integer.toString(id));
    command.add(LoopbackPorts.HOST + ":" + ports.port(EmbeddedKafkaConfig.PLAINTEXT_LISTENER));
    command.add(directory.resolve("ready").toAbsolutePath().toString());
    return new BrokerNode(id, ports, directory, List.copyOf(command));
  }

  int id() {
    return id;
  }

  NodePorts ports() {
    return ports;
  }

  Path logFile() {
    return directory.resolve("broker.log");
  }

  boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** Starts the broker JVM without waiting for it to serve. */
  void launch() {
    try {
      Files.deleteIfExists(readyFile());
      Process p = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
          .start();
      process = p;
    } catch (IOException e) {
      throw new EmbeddedKafkaException("node " + id + ": cannot start the broker JVM "
          + command.get(0) + " in " + directory, e);
    }
  }

  /**
   * Blocks until the broker serves or {@code timeout} passes.
   *
   * @throws EmbeddedKafkaException with the log tail if the JVM exits or the deadline passes; the
   *     JVM is killed in the latter case
   */
  void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Process p = process;
    while (!Files.exists(readyFile())) {
      if (!p.isAlive()) {
        throw new EmbeddedKafkaException("node " + id + ": broker JVM exited with code "
            + p.exitValue() + " while starting; last lines of " + logFile() + ":\n" + logTail());
      }
      if (System.nanoTime() - deadline > 0) {
        kill();
        throw new EmbeddedKafkaException("node " + id + ": broker did not serve within "
            + timeout + "; last lines of " + logFile() + ":\n" + logTail());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new EmbeddedKafkaException("node " + id + ": interrupted while starting", e);
      }
    }
  }

  /**
   * Asks the broker to shut down gracefully and waits up to {@code timeout}; kills it after that.
   * Does nothing if it is not running.
   */
  void stop(Duration timeout) {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write((BrokerMain.STOP_COMMAND + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (IOException e) {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** Kills the broker JVM abruptly, as a crash would, and waits for it to be gone. */
  void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      if (!p.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new EmbeddedKafkaException("node " + id + ": broker JVM " + p.pid()
            + " still alive " + KILL_WAIT.toSeconds() + " s after being killed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the last lines of the log file, or a note saying why there are none. */
  String logTail() {
    Path log = logFile();
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      int size = (int) Math.min(length, 32 * 1024);
      byte[] bytes = new byte[size];
      file.seek(length - size);
      file.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
      if (lines.size() > LOG_TAIL_LINES) {
        lines = lines.subList(lines.size() - LOG_TAIL_LINES, lines.size());
      }
      String tail = String.join("\n", lines);
      return tail.isBlank() ? "(the log is empty: is an SLF4J provider on the classpath?)" : tail;
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private Path readyFile() {
    return directory.resolve("ready");
  }

  private static String quoteArgument(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
