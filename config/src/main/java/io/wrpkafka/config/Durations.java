package io.wrpkafka.config;

import io.wrpkafka.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads and writes durations as the configuration file spells them: Go style ({@code 30s},
 * {@code 10ms}, {@code 1m30s}, {@code 1h}, {@code 500us} or {@code 500µs}, {@code 2.5s}, {@code
 * 100ns}) or ISO-8601 ({@code PT30S}). A bare {@code 0} means zero; any other bare number is
 * rejected, because its unit would be a guess. Stateless and thread-safe.
 */
public final class Durations {
  /*
   * Parsing follows Go's time.ParseDuration: an optional sign, then one or more <decimal><unit>
   * pairs, summed exactly (BigDecimal nanoseconds), and at most Long.MAX_VALUE nanoseconds
   * (about 292 years). Formatting follows Go's Duration.String ("1h2m3.5s", "1.5ms"), except
   * that microseconds are written "us" so the text stays ASCII; both spellings parse.
   */

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final String UNITS = "ns, us, µs, ms, s, m or h";

  private Durations() {}

  /**
   * Parses a Go-style or ISO-8601 duration.
   *
   * @throws ConfigException naming the text and the accepted forms
   */
  public static Duration parse(String text) {
    String s = text.strip();
    String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    if (!unsigned.isEmpty() && (unsigned.charAt(0) == 'P' || unsigned.charAt(0) == 'p')) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new ConfigException("invalid ISO-8601 duration " + Quoted.of(text)
            + " (e.g. PT30S, PT1M30S)");
      }
    }
    if (unsigned.equals("0")) {
      return Duration.ZERO;
    }
    if (unsigned.isEmpty()) {
      throw new ConfigException("invalid duration " + Quoted.of(text) + " (e.g. 30s, 10ms, 1m30s)");
    }
    if (isNumber(unsigned)) {
      throw new ConfigException("duration " + Quoted.of(text) + " has no unit (write "
          + unsigned + "s or " + unsigned + "ms; units: " + UNITS + ")");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < unsigned.length()) {
      int start = i;
      while (i < unsigned.length() && (Character.isDigit(unsigned.charAt(i))
          || unsigned.charAt(i) == '.')) {
        i++;
      }
      String number = unsigned.substring(start, i);
      if (!isNumber(number)) {
        throw new ConfigException("invalid duration " + Quoted.of(text)
            + " (expected numbers with units, e.g. 30s, 10ms, 1m30s, 2.5s)");
      }
      int unitStart = i;
      while (i < unsigned.length() && !Character.isDigit(unsigned.charAt(i))
          && unsigned.charAt(i) != '.') {
        i++;
      }
      String unit = unsigned.substring(unitStart, i);
      long scale = switch (unit) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> NANOS_PER_SECOND;
        case "m" -> 60 * NANOS_PER_SECOND;
        case "h" -> 3600 * NANOS_PER_SECOND;
        default -> throw new ConfigException("duration " + Quoted.of(text)
            + (unit.isEmpty() ? " has a number without a unit" : " has unknown unit "
            + Quoted.of(unit)) + " (units: " + UNITS + ")");
      };
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(scale)));
    }
    BigInteger whole = nanos.toBigInteger();
    if (whole.bitLength() > 63) {
      throw new ConfigException("duration " + Quoted.of(text) + " is too long (at most 2562047h)");
    }
    Duration d = Duration.ofNanos(whole.longValueExact());
    return s.startsWith("-") ? d.negated() : d;
  }

  /**
   * Writes {@code duration} in Go style: {@code 0s}, {@code 5ms}, {@code 1.5s}, {@code 1m30s},
   * {@code 1h0m0s}; beyond Go's range (about 292 years) in ISO-8601 ({@code PT…}). {@link
   * #parse(String)} reads the result back to the same value.
   */
  public static String format(Duration duration) {
    long n;
    try {
      n = duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.toString();
    }
    if (n == 0) {
      return "0s";
    }
    if (n == Long.MIN_VALUE) {
      return duration.toString(); // no positive counterpart to format
    }
    StringBuilder s = new StringBuilder();
    if (n < 0) {
      s.append('-');
    }
    long nanos = Math.abs(n);
    if (nanos < NANOS_PER_SECOND) {
      if (nanos < 1_000) {
        return s.append(nanos).append("ns").toString();
      }
      if (nanos < 1_000_000) {
        return s.append(decimal(nanos, 1_000)).append("us").toString();
      }
      return s.append(decimal(nanos, 1_000_000)).append("ms").toString();
    }
    long hours = nanos / (3600 * NANOS_PER_SECOND);
    long rest = nanos % (3600 * NANOS_PER_SECOND);
    long minutes = rest / (60 * NANOS_PER_SECOND);
    long seconds = rest % (60 * NANOS_PER_SECOND);
    if (hours > 0) {
      s.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      s.append(minutes).append('m');
    }
    return s.append(decimal(seconds, NANOS_PER_SECOND)).append('s').toString();
  }

  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros()
        .toPlainString();
  }

  private static boolean isNumber(String s) {
    int dots = 0;
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c >= '0' && c <= '9') {
        digits++;
      } else {
        return false;
      }
    }
    return digits > 0 && dots <= 1;
  }
}
