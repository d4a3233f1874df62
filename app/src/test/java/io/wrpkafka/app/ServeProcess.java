package io.wrpkafka.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code wrpkafka serve} in a JVM of its own, for the tests that signal or kill it. */
final class ServeProcess {
  private static final String LISTENING = "listening on port ";

  private ServeProcess() {}

  /**
   * Starts {@code serve --config config --port 0} on this test's classpath; its standard error
   * (the log) goes to {@code log}, its standard output stays readable for {@link #awaitPort}.
   */
  static Process start(Path config, Path log) throws IOException {
    return start(config, log, List.of());
  }

  /** Like {@link #start(Path, Path)}, with {@code jvmOptions} (e.g. log levels) before the class. */
  static Process start(Path config, Path log, List<String> jvmOptions) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "io.wrpkafka.app.Main", "serve", "--config", config.toString(), "--port", "0"));
    return new ProcessBuilder(command).redirectError(log.toFile()).start();
  }

  /**
   * Reads {@code serve}'s standard output until it says which port it listens on. Blocks until
   * then; throws if the process ends first.
   */
  static int awaitPort(Process serve) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      int at = line.indexOf(LISTENING);
      if (at >= 0) {
        String rest = line.substring(at + LISTENING.length());
        return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
      }
    }
    throw new IllegalStateException(
        "serve ended before it listened (exit " + exitValue(serve) + ")");
  }

  private static String exitValue(Process serve) {
    try {
      return String.valueOf(serve.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
