package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader's string decoding: the JDK's lenient UTF-8 constructor first, the strict decoder
 * when its result holds U+FFFD.
 */
class MsgpackReaderTest {

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("ASCII, 7 bytes", "abcdefg"),
        Arguments.of("ASCII, 8 bytes", "abcdefgh"),
        Arguments.of("ASCII, 36-byte uuid", "3b2a3c8e-4a63-4b1e-9d0e-2f3c4d5e6f70"),
        Arguments.of("2-byte char after 8 ASCII", "abcdefgh\u00e9"),
        Arguments.of("3-byte char first", "\u20acabcdefgh"),
        Arguments.of("4-byte char in the middle", "abcd\ud83d\ude00efgh"),
        Arguments.of("U+FFFD the sender wrote", "abc\ufffddefgh"),
        Arguments.of("only U+FFFD", "\ufffd"));
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
