package io.wrpkafka.bench;

import io.wrpkafka.Compression;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

/**
 * The settings of one end-to-end run, parsed from command-line arguments.
 *
 * @param rounds measured rounds; each runs every mode once, in a rotated order
 * @param warmup whether an unreported warm-up round runs first
 * @param modeTime how long each mode of a round produces (a mode also stops at {@code records})
 * @param records the most records one mode produces
 * @param sustainedTime how long the heap and GC run produces
 * @param brokerDownTime how long QoS 10 produces while the broker is stopped
 * @param callers concurrent callers of the QoS 80 and raw synchronous modes
 * @param compression the producers' compression
 * @param lingerMs the producers' linger.ms
 * @param bufferBytes the publisher's maxBufferedBytes
 * @param deadLetter whether the publisher has a dead-letter topic (all QoS 25 and up covered)
 * @param modes the modes each round runs, in their declared order (so the raw producer runs
 *     before the paced QoS 10 mode, which takes its rate)
 * @param paceRate the rate (records/s) the paced QoS 10 mode offers; 0 for the raw producer's
 *     throughput in its latest run
 * @param outputDirectory where the report and chart are written
 * @param name the report's file name without extension
 * @param arguments the arguments these options were parsed from
 */
record EndToEndOptions(
    int rounds,
    boolean warmup,
    Duration modeTime,
    int records,
    Duration sustainedTime,
    Duration brokerDownTime,
    int callers,
    Compression compression,
    int lingerMs,
    long bufferBytes,
    boolean deadLetter,
    List<Mode> modes,
    double paceRate,
    Path outputDirectory,
    String name,
    List<String> arguments) {

  static final String USAGE = String.join("\n",
      "Usage: EndToEndBenchmark [--quick | --smoke] [options]",
      "Runs a raw KafkaProducer and the Publisher side by side against one embedded broker and",
      "writes <output>/<name>.md and <output>/<name>.png.",
      "  --quick              a ~30 s run (2 rounds of 1.5 s per mode)",
      "  --smoke              the smallest run: 300 records per mode, one round, no warm-up",
      "  --rounds N           measured rounds (default 5, enough for a median)",
      "  --seconds S          seconds each mode produces per round (default 4)",
      "  --records N          the most records per mode and round (default 5000000)",
      "  --sustained-seconds S  seconds of the heap and GC run (default 20)",
      "  --down-seconds S     seconds QoS 10 produces while the broker is stopped (default 5)",
      "  --callers N          callers of the QoS 80 and raw synchronous modes (default 64)",
      "  --compression C      none, gzip, snappy, lz4 or zstd (default none)",
      "  --linger-ms N        linger.ms of both producers (default 5)",
      "  --buffer-mb N        the publisher's maxBufferedBytes in MiB (default 64)",
      "  --dead-letter        give the publisher a dead-letter topic (QoS 25 and up kept)",
      "  --modes M,M,...      the modes of each round (default all): raw, qos-50, qos-10,",
      "                       qos-10-paced, raw-sync, qos-80, raw-telemetry, qos-50-telemetry",
      "  --pace-rate N        records/s of qos-10-paced (default: raw's rate in its latest run)",
      "  --output DIR         where to write the report (default benchmarks/results)",
      "  --name NAME          report file name without extension (default end-to-end-<date>)",
      "  --help               this text");

  /**
   * Parses {@code args}; later arguments override earlier ones, so {@code --quick --rounds 1}
   * is a quick run with one round.
   *
   * @return the options, or null when {@code --help} was given
   * @throws IllegalArgumentException naming the argument and its bad value
   */
  static EndToEndOptions parse(String... args) {
    int rounds = 5;
    boolean warmup = true;
    double seconds = 4;
    int records = 5_000_000;
    double sustained = 20;
    double down = 5;
    int callers = 64;
    Compression compression = Compression.NONE;
    int lingerMs = 5;
    long bufferMb = 64;
    boolean deadLetter = false;
    EnumSet<Mode> modes = EnumSet.allOf(Mode.class);
    double paceRate = 0;
    Path output = Path.of("benchmarks", "results");
    String name = "end-to-end-" + LocalDate.now(ZoneOffset.UTC);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h" -> {
          return null;
        }
        case "--quick" -> {
          rounds = 2;
          seconds = 1.5;
          sustained = 5;
          down = 2;
        }
        case "--smoke" -> {
          rounds = 1;
          warmup = false;
          records = 300;
          seconds = 10;
          sustained = 10;
          down = 10;
          callers = 8;
        }
        case "--rounds" -> rounds = positiveInt(arg, value(args, ++i, arg));
        case "--seconds" -> seconds = positiveSeconds(arg, value(args, ++i, arg));
        case "--records" -> records = positiveInt(arg, value(args, ++i, arg));
        case "--sustained-seconds" -> sustained = positiveSeconds(arg, value(args, ++i, arg));
        case "--down-seconds" -> down = positiveSeconds(arg, value(args, ++i, arg));
        case "--callers" -> callers = positiveInt(arg, value(args, ++i, arg));
        case "--compression" -> {
          String value = value(args, ++i, arg);
          try {
            compression = Compression.parse(value);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                arg + ": unknown compression \"" + value + "\"; use none, gzip, snappy, lz4 or zstd",
                e);
          }
        }
        case "--linger-ms" -> {
          String value = value(args, ++i, arg);
          lingerMs = parseInt(arg, value);
          if (lingerMs < 0) {
            throw new IllegalArgumentException(arg + ": must be 0 or more, got " + value);
          }
        }
        case "--buffer-mb" -> bufferMb = positiveInt(arg, value(args, ++i, arg));
        case "--dead-letter" -> deadLetter = true;
        case "--modes" -> modes = modes(arg, value(args, ++i, arg));
        case "--pace-rate" -> paceRate = positiveInt(arg, value(args, ++i, arg));
        case "--output" -> output = Path.of(value(args, ++i, arg));
        case "--name" -> {
          name = value(args, ++i, arg);
          if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException(arg + ": not a file name: \"" + name + "\"");
          }
        }
        default -> throw new IllegalArgumentException("unknown argument \"" + arg + "\"");
      }
    }
    if (modes.contains(Mode.QOS_10_PACED) && !modes.contains(Mode.RAW) && paceRate == 0) {
      throw new IllegalArgumentException(
          "--modes: qos-10-paced takes raw's rate; add raw to the modes or give --pace-rate");
    }
    return new EndToEndOptions(rounds, warmup, duration(seconds), records, duration(sustained),
        duration(down), callers, compression, lingerMs, bufferMb * 1024 * 1024, deadLetter,
        List.copyOf(modes), paceRate, output, name, List.of(args));
  }

  private static EnumSet<Mode> modes(String option, String value) {
    EnumSet<Mode> modes = EnumSet.noneOf(Mode.class);
    for (String name : value.split(",")) {
      try {
        modes.add(Mode.ofCliName(name.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
      }
    }
    return modes;
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + ": needs a value");
    }
    return args[index];
  }

  private static int parseInt(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": not a whole number: \"" + value + "\"", e);
    }
  }

  private static int positiveInt(String option, String value) {
    int n = parseInt(option, value);
    if (n <= 0) {
      throw new IllegalArgumentException(option + ": must be positive, got " + value);
    }
    return n;
  }

  private static double positiveSeconds(String option, String value) {
    double s;
    try {
      s = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": not a number of seconds: \"" + value + "\"", e);
    }
    if (!(s > 0) || s > 3600) {
      throw new IllegalArgumentException(option + ": must be above 0 and at most 3600, got " + value);
    }
    return s;
  }

  private static Duration duration(double seconds) {
    return Duration.ofNanos((long) (seconds * 1e9));
  }
}
