package io.wrpkafka.wrp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The strings most WRP messages carry (Talaria's metadata keys, the usual content types), as
 * shared constants that the decoder finds by comparing bytes instead of making a new String for
 * each, and with their msgpack encoding made once, which the encoder copies instead of checking
 * the string's chars. Immutable and thread-safe.
 */
final class KnownStrings {
  /*
   * A Talaria online event carries about 15 metadata entries whose keys are always the same
   * (convey's /hw-* and /webpa-* keys); decoding made a byte[] and a String for each and hashed
   * it into the LinkedHashMap. A match here costs one compare of the bytes (Arrays.equals over a
   * range, vectorised) and gives a String whose hash is already cached. Candidates are bucketed
   * by length, so a string of another length (a UUID, a destination, most values) is turned away
   * by one array load; within a bucket the last byte is compared first, because the keys share
   * their prefixes ("/hw-", "/webpa-"). The table is small and fixed on purpose: it must not
   * grow with the input (no interning of what the network sends).
   *
   * Encoding: the writer reads every char of a string to learn whether it is ASCII (about half a
   * nanosecond a char) before it copies it. For a table string it takes the fixstr header and
   * bytes made here instead, one array copy. msgpack(String) compares by identity first (a key
   * written as a literal, or decoded here, is the very constant) and then with equals, which
   * compares the bytes of an equal-length Latin-1 string in one go.
   */

  private static final List<String> TABLE = List.of(
      // Talaria / convey metadata keys, with the leading '/' Talaria writes, and without it
      "/boot-time", "/hw-deviceid", "/hw-last-reboot-reason", "/hw-manufacturer", "/hw-model",
      "/hw-serial-number", "/fw-name", "/last-reconnect-reason", "/partner-id", "/protocol",
      "/trust", "/compliance", "/webpa-interface-used", "/webpa-protocol", "/webpa-uuid",
      "/interfaces-available", "boot-time", "hw-deviceid", "hw-model", "fw-name", "partner-id",
      // content types
      "application/json", "application/msgpack", "application/octet-stream", "text/plain");

  /** The longest string in the table, in bytes. */
  static final int MAX_LENGTH = 24;

  private static final String[][] STRINGS = new String[MAX_LENGTH + 1][];
  private static final byte[][][] BYTES = new byte[MAX_LENGTH + 1][][];
  /** The msgpack fixstr of each entry of {@link #STRINGS}: header byte, then the bytes. */
  private static final byte[][][] MSGPACK = new byte[MAX_LENGTH + 1][][];

  static {
    for (String s : TABLE) {
      byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
      int n = bytes.length;
      if (n > MAX_LENGTH) {
        throw new ExceptionInInitializerError("KnownStrings: \"" + s + "\" exceeds MAX_LENGTH");
      }
      STRINGS[n] = STRINGS[n] == null ? new String[] {s} : append(STRINGS[n], s);
      BYTES[n] = BYTES[n] == null ? new byte[][] {bytes} : append(BYTES[n], bytes);
      byte[] fixstr = new byte[n + 1];
      fixstr[0] = (byte) (0xa0 | n);
      System.arraycopy(bytes, 0, fixstr, 1, n);
      MSGPACK[n] = MSGPACK[n] == null ? new byte[][] {fixstr} : append(MSGPACK[n], fixstr);
    }
  }

  private KnownStrings() {}

  /**
   * The constant equal to the {@code length} bytes at {@code off} read as ASCII, or null when
   * they are not in the table. Allocates nothing.
   */
  static String lookup(byte[] buf, int off, int length) {
    if (length == 0 || length > MAX_LENGTH) {
      return null;
    }
    byte[][] candidates = BYTES[length];
    if (candidates == null) {
      return null;
    }
    int end = off + length;
    byte last = buf[end - 1];
    for (int i = 0; i < candidates.length; i++) {
      byte[] c = candidates[i];
      if (c[length - 1] == last && Arrays.equals(buf, off, end, c, 0, length)) {
        return STRINGS[length][i];
      }
    }
    return null;
  }

  /**
   * The msgpack encoding (fixstr header and ASCII bytes) of {@code s} when it is in the table,
   * else null. Allocates nothing.
   */
  static byte[] msgpack(String s) {
    int length = s.length();
    if (length == 0 || length > MAX_LENGTH) {
      return null;
    }
    String[] candidates = STRINGS[length];
    if (candidates == null) {
      return null;
    }
    for (int i = 0; i < candidates.length; i++) {
      String c = candidates[i];
      if (c == s || c.equals(s)) {
        return MSGPACK[length][i];
      }
    }
    return null;
  }

  /** Every string in the table, for tests. */
  static List<String> table() {
    return TABLE;
  }

  private static <T> T[] append(T[] array, T element) {
    T[] longer = Arrays.copyOf(array, array.length + 1);
    longer[array.length] = element;
    return longer;
  }
}
