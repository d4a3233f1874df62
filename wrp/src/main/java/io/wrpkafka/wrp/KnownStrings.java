package io.wrpkafka.wrp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
   * it into the LinkedHashMap. A match here costs one compare of the bytes (sameBytes: eight at a
   * time) and gives a String whose hash is already cached. Candidates are bucketed
   * by length, so a string of another length (a UUID, a destination, most values) is turned away
   * by one array load; within a bucket the last byte is compared first, because the keys share
   * their prefixes ("/hw-", "/webpa-"). The table is small and fixed on purpose: it must not
   * grow with the input (no interning of what the network sends).
   *
   * Encoding: the writer reads every char of a string to learn whether it is ASCII (about half a
   * nanosecond a char) before it copies it. For a table string it takes the fixstr header and
   * bytes made here instead, one array copy. msgpack(String) finds its candidate by the string's
   * hash in a small open-addressing table: a metadata key's hash is already cached (the message's
   * map computed it), as is a literal's or a decoded constant's after first use, so the usual
   * cost is one probe and an identity compare (a key written as a literal, or decoded here, is
   * the very constant); an equal copy is confirmed with equals, a miss costs one probe or two.
   */

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
  /** Open-addressing table of the strings by hash, for {@link #msgpack}: a power of two. */
  private static final int SLOTS = 64;
  private static final String[] BY_HASH = new String[SLOTS];
  /** The msgpack fixstr of each entry of {@link #BY_HASH}: header byte, then the bytes. */
  private static final byte[][] MSGPACK = new byte[SLOTS][];

  static {
    if (TABLE.size() * 2 > SLOTS) {
      throw new ExceptionInInitializerError("KnownStrings: SLOTS must be at least twice the table");
    }
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
      int slot = slot(s.hashCode());
      while (BY_HASH[slot] != null) {
        slot = (slot + 1) & (SLOTS - 1);
      }
      BY_HASH[slot] = s;
      MSGPACK[slot] = fixstr;
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
      if (c[length - 1] == last && sameBytes(buf, off, c)) {
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
    int hash = s.hashCode();
    for (int slot = slot(hash); ; slot = (slot + 1) & (SLOTS - 1)) {
      String c = BY_HASH[slot];
      if (c == null) {
        return null;
      }
      if (c == s || (c.hashCode() == hash && c.equals(s))) {
        return MSGPACK[slot];
      }
    }
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }

  /**
   * Whether the {@code key.length} bytes at {@code off} equal {@code key}; the caller has checked
   * that they are within {@code buf}. Eight bytes at a time, the last eight overlapping: for the
   * short strings of a message this beats Arrays.equals, whose setup costs more than the compare.
   */
  static boolean sameBytes(byte[] buf, int off, byte[] key) {
    int n = key.length;
    if (n < Long.BYTES) {
      for (int i = 0; i < n; i++) {
        if (buf[off + i] != key[i]) {
          return false;
        }
      }
      return true;
    }
    int i = 0;
    for (; i < n - Long.BYTES; i += Long.BYTES) {
      if ((long) LONGS.get(buf, off + i) != (long) LONGS.get(key, i)) {
        return false;
      }
    }
    return (long) LONGS.get(buf, off + n - Long.BYTES) == (long) LONGS.get(key, n - Long.BYTES);
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
