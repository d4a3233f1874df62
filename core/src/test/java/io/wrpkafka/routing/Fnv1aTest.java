package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Fnv1aTest {

  /** FNV-1a as specified: over the bytes of String.getBytes(UTF_8), one at a time. */
  private static int reference(String s) {
    int h = 0x811c9dc5;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x01000193;
    }
    return h;
  }

  @ParameterizedTest(name = "fnv1a32(\"{0}\") = {1}")
  @CsvSource(quoteCharacter = '\'', value = {
      "'', 811c9dc5", "a, e40c292c", "b, e70c2de5", "foobar, bf9cf968"})
  void hashMatchesThePublishedTestVectors(String input, String hex) {
    assertThat(Fnv1a.hash32(input)).isEqualTo(Integer.parseUnsignedInt(hex, 16));
  }

  @ParameterizedTest(name = "\"{0}\" hashes as its UTF-8 bytes")
  @ValueSource(strings = {"mac:112233445566", "caf\u00e9", "\u20ac100", "\u00ff\u0100\u07ff\u0800",
      "emoji \ud83d\ude00", "\uffff", "lone \ud800 high", "lone \udc00 low", "end \ud83d"})
  void hashFoldsUtf8BytesStraightFromTheChars(String input) {
    assertThat(Fnv1a.hash32(input)).isEqualTo(reference(input));
  }

  @ParameterizedTest(name = "\"{0}\" of {1} topics picks index {2}, as the Go implementation does")
  @CsvSource({
      "mac:112233445566, 3, 0", "mac:112233445577, 3, 1",
      "tenant-a, 3, 0", "tenant-b, 3, 2"})
  void indexIsTheUnsignedRemainderGoComputes(String value, int topics, int expected) {
    assertThat(Fnv1a.index(value, topics)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "index of \"{0}\" reads the hash as unsigned")
  @ValueSource(strings = {"mac:112233445577", "112233445566", "a", "tenant-b"})
  void indexIsNeverNegativeForHashesWithTheTopBitSet(String value) {
    for (int n = 1; n <= 7; n++) {
      assertThat(Fnv1a.index(value, n))
          .isEqualTo((int) (Integer.toUnsignedLong(reference(value)) % n));
    }
  }
}
