package io.wrpkafka;

import java.util.Locale;

/** How many routes of the topic map a message goes to. */
public enum Routing {
  /** The first matching route wins (the default). */
  FIRST,
  /** One record per matching route, in topic-map order (the Go implementation's behaviour). */
  ALL;

  /**
   * Parses {@code first} or {@code all}, ignoring case and surrounding blanks.
   *
   * @throws ConfigException naming the value and the accepted ones
   */
  public static Routing parse(String value) {
    String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "first" -> FIRST;
      case "all" -> ALL;
      default -> throw new ConfigException(
          "routing: unknown value \"" + value + "\" (expected first or all)");
    };
  }
}
