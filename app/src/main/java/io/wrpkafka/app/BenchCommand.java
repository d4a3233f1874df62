package io.wrpkafka.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/*
 * The benchmark runs in a JVM of its own, started from benchmarks.jar (BenchmarkJar), so JMH,
 * xchart and HdrHistogram stay out of the bridge's lib/ and the benchmark measures a JVM that
 * holds nothing but itself, as benchmarks/run.sh runs it. The child gets this JVM's options
 * (WRPKAFKA_JAVA_OPTS under ./wrpkafka) except agents such as a debugger, whose port the parent
 * already holds, and run.sh's heap options where these name none: a 2 GiB heap touched before
 * main (-XX:+AlwaysPreTouch). Without the touch, the kernel zeroes each new heap page on its
 * first write and charges it to whichever thread allocates there first, which in a 20-second
 * run is mostly the side that allocates more (benchmarks/README.md, "Latest results", fourth
 * round). Its output is copied to System.out/System.err, so it appears where this command's
 * own would; a shutdown hook stops it if this JVM is stopped first.
 */
/**
 * Runs the end-to-end benchmark: the Publisher side by side with a raw KafkaProducer against an
 * embedded broker, writing a report and chart. Every argument goes to the benchmark as is.
 */
@Command(
    name = "bench",
    description = {
      "Benchmarks the publisher against a raw KafkaProducer on an embedded broker.",
      "Runs both side by side in one run and writes a Markdown report and a PNG chart",
      "(default: benchmarks/results/). About 3 minutes; --quick takes 30 s.",
      "`wrpkafka bench --help` lists the options.",
      "Runs benchmarks/target/benchmarks.jar in a JVM of its own; ./wrpkafka bench builds it first."
    })
final class BenchCommand implements Callable<Integer> {
  static final String MAIN_CLASS = "io.wrpkafka.bench.EndToEndBenchmark";

  @Unmatched List<String> arguments = new ArrayList<>();

  private final Path givenJar;
  private final String mainClass;

  BenchCommand() {
    this(null, MAIN_CLASS);
  }

  /** Runs {@code mainClass} from {@code jar}; a null {@code jar} is the one beside the running app. */
  BenchCommand(Path jar, String mainClass) {
    this.givenJar = jar;
    this.mainClass = mainClass;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path jar = givenJar != null ? givenJar : BenchmarkJar.besideRunningApp();
    if (!Files.isRegularFile(jar)) {
      System.err.println(BenchmarkJar.missing(jar));
      return 1;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(childOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    command.addAll(List.of("-cp", jar.toString(), mainClass));
    command.addAll(arguments);
    Process benchmark = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    Thread stopWithUs = new Thread(benchmark::destroy, "bench-stop");
    Runtime.getRuntime().addShutdownHook(stopWithUs);
    try {
      Thread errors = new Thread(() -> copy(benchmark.getErrorStream(), System.err), "bench-stderr");
      errors.start();
      copy(benchmark.getInputStream(), System.out);
      int exit = benchmark.waitFor();
      errors.join();
      return exit;
    } finally {
      benchmark.destroy();
      try {
        Runtime.getRuntime().removeShutdownHook(stopWithUs);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; it stops the benchmark.
      }
    }
  }

  /** This JVM's {@code options} without agents, with run.sh's heap options where they are absent. */
  static List<String> childOptions(List<String> options) {
    List<String> child = new ArrayList<>();
    boolean initialHeap = false;
    boolean maximumHeap = false;
    boolean preTouch = false;
    for (String option : options) {
      if (isAgent(option)) {
        continue;
      }
      child.add(option);
      initialHeap |= option.startsWith("-Xms") || option.startsWith("-XX:InitialHeapSize=");
      maximumHeap |= option.startsWith("-Xmx") || option.startsWith("-XX:MaxHeapSize=");
      preTouch |= option.endsWith("AlwaysPreTouch");
    }
    if (!initialHeap) {
      child.add("-Xms2g");
    }
    if (!maximumHeap) {
      child.add("-Xmx2g");
    }
    if (!preTouch) {
      child.add("-XX:+AlwaysPreTouch");
    }
    return child;
  }

  private static boolean isAgent(String option) {
    return option.startsWith("-agentlib:") || option.startsWith("-agentpath:")
        || option.startsWith("-javaagent:") || option.startsWith("-Xrunjdwp");
  }

  private static void copy(InputStream from, OutputStream to) {
    byte[] buffer = new byte[8192];
    try (from) {
      int n;
      while ((n = from.read(buffer)) != -1) {
        to.write(buffer, 0, n);
        to.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bench: reading the benchmark's output failed", e);
    }
  }
}
