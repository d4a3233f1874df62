package io.wrpkafka.bench;

/** The measured modes of the end-to-end benchmark, in their default order within a round. */
enum Mode {
  /** A raw {@code KafkaProducer<byte[], byte[]>} sending pre-encoded records from one thread. */
  RAW("raw KafkaProducer", "raw"),
  /** {@code Publisher.produce} at QoS 50 from one thread: route, encode, headers, queue. */
  QOS_50("Publisher QoS 50", "QoS 50"),
  /**
   * {@code Publisher.produce} at QoS 10 (fire and forget) from one thread, unpaced: a closed loop
   * faster than any broker, so the buffer fills and records drop, by contract.
   */
  QOS_10("Publisher QoS 10, unpaced", "QoS 10"),
  /**
   * {@code Publisher.produce} at QoS 10 from one thread, offered at the raw producer's rate of its
   * latest run (open loop): whether the publisher keeps up with what the broker sustains.
   */
  QOS_10_PACED("Publisher QoS 10, paced at raw's rate", "QoS 10 paced"),
  /** A raw producer's {@code send(record).get()} from many threads: the baseline of QoS 80. */
  RAW_SYNC("raw send().get(), concurrent", "raw sync"),
  /** {@code Publisher.produce} at QoS 80 (waits for the ack) from many threads. */
  QOS_80("Publisher QoS 80, concurrent", "QoS 80"),
  /** The raw producer sending pre-encoded telemetry records only (200-byte payload). */
  RAW_TELEMETRY("raw KafkaProducer, telemetry only", "raw tel."),
  /** {@code Publisher.produce} at QoS 50 of telemetry events only, from one thread. */
  QOS_50_TELEMETRY("Publisher QoS 50, telemetry only", "QoS 50 tel.");

  final String title;
  final String shortName;

  Mode(String title, String shortName) {
    this.title = title;
    this.shortName = shortName;
  }

  /** The mode's name on the command line ({@code --modes}): {@code qos-10-paced} and so on. */
  String cliName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * The mode named {@code cliName} on the command line.
   *
   * @throws IllegalArgumentException listing the names when there is no such mode
   */
  static Mode ofCliName(String cliName) {
    for (Mode mode : values()) {
      if (mode.cliName().equals(cliName)) {
        return mode;
      }
    }
    StringBuilder names = new StringBuilder();
    for (Mode mode : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(mode.cliName());
    }
    throw new IllegalArgumentException("unknown mode \"" + cliName + "\"; use " + names);
  }

  /** Whether the mode runs many callers at once (the options' {@code callers}). */
  boolean concurrent() {
    return this == RAW_SYNC || this == QOS_80;
  }

  /** The raw-producer mode this mode is compared with. */
  Mode baseline() {
    if (this == QOS_50_TELEMETRY || this == RAW_TELEMETRY) {
      return RAW_TELEMETRY;
    }
    return concurrent() ? RAW_SYNC : RAW;
  }

  /** Whether the mode uses the raw producer rather than the publisher. */
  boolean raw() {
    return this == RAW || this == RAW_SYNC || this == RAW_TELEMETRY;
  }
}
