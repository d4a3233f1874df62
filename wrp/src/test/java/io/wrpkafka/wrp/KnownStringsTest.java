package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KnownStringsTest {

  static Iterable<String> table() {
    return KnownStrings.table();
  }

  private static String lookupInside(String text) {
    byte[] framed = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
    return KnownStrings.lookup(framed, 2, framed.length - 4);
  }

  @ParameterizedTest(name = "\"{0}\" is found as the shared constant")
  @MethodSource("table")
  void everyTableStringIsFoundAsItsOwnConstant(String known) {
    assertThat(lookupInside(known)).isSameAs(known);
  }

  @ParameterizedTest(name = "\"{0}\" is found filling the whole array")
  @MethodSource("table")
  void everyTableStringIsFoundWhenItFillsTheArray(String known) {
    byte[] exact = known.getBytes(StandardCharsets.US_ASCII);

    assertThat(KnownStrings.lookup(exact, 0, exact.length)).isSameAs(known);
  }

  @ParameterizedTest(name = "\"{0}\" is not in the table")
  @CsvSource(quoteCharacter = '\'', value = {
      "''", "/hw-devicei", "/hw-deviceie", "/HW-DEVICEID", "'/hw-deviceid '", "hw-deviceid/",
      "application/jsox", "xpplication/json", "a", "application/octet-streams",
      "/webpa-uuid-but-far-too-long-for-the-table"})
  void stringsNotInTheTableAreNotFound(String text) {
    assertThat(lookupInside(text)).isNull();
  }

  @ParameterizedTest(name = "\"{0}\" has its fixstr encoding")
  @MethodSource("table")
  void everyTableStringHasItsFixstrEncodingForTheConstantAndAnEqualCopy(String known) {
    byte[] bytes = known.getBytes(StandardCharsets.US_ASCII);
    byte[] fixstr = new byte[bytes.length + 1];
    fixstr[0] = (byte) (0xa0 | bytes.length);
    System.arraycopy(bytes, 0, fixstr, 1, bytes.length);
    assertThat(KnownStrings.msgpack(known)).isEqualTo(fixstr);
    assertThat(KnownStrings.msgpack(new String(known))).isEqualTo(fixstr);
  }

  /**
   * Every length up to 25 at offsets 0 to 8, equal or with one byte different at each position,
   * with other bytes around the compared run: one table, checked in a loop.
   */
  @Test
  void sameBytesFindsADifferenceAnywhereInTheRunAndNoneOutsideIt() {
    for (int offset = 0; offset <= 8; offset++) {
      for (int length = 0; length <= 25; length++) {
        for (int differ = -1; differ < length; differ++) {
          byte[] key = new byte[length];
          byte[] buf = new byte[offset + length + 8];
          java.util.Arrays.fill(buf, (byte) 'z');
          for (int i = 0; i < length; i++) {
            key[i] = (byte) ('a' + i);
            buf[offset + i] = key[i];
          }
          if (differ >= 0) {
            buf[offset + differ] ^= 0x01;
          }

          assertThat(KnownStrings.sameBytes(buf, offset, key))
              .as("offset %d, length %d, different byte at %d", offset, length, differ)
              .isEqualTo(differ < 0);
        }
      }
    }
  }

  @ParameterizedTest(name = "a string with the hash of \"{0}\" is not taken for it")
  @MethodSource("table")
  void aStringWithTheSameHashAndLengthButOtherCharsHasNoPrecomputedEncoding(String known) {
    // (c1 + 1, c2 - 31) in place of two neighbouring chars keeps String.hashCode
    char[] chars = known.toCharArray();
    chars[1]++;
    chars[2] -= 31;
    String collision = new String(chars);

    assertThat(collision.hashCode()).isEqualTo(known.hashCode());
    assertThat(collision).isNotEqualTo(known);
    assertThat(KnownStrings.msgpack(collision)).isNull();
  }

  @ParameterizedTest(name = "\"{0}\" has no precomputed encoding")
  @CsvSource(quoteCharacter = '\'', value = {
      "''", "/hw-devicei", "/HW-DEVICEID", "'/hw-deviceid '", "application/jsox",
      "/webpa-uuid-but-far-too-long-for-the-table", "/hw-d\u00e9viceid"})
  void stringsNotInTheTableHaveNoPrecomputedEncoding(String text) {
    assertThat(KnownStrings.msgpack(text)).isNull();
  }

  @Test
  void lengthEqualToAKnownStringWithOtherBytesIsNotFound() {
    // same length and last byte as "/hw-model", different first byte
    assertThat(lookupInside("/xx-model")).isNull();
  }

  @Test
  void decodedMetadataKeysAndContentTypeAreTheSharedConstants() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(new String("/hw-deviceid"), "mac:112233445566");
    metadata.put("/custom-key", "application/json");
    Message message = Message.builder().type(MessageType.SIMPLE_EVENT)
        .contentType(new String("application/json")).metadata(metadata).build();

    Message decoded = Format.MSGPACK.decode(Format.MSGPACK.encode(message));

    assertThat(decoded).isEqualTo(message);
    assertThat(decoded.contentType()).isSameAs(lookupInside("application/json"));
    assertThat(decoded.metadata().keySet()).first()
        .isSameAs(lookupInside("/hw-deviceid"));
    assertThat(decoded.metadata().get("/custom-key")).isEqualTo("application/json");
  }
}
