package io.wrpkafka.config;

import io.wrpkafka.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one load, so a user sees all of them at once. Also places a core
 * builder's {@link ConfigException} at the node its message names ({@code topicMap[2].shardBy:
 * …} under the dynamic section is the {@code shardBy} value of the third route).
 */
final class Problems {
  private final List<ConfigProblem> problems = new ArrayList<>();
  private int invalidReads;

  void add(Origin origin, String path, String message) {
    problems.add(new ConfigProblem(origin.source(), origin.line(), origin.column(), path, message));
  }

  int count() {
    return problems.size();
  }

  /** Notes that a reader met a value whose problem was reported earlier. */
  void invalidRead() {
    invalidReads++;
  }

  /**
   * Grows with every problem and every read of an already reported value: a section whose mark
   * changed while it was read must not be built (its builder would report a follow-on error).
   */
  int mark() {
    return problems.size() + invalidReads;
  }

  /** The problems ordered by source position; environment variables (line 0) first. */
  List<ConfigProblem> sorted() {
    List<ConfigProblem> copy = new ArrayList<>(problems);
    copy.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
    return List.copyOf(copy);
  }

  /**
   * Reports {@code e}, raised by a builder fed from {@code base} (at {@code basePath}), at the
   * deepest node its message's leading field path reaches. {@code aliases} maps a builder field
   * name to its YAML key where they differ ({@code compression} → {@code compressionCodec}).
   */
  void add(ConfigException e, YamlNode base, String basePath, Map<String, String> aliases) {
    FieldPath.Located located = FieldPath.locate(e.getMessage(), base, aliases);
    String path = join(basePath, located.path());
    add(located.node().origin(), path, asWritten(located.message(), located.node()));
  }

  private static final String GOT = "(got ";

  /*
   * Builders echo the parsed value: "must be positive (got PT0S)" for "0", "(got PT-1S)" for
   * "-1s". When the value in "(got …)" means the same as the scalar the problem is placed on,
   * print the scalar as the user wrote it.
   */
  static String asWritten(String message, YamlNode node) {
    int start = message.indexOf(GOT);
    int end = start < 0 ? -1 : message.indexOf(')', start);
    if (end < 0 || !(node instanceof YamlNode.Scalar s) || s.isNull()) {
      return message;
    }
    String echoed = message.substring(start + GOT.length(), end);
    String written = s.value().strip();
    return sameDuration(echoed, written)
        ? message.substring(0, start + GOT.length()) + written + message.substring(end)
        : message;
  }

  private static boolean sameDuration(String a, String b) {
    try {
      return Durations.parse(a).equals(Durations.parse(b));
    } catch (ConfigException e) {
      return false;
    }
  }

  static String join(String base, String child) {
    if (base.isEmpty()) {
      return child;
    }
    if (child.isEmpty()) {
      return base;
    }
    return child.startsWith("[") ? base + child : base + "." + child;
  }
}
