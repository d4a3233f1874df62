package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader's ASCII check (eight bytes at a time) and the string decoding it chooses. */
class MsgpackReaderTest {

  /**
   * Every length up to 19 at offsets 0 to 8, all ASCII or with one high byte at each position,
   * and high bytes around the run that must not count: one table, checked in a loop.
   */
  @Test
  void asciiCheckFindsAHighByteAnywhereInTheRunAndNoneOutsideIt() {
    for (int offset = 0; offset <= 8; offset++) {
      for (int length = 0; length < 20; length++) {
        for (int high = -1; high < length; high++) {
          byte[] bytes = new byte[offset + length + 8];
          Arrays.fill(bytes, (byte) 0x80);
          for (int i = 0; i < length; i++) {
            bytes[offset + i] = (byte) ('a' + i);
          }
          if (high >= 0) {
            bytes[offset + high] = (byte) 0xc3;
          }

          assertThat(MsgpackReader.isAscii(bytes, offset, length))
              .as("offset %d, length %d, high byte at %d", offset, length, high)
              .isEqualTo(high < 0);
        }
      }
    }
  }

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("ASCII, 7 bytes", "abcdefg"),
        Arguments.of("ASCII, 8 bytes", "abcdefgh"),
        Arguments.of("ASCII, 36-byte uuid", "3b2a3c8e-4a63-4b1e-9d0e-2f3c4d5e6f70"),
        Arguments.of("2-byte char after 8 ASCII", "abcdefgh\u00e9"),
        Arguments.of("3-byte char first", "\u20acabcdefgh"),
        Arguments.of("4-byte char in the middle", "abcd\ud83d\ude00efgh"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strings")
  void decodesStringsAsTheJdkDoes(String name, String s) {
    byte[] input = MsgpackBytes.of().fixmap(2).str("msg_type").raw(0x04).str("source").str(s)
        .bytes();

    assertThat(Format.MSGPACK.decode(input).source()).isEqualTo(s);
  }

  @ParameterizedTest(name = "0x{0} after 8 ASCII bytes")
  @MethodSource("invalidUtf8")
  void rejectsInvalidUtf8AfterAnAsciiRun(String hex, byte[] tail) {
    byte[] text = MsgpackBytes.of().raw("abcdefgh".getBytes(StandardCharsets.US_ASCII))
        .raw(tail).bytes();
    byte[] input = MsgpackBytes.of().fixmap(2).str("msg_type").raw(0x04).str("source")
        .raw(0xa0 | text.length).raw(text).bytes();

    assertThatThrownBy(() -> Format.MSGPACK.decode(input))
        .isInstanceOf(WrpFormatException.class)
        .hasMessageContaining("source: invalid UTF-8");
  }

  static Stream<Arguments> invalidUtf8() {
    return Stream.of(
        Arguments.of("ff", new byte[] {(byte) 0xff}),
        Arguments.of("c3 (cut short)", new byte[] {(byte) 0xc3}),
        Arguments.of("ed a0 80 (surrogate)", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
        Arguments.of("c0 80 (overlong)", new byte[] {(byte) 0xc0, (byte) 0x80}));
  }
}
