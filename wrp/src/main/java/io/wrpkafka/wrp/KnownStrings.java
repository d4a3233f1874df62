package io.wrpkafka.wrp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
   * time) and gives a String whose hash is already cached. The candidate is found in a small
   * open-addressing table by a hash of the first and last eight bytes and the length (two word
   * loads and a multiply; the keys share prefixes such as "/hw-" and suffixes such as "-reason",
   * so neither end alone tells them apart); at this load the first probe is nearly always the
   * only one. The table is small and fixed on purpose: it must not grow with the input (no
   * interning of what the network sends).
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

  /** Open-addressing table of the strings by their bytes' hash, for {@link #lookup}. */
  private static final int BYTE_SLOT_BITS = 7;
  private static final int BYTE_SLOTS = 1 << BYTE_SLOT_BITS;
  private static final String[] BY_BYTES = new String[BYTE_SLOTS];
  private static final byte[][] BYTES = new byte[BYTE_SLOTS][];
  /** Open-addressing table of the strings by hash, for {@link #msgpack}: a power of two. */
  private static final int SLOTS = 64;
  private static final String[] BY_HASH = new String[SLOTS];
  /** The msgpack fixstr of each entry of {@link #BY_HASH}: header byte, then the bytes. */
  private static final byte[][] MSGPACK = new byte[SLOTS][];

  static {
    if (TABLE.size() * 2 > SLOTS || TABLE.size() * 4 > BYTE_SLOTS) {
      throw new ExceptionInInitializerError(
          "KnownStrings: SLOTS must be twice the table and BYTE_SLOTS four times, at least");
    }
    for (String s : TABLE) {
      byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
      int n = bytes.length;
      if (n > MAX_LENGTH) {
        throw new ExceptionInInitializerError("KnownStrings: \"" + s + "\" exceeds MAX_LENGTH");
      }
      int at = bytesSlot(bytes, 0, n);
      while (BYTES[at] != null) {
        at = (at + 1) & (BYTE_SLOTS - 1);
      }
      BY_BYTES[at] = s;
      BYTES[at] = bytes;
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
    for (int slot = bytesSlot(buf, off, length); ; slot = (slot + 1) & (BYTE_SLOTS - 1)) {
      byte[] c = BYTES[slot];
      if (c == null) {
        return null;
      }
      if (c.length == length && sameBytes(buf, off, c)) {
        return BY_BYTES[slot];
      }
    }
  }

  /**
   * The {@link #BY_BYTES} slot of the {@code length} (1 to MAX_LENGTH) bytes at {@code off}: a
   * hash of the first and the last eight bytes and the length.
   */
  private static int bytesSlot(byte[] buf, int off, int length) {
    long w;
    if (length >= Long.BYTES) {
      w = (long) LONGS.get(buf, off)
          ^ Long.rotateLeft((long) LONGS.get(buf, off + length - Long.BYTES), 29);
    } else {
      w = 0;
      for (int i = 0; i < length; i++) {
        w = (w << 8) | (buf[off + i] & 0xff);
      }
    }
    return (int) (((w + length) * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - BYTE_SLOT_BITS));
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
}
