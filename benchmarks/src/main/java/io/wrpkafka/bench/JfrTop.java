package io.wrpkafka.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Sums the CPU samples ({@code jdk.ExecutionSample}) of a Java Flight Recording, as the bridge
 * load test takes with {@code BRIDGE_JFR}: by thread (digits in names folded, so the event loops
 * count as one), by area (the library of the deepest frame that belongs to one of {@link #AREAS},
 * so a sample in {@code HashMap.get} called by the router counts for the router), and the methods
 * most often on top of the stack. Prints three tables to standard output.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.JfrTop FILE.jfr [TOP (default 30)]
 * }</pre>
 */
public final class JfrTop {
  /** Areas by package prefix, the more specific first; a frame matching none counts as "jdk". */
  static final List<Map.Entry<String, String>> AREAS = List.of(
      Map.entry("io.wrpkafka.app.", "bridge (app)"),
      Map.entry("io.wrpkafka.wrp.", "wrp codec"),
      Map.entry("io.wrpkafka.routing.", "routing"),
      Map.entry("io.wrpkafka.", "publisher (core)"),
      Map.entry("org.apache.kafka.", "kafka client"),
      Map.entry("io.micrometer.", "micrometer"),
      Map.entry("io.vertx.ext.web.", "vert.x web"),
      Map.entry("io.vertx.core.http.", "vert.x http"),
      Map.entry("io.vertx.", "vert.x core"),
      Map.entry("io.netty.", "netty"),
      Map.entry("org.slf4j.", "logging"));

  private JfrTop() {}

  /** Prints the tables; exits with 2 for bad arguments, 1 when the file cannot be read. */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: JfrTop FILE.jfr [TOP (default 30)]");
      System.exit(2);
    }
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> areas = new HashMap<>();
    Map<String, Integer> methods = new HashMap<>();
    int samples = 0;
    try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        RecordedStackTrace stack = event.getStackTrace();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null
            || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        String thread = event.getThread("sampledThread") == null ? "?"
            : String.valueOf(event.getThread("sampledThread").getJavaName());
        // "|" (in the Kafka client's thread names) would split a Markdown table cell.
        threads.merge(thread.replaceAll("[0-9]+", "N").replace('|', '/'), 1, Integer::sum);
        List<String> classes = stack.getFrames().stream()
            .map(frame -> frame.getMethod().getType().getName()).toList();
        areas.merge(area(classes), 1, Integer::sum);
        RecordedFrame leaf = stack.getFrames().get(0);
        methods.merge(leaf.getMethod().getType().getName() + "." + leaf.getMethod().getName(), 1,
            Integer::sum);
      }
    } catch (IOException e) {
      System.err.println("JfrTop: cannot read " + args[0] + ": " + e.getMessage());
      System.exit(1);
    }
    System.out.printf("%d CPU samples in %s%n", samples, args[0]);
    print("thread", threads, samples, top);
    print("area (deepest frame of a known library)", areas, samples, top);
    print("method on top of the stack", methods, samples, top);
  }

  /**
   * The area of a stack, {@code classes} from the top (leaf) down: that of the first class
   * belonging to one of {@link #AREAS}, "jdk" when none does.
   */
  static String area(List<String> classes) {
    for (String type : classes) {
      for (Map.Entry<String, String> area : AREAS) {
        if (type.startsWith(area.getKey())) {
          return area.getValue();
        }
      }
    }
    return "jdk";
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int top) {
    System.out.printf("%n| %s | samples | share |%n|---|---:|---:|%n", title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(entry -> System.out.printf("| %s | %d | %.1f %% |%n", entry.getKey(),
            entry.getValue(), 100.0 * entry.getValue() / Math.max(1, samples)));
  }
}
