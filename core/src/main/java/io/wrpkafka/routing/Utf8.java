package io.wrpkafka.routing;

import java.nio.charset.StandardCharsets;

/** UTF-8 bytes of header values, written straight from the chars where they are ASCII. */
final class Utf8 {
  /*
   * Header values taken from a part of a message string (the id of the source, a trimmed WRP
   * header value) would otherwise be cut out as a String and then encoded: two arrays and a
   * String object where one array will do. WRP values are nearly always ASCII, so the loop
   * writes each char as a byte and falls back to the JDK's encoder at the first char that is
   * not (RouteEncodeBenchmark, -prof gc).
   */

  private Utf8() {}

  /** The UTF-8 bytes of {@code text}; a new array. */
  static byte[] of(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The UTF-8 bytes of {@code text} from {@code from} to {@code to} (exclusive); a new array. */
  static byte[] of(String text, int from, int to) {
    byte[] out = new byte[to - from];
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return text.substring(from, to).getBytes(StandardCharsets.UTF_8);
      }
      out[i - from] = (byte) c;
    }
    return out;
  }
}
