package io.wrpkafka.config;

import io.wrpkafka.ConfigException;
import java.util.Locale;

/**
 * Reads byte counts: a plain integer ({@code 1048576}) or an integer with a unit, {@code B},
 * {@code KB}/{@code MB}/{@code GB} (powers of 1000) or {@code KiB}/{@code MiB}/{@code GiB}
 * (powers of 1024), any case, optionally separated by a blank ({@code 64MiB}, {@code 1 MB}).
 */
final class ByteSizes {
  private ByteSizes() {}

  static long parse(String text) {
    String s = text.strip();
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    String number = s.substring(0, i);
    String unit = s.substring(i).strip().toLowerCase(Locale.ROOT);
    if (number.isEmpty()) {
      throw new ConfigException("expected a byte count such as 1048576 or 64MiB, found "
          + Quoted.of(text));
    }
    long multiplier = switch (unit) {
      case "", "b" -> 1L;
      case "kb" -> 1_000L;
      case "mb" -> 1_000_000L;
      case "gb" -> 1_000_000_000L;
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      default -> throw new ConfigException("unknown size unit " + Quoted.of(s.substring(i).strip())
          + " in " + Quoted.of(text) + " (expected B, KB, MB, GB, KiB, MiB or GiB)");
    };
    try {
      return Math.multiplyExact(Long.parseLong(number), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ConfigException("byte count " + Quoted.of(text) + " is too large");
    }
  }
}
