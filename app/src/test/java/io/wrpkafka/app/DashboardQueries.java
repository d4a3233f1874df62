package io.wrpkafka.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the metric names out of a Grafana dashboard's PromQL expressions, and the metric families
 * out of a Prometheus text scrape, so a test can check the first against the second.
 */
final class DashboardQueries {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
  /** An identifier not followed by "(" (a function) nor part of a number or a duration. */
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
          "group_left", "group_right", "inf", "nan", "atan2");

  private DashboardQueries() {}

  /** The metric names {@code expr} selects, in order of first use; functions and labels left out. */
  static Set<String> metricNames(String expr) {
    String s = STRING.matcher(expr).replaceAll(" ");
    s = MATCHERS.matcher(s).replaceAll(" ");
    s = RANGE.matcher(s).replaceAll(" ");
    s = GROUPING.matcher(s).replaceAll(" ");
    s = VARIABLE.matcher(s).replaceAll(" ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group().toLowerCase(java.util.Locale.ROOT))) {
        names.add(m.group());
      }
    }
    return names;
  }

  /** Every {@code expr} of the dashboard's panels, rows' nested panels included. */
  static List<String> expressions(JsonObject dashboard) {
    List<String> exprs = new ArrayList<>();
    collect(dashboard.getJsonArray("panels", new JsonArray()), exprs);
    return exprs;
  }

  private static void collect(JsonArray panels, List<String> exprs) {
    for (Object p : panels) {
      JsonObject panel = (JsonObject) p;
      for (Object t : panel.getJsonArray("targets", new JsonArray())) {
        String expr = ((JsonObject) t).getString("expr");
        if (expr != null) {
          exprs.add(expr);
        }
      }
      collect(panel.getJsonArray("panels", new JsonArray()), exprs);
    }
  }

  /** Family name to type ({@code counter}, {@code histogram}, …) from the scrape's TYPE lines. */
  static Map<String, String> families(String scrape) {
    Map<String, String> types = new LinkedHashMap<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring("# TYPE ".length()).trim().split(" ");
        types.put(parts[0], parts[1]);
      }
    }
    return types;
  }

  /**
   * Whether a query may name {@code name} given the scrape's families: a family that has a
   * sample of its own name (not a histogram or summary, whose samples all carry a suffix), a
   * counter's {@code _total} where the family name lacks it, a histogram's {@code _bucket}, or a
   * histogram's or summary's {@code _count} or {@code _sum}.
   */
  static boolean exported(String name, Map<String, String> families) {
    String type = families.get(name);
    if (type != null) {
      return !type.equals("histogram") && !type.equals("summary");
    }
    return (!name.endsWith("_total_total") && isSuffixOf(name, "_total", families, Set.of("counter")))
        || isSuffixOf(name, "_bucket", families, Set.of("histogram"))
        || isSuffixOf(name, "_count", families, Set.of("histogram", "summary"))
        || isSuffixOf(name, "_sum", families, Set.of("histogram", "summary"));
  }

  private static boolean isSuffixOf(
      String name, String suffix, Map<String, String> families, Set<String> types) {
    if (!name.endsWith(suffix)) {
      return false;
    }
    String type = families.get(name.substring(0, name.length() - suffix.length()));
    return type != null && types.contains(type);
  }
}
