package io.wrpkafka.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns JMH's JSON results ({@code -rf json -rff FILE}) into a Markdown table with the time and
 * {@code gc.alloc.rate.norm} of each benchmark and the hot-path targets.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.JmhReport jmh.json jmh.md
 * }</pre>
 */
public final class JmhReport {
  private static final double MATCH_TARGET_NANOS = 10;

  private JmhReport() {}

  /**
   * Reads {@code args[0]} (JMH JSON) and writes {@code args[1]} (Markdown). Exits with 0 when
   * written, 2 for bad arguments, 1 when a file cannot be read or written.
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("Usage: JmhReport JMH_JSON MARKDOWN");
      System.exit(2);
    }
    try {
      JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
      Files.writeString(Path.of(args[1]), markdown(results), StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("jmh report: " + e.getMessage());
      System.exit(1);
    }
  }

  /** The Markdown table of JMH's JSON results array. */
  static String markdown(JsonNode results) {
    StringBuilder md = new StringBuilder();
    md.append("| benchmark | parameters | time | ± (99.9 %) | allocated | target | met |\n");
    md.append("|---|---|---:|---:|---:|---|---|\n");
    for (JsonNode result : results) {
      String benchmark = result.path("benchmark").asText();
      String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      StringJoiner params = new StringJoiner(", ");
      Iterator<Map.Entry<String, JsonNode>> fields = result.path("params").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> param = fields.next();
        params.add(param.getKey() + "=" + param.getValue().asText());
      }
      JsonNode primary = result.path("primaryMetric");
      double score = primary.path("score").asDouble();
      String unit = primary.path("scoreUnit").asText();
      JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
      String allocated = alloc.isMissingNode()
          ? "(run with -prof gc)"
          : String.format(Locale.ROOT, "%,.0f B/op", alloc.path("score").asDouble());
      String target = "";
      String met = "";
      if (shortName.startsWith("PatternBenchmark.") && unit.equals("ns/op")) {
        target = "≤ 10 ns, 0 B/op";
        boolean noAlloc = alloc.isMissingNode() || alloc.path("score").asDouble() < 1;
        met = score <= MATCH_TARGET_NANOS && noAlloc ? "yes" : "**no**";
      } else if (unit.equals("ns/op")) {
        String sample = result.path("params").path("sample").asText("");
        Target t = Target.of(shortName, sample);
        if (t != null) {
          target = t.describe();
          met = t.met(score, alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble())
              ? "yes" : "**no**";
        }
      }
      double error = primary.path("scoreError").asDouble(Double.NaN);
      md.append(String.format(Locale.ROOT, "| %s | %s | %,.1f %s | %s | %s | %s | %s |\n",
          shortName, params, score, unit,
          Double.isNaN(error) ? "-" : String.format(Locale.ROOT, "%,.1f", error), allocated,
          target, met));
    }
    return md.toString();
  }

  /**
   * The hot-path target of one codec or route + encode row: at most {@code nanos}, and, when
   * {@code outputBytes} is positive, an allocation of at most those bytes plus 20 %.
   */
  record Target(double nanos, double outputBytes) {
    private static final double ALLOCATION_SLACK = 1.2;

    /** The target of benchmark {@code shortName} with {@code sample}, or null if it has none. */
    static Target of(String shortName, String sample) {
      boolean online = sample.equals(SampleKind.TALARIA_ONLINE.name());
      boolean telemetry = sample.equals(SampleKind.TELEMETRY.name());
      switch (shortName) {
        case "CodecBenchmark.encodeMsgpack":
          return online ? new Target(400, 0) : telemetry ? new Target(150, 0) : null;
        case "CodecBenchmark.decodeMsgpack":
          return online ? new Target(600, 0) : null;
        case "RouteEncodeBenchmark.routeEncodeHeaders":
          if (!online && !telemetry) {
            return null;
          }
          double output = RouteEncodeBenchmark.outputBytes(SampleKind.valueOf(sample));
          return new Target(online ? 700 : 350, output);
        default:
          return null;
      }
    }

    String describe() {
      String time = String.format(Locale.ROOT, "≤ %,.0f ns", nanos);
      return outputBytes > 0
          ? time + String.format(Locale.ROOT, ", ≤ %,.0f B/op (output %,.0f B + 20 %%)",
              outputBytes * ALLOCATION_SLACK, outputBytes)
          : time;
    }

    /** Whether {@code score} ns and {@code allocated} B/op (NaN when not measured) meet it. */
    boolean met(double score, double allocated) {
      boolean allocationMet = outputBytes <= 0
          || (!Double.isNaN(allocated) && allocated <= outputBytes * ALLOCATION_SLACK);
      return score <= nanos && allocationMet;
    }
  }
}
