package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MsgpackValue.length over every msgpack family, a value in the middle, and broken input. */
class MsgpackValueTest {

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("positive fixint", MsgpackBytes.of().raw(0x05).bytes()),
        Arguments.of("negative fixint", MsgpackBytes.of().raw(0xff).bytes()),
        Arguments.of("nil", MsgpackBytes.of().nil().bytes()),
        Arguments.of("true", MsgpackBytes.of().raw(0xc3).bytes()),
        Arguments.of("int16", MsgpackBytes.of().raw(0xd1, 0x00, 0xc8).bytes()),
        Arguments.of("uint64", MsgpackBytes.of().raw(0xcf, 0, 0, 0, 0, 0, 0, 0, 1).bytes()),
        Arguments.of("float64", MsgpackBytes.of().raw(0xcb, 0, 0, 0, 0, 0, 0, 0, 0).bytes()),
        Arguments.of("fixstr", MsgpackBytes.of().str("source").bytes()),
        Arguments.of("str16", MsgpackBytes.of().str16("x".repeat(300)).bytes()),
        Arguments.of("bin8", MsgpackBytes.of().bin8(new byte[] {1, 2, 3}).bytes()),
        Arguments.of("bin32", MsgpackBytes.of().bin32(new byte[300]).bytes()),
        Arguments.of("fixext4", MsgpackBytes.of().raw(0xd6, 0x01, 1, 2, 3, 4).bytes()),
        Arguments.of("ext8", MsgpackBytes.of().raw(0xc7, 0x02, 0x05, 0xaa, 0xbb).bytes()),
        Arguments.of("fixarray of str",
            MsgpackBytes.of().fixarray(2).str("a").str("bc").bytes()),
        Arguments.of("nested map", MsgpackBytes.of().fixmap(2)
            .str("metadata").fixmap(1).str("/k").str("v")
            .str("spans").fixarray(1).fixarray(2).str("n").raw(0x01).bytes()),
        Arguments.of("WRP message", Format.MSGPACK.encode(Message.builder()
            .source("mac:112233445566").destination("event:device-status/x/online")
            .payload(new byte[] {1, 2}).qualityOfService(50).build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void measuresAWholeValue(String name, byte[] value) {
    assertThat(MsgpackValue.length(value, 0)).isEqualTo(value.length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void measuresAValueBetweenOthers(String name, byte[] value) {
    byte[] body = MsgpackBytes.of().str("before").raw(value).str("after").bytes();

    assertThat(MsgpackValue.length(body, 7)).isEqualTo(value.length);
  }

  static Stream<Arguments> multiByteValues() {
    return values().filter(arguments -> ((byte[]) arguments.get()[1]).length > 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("multiByteValues")
  void rejectsAValueCutShortNamingAnOffset(String name, byte[] value) {
    byte[] truncated = Arrays.copyOf(value, value.length - 1);

    assertThatThrownBy(() -> MsgpackValue.length(truncated, 0))
        .isInstanceOf(WrpFormatException.class)
        .hasMessageContaining("offset");
  }

  @Test
  void rejectsTheReservedTypeByte() {
    byte[] body = MsgpackBytes.of().raw(0x01, 0xc1).bytes();

    assertThatThrownBy(() -> MsgpackValue.length(body, 1))
        .isInstanceOf(WrpFormatException.class)
        .hasMessageContaining("0xc1")
        .hasMessageContaining("offset 1");
  }

  @Test
  void rejectsNestingDeeperThanTheReaderGoes() {
    MsgpackBytes deep = MsgpackBytes.of();
    for (int i = 0; i <= MsgpackReader.MAX_DEPTH; i++) {
      deep.fixarray(1);
    }
    byte[] body = deep.nil().bytes();

    assertThatThrownBy(() -> MsgpackValue.length(body, 0))
        .isInstanceOf(WrpFormatException.class)
        .hasMessageContaining("deeper than");
  }

  @Test
  void rejectsAnOffsetOutsideTheInput() {
    byte[] body = MsgpackBytes.of().raw(0x01).bytes();

    assertThatThrownBy(() -> MsgpackValue.length(body, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
