package io.wrpkafka.routing;

/** 32-bit FNV-1a over the UTF-8 bytes of a string, as Go's {@code hash/fnv} New32a computes. */
final class Fnv1a {
  /*
   * The UTF-8 bytes are folded straight from the chars, so hashing allocates nothing (Go's
   * hashString allocates a hasher and a byte copy per call). An unpaired surrogate counts as '?',
   * as String.getBytes(UTF_8) encodes it; a string decoded from valid UTF-8 has none.
   */

  private static final int OFFSET_BASIS = 0x811c9dc5;
  private static final int PRIME = 0x01000193;

  private Fnv1a() {}

  static int hash32(String s) {
    int h = OFFSET_BASIS;
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        h = (h ^ c) * PRIME;
      } else if (c < 0x800) {
        h = (h ^ (0xc0 | (c >>> 6))) * PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * PRIME;
      } else if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        h = (h ^ (0xf0 | (cp >>> 18))) * PRIME;
        h = (h ^ (0x80 | ((cp >>> 12) & 0x3f))) * PRIME;
        h = (h ^ (0x80 | ((cp >>> 6) & 0x3f))) * PRIME;
        h = (h ^ (0x80 | (cp & 0x3f))) * PRIME;
      } else if (Character.isSurrogate(c)) {
        h = (h ^ '?') * PRIME;
      } else {
        h = (h ^ (0xe0 | (c >>> 12))) * PRIME;
        h = (h ^ (0x80 | ((c >>> 6) & 0x3f))) * PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * PRIME;
      }
    }
    return h;
  }

  /** {@code hash32(s) mod n} with the hash read as unsigned, as Go's {@code uint32} modulo. */
  static int index(String s, int n) {
    return Integer.remainderUnsigned(hash32(s), n);
  }
}
