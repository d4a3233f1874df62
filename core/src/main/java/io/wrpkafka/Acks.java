package io.wrpkafka;

import java.util.Locale;

/** How many replicas must acknowledge a record before it counts as written ({@code acks}). */
public enum Acks {
  /** All in-sync replicas; required for the idempotent producer. */
  ALL("all"),
  /** The partition leader only. */
  LEADER("1"),
  /** No acknowledgement at all. */
  NONE("0");

  private final String kafkaValue;

  Acks(String kafkaValue) {
    this.kafkaValue = kafkaValue;
  }

  /** The value of Kafka's {@code acks} setting: {@code "all"}, {@code "1"} or {@code "0"}. */
  public String kafkaValue() {
    return kafkaValue;
  }

  /**
   * Parses {@code all}/{@code -1}, {@code leader}/{@code 1} or {@code none}/{@code 0}, ignoring
   * case and surrounding blanks.
   *
   * @throws ConfigException naming the value and the accepted ones
   */
  public static Acks parse(String value) {
    String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "all", "-1" -> ALL;
      case "leader", "1" -> LEADER;
      case "none", "0" -> NONE;
      default -> throw new ConfigException("acks: unknown value \"" + value
          + "\" (expected all, leader or none; or -1, 1 or 0)");
    };
  }
}
