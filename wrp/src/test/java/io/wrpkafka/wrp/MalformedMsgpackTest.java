package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed msgpack input raises WrpFormatException saying what and where. */
class MalformedMsgpackTest {

  /** {@code {"msg_type": 4, <key>: ...}} up to the value: the value starts at offset 12 + key length. */
  private static MsgpackBytes eventWith(String key) {
    return MsgpackBytes.of().fixmap(2).str("msg_type").raw(0x04).str(key);
  }

  private static Arguments row(String name, byte[] input, String fragment) {
    return Arguments.of(name, input, fragment);
  }

  static Stream<Arguments> corpus() {
    byte[] deep = new byte[1000];
    Arrays.fill(deep, (byte) 0x91);
    return Stream.of(
        row("empty input", new byte[0], "message: empty input"),
        row("top level is an int", new byte[] {5}, "message: expected map, found int at offset 0"),
        row("top level is an array", new byte[] {(byte) 0x90},
            "message: expected map, found array at offset 0"),
        row("top level is the never-used byte", new byte[] {(byte) 0xc1},
            "message: expected map, found invalid type byte 0xc1 at offset 0"),
        row("map16 header cut short", new byte[] {(byte) 0xde, 0},
            "message: unexpected end of input at offset 1"),
        row("map declares more entries than bytes", MsgpackBytes.of().fixmap(3).bytes(),
            "message: declares 3 entries at offset 0 but only 0 bytes are left"),
        row("map32 declares 2^31-1 entries",
            MsgpackBytes.of().raw(0xdf, 0x7f, 0xff, 0xff, 0xff).bytes(),
            "message: declares 2147483647 entries"),
        row("key is an int", MsgpackBytes.of().fixmap(1).raw(0x01, 0x02).bytes(),
            "message key #0: expected str, found int at offset 1"),
        row("msg_type missing", MsgpackBytes.of().fixmap(1).str("source").str("x").bytes(),
            "msg_type: missing"),
        row("msg_type unknown code", MsgpackBytes.of().fixmap(1).str("msg_type").raw(42).bytes(),
            "msg_type: unknown code 42 (expected 2 to 11) at offset 10"),
        row("msg_type zero", MsgpackBytes.of().fixmap(1).str("msg_type").raw(0).bytes(),
            "msg_type: unknown code 0"),
        row("msg_type as str", MsgpackBytes.of().fixmap(1).str("msg_type").str("4").bytes(),
            "msg_type: expected int, found str at offset 10"),
        row("msg_type nil", MsgpackBytes.of().fixmap(1).str("msg_type").nil().bytes(),
            "msg_type: expected int, found nil at offset 10"),
        row("source is an int", eventWith("source").raw(0x05).bytes(),
            "source: expected str, found int at offset 18"),
        row("source is bin", eventWith("source").bin8(new byte[] {1}).bytes(),
            "source: expected str, found bin at offset 18"),
        row("source is not UTF-8", eventWith("source").raw(0xa2, 0xc3, 0x28).bytes(),
            "source: invalid UTF-8 at offset 19"),
        row("overlong UTF-8", eventWith("dest").raw(0xa2, 0xc0, 0x80).bytes(),
            "dest: invalid UTF-8 at offset 17"),
        row("UTF-8 encoded surrogate", eventWith("path").raw(0xa3, 0xed, 0xa0, 0x80).bytes(),
            "path: invalid UTF-8 at offset 17"),
        row("UTF-8 sequence cut at the end of the string",
            eventWith("url").raw(0xa2, 0x41, 0xe2).bytes(), "url: invalid UTF-8 at offset 17"),
        row("str32 declares 2^31-1 bytes",
            eventWith("source").raw(0xdb, 0x7f, 0xff, 0xff, 0xff, 0x41).bytes(),
            "source: declared length 2147483647 at offset 18 exceeds the 1 bytes left"),
        row("str8 longer than the input", eventWith("source").raw(0xd9, 10, 0x41).bytes(),
            "source: declared length 10 at offset 18"),
        row("bin32 payload declares 2^31-1 bytes",
            eventWith("payload").raw(0xc6, 0x7f, 0xff, 0xff, 0xff).bytes(),
            "payload: declared length 2147483647 at offset 19"),
        row("bin32 payload declares 2^32-1 bytes",
            eventWith("payload").raw(0xc6, 0xff, 0xff, 0xff, 0xff).bytes(),
            "payload: declared length 4294967295"),
        row("payload is an int", eventWith("payload").raw(0x01).bytes(),
            "payload: expected bin or str, found int at offset 19"),
        row("payload is an array", eventWith("payload").fixarray(0).bytes(),
            "payload: expected bin or str, found array at offset 19"),
        row("headers array32 declares 2^32-1 elements",
            eventWith("headers").raw(0xdd, 0xff, 0xff, 0xff, 0xff).bytes(),
            "headers: declares 4294967295 elements at offset 19"),
        row("headers is a str", eventWith("headers").str("X-A: 1").bytes(),
            "headers: expected array, found str at offset 19"),
        row("headers element is an int", eventWith("headers").fixarray(2).str("a").raw(7).bytes(),
            "headers[1]: expected str, found int at offset 22"),
        row("partner id is a bool", eventWith("partner_ids").fixarray(1).raw(0xc3).bytes(),
            "partner_ids[0]: expected str, found bool at offset 24"),
        row("metadata is an array", eventWith("metadata").fixarray(0).bytes(),
            "metadata: expected map, found array at offset 20"),
        row("metadata key is an int", eventWith("metadata").fixmap(1).raw(1).str("v").bytes(),
            "metadata key #0: expected str, found int at offset 21"),
        row("metadata value is an int", eventWith("metadata").fixmap(1).str("fw").raw(5).bytes(),
            "metadata[\"fw\"]: expected str, found int at offset 24"),
        row("metadata map16 declares more entries than bytes",
            eventWith("metadata").map16(1000).str("a").bytes(),
            "metadata: declares 1000 entries at offset 20 but only 2 bytes are left"),
        row("status is a float", eventWith("status").raw(0xca, 0, 0, 0, 0).bytes(),
            "status: expected int, found float at offset 18"),
        row("status is a str", eventWith("status").str("200").bytes(),
            "status: expected int, found str at offset 18"),
        row("status above the signed 64-bit range",
            eventWith("status").raw(0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff).bytes(),
            "status: 18446744073709551615 does not fit a signed 64-bit integer at offset 18"),
        row("rdr cut short", eventWith("rdr").raw(0xcd, 0x01).bytes(),
            "rdr: unexpected end of input at offset 16 (need 2 more bytes, 1 left)"),
        row("qos above 99", eventWith("qos").raw(100).bytes(),
            "qos: 100 is out of range (expected 0 to 99) at offset 15"),
        row("qos negative", eventWith("qos").raw(0xff).bytes(), "qos: -1 is out of range"),
        row("qos beyond int", eventWith("qos").raw(0xd3, 0x7f, 0, 0, 0, 0, 0, 0, 0).bytes(),
            "qos: 9151314442816847872 is out of range"),
        row("spans is a str", eventWith("spans").str("talaria-send").bytes(),
            "spans: expected array, found str at offset 17"),
        row("spans is a map", eventWith("spans").fixmap(0).bytes(),
            "spans: expected array, found map at offset 17"),
        row("span is a str", eventWith("spans").fixarray(2).fixarray(0).str("a").bytes(),
            "spans[1]: expected array, found str at offset 19"),
        row("span value is an int",
            eventWith("spans").fixarray(1).fixarray(3).str("a").str("1").raw(0x05).bytes(),
            "spans[0][2]: expected str, found int at offset 23"),
        row("span value is bin", eventWith("spans").fixarray(1).fixarray(1)
            .bin8(new byte[] {'a'}).bytes(), "spans[0][0]: expected str, found bin at offset 19"),
        row("span value is not UTF-8",
            eventWith("spans").fixarray(1).fixarray(1).raw(0xa2, 0xc3, 0x28).bytes(),
            "spans[0][0]: invalid UTF-8 at offset 20"),
        row("span value str32 declares 2^31-1 bytes", eventWith("spans").fixarray(1).fixarray(1)
            .raw(0xdb, 0x7f, 0xff, 0xff, 0xff, 0x41).bytes(),
            "spans[0][0]: declared length 2147483647 at offset 19 exceeds the 1 bytes left"),
        row("spans array32 declares 2^32-1 spans",
            eventWith("spans").raw(0xdd, 0xff, 0xff, 0xff, 0xff).bytes(),
            "spans: declares 4294967295 elements at offset 17"),
        row("span array16 declares more values than bytes",
            eventWith("spans").fixarray(1).raw(0xdc, 0x10, 0x00).str("a").bytes(),
            "spans[0]: declares 4096 elements at offset 18 but only 2 bytes are left"),
        row("spans cut short after the first span",
            eventWith("spans").fixarray(2).fixarray(1).str("a").bytes(),
            "spans[1]: unexpected end of input at offset 21"),
        row("spans nested deeper than arrays of str", eventWith("spans").raw(deep).bytes(),
            "spans[0][0]: expected str, found array at offset 19"),
        row("unknown key nested too deep", MsgpackBytes.of().fixmap(2).str("msg_type").raw(4)
            .str("traces").raw(deep).bytes(), "traces: value nested deeper than 32 levels"),
        row("unknown key holds the never-used byte",
            MsgpackBytes.of().fixmap(2).str("msg_type").raw(4).str("x").raw(0xc1).bytes(),
            "x: invalid type byte 0xc1 at offset 13"),
        row("unknown key holds an ext32 longer than the input", MsgpackBytes.of().fixmap(2)
            .str("msg_type").raw(4).str("x").raw(0xc9, 0x7f, 0xff, 0xff, 0xff, 1).bytes(),
            "x: declared length 2147483648 at offset 13"),
        row("unknown key holds an array32 of 2^32-1 elements", MsgpackBytes.of().fixmap(2)
            .str("msg_type").raw(4).str("x").raw(0xdd, 0xff, 0xff, 0xff, 0xff).bytes(),
            "x: declares 4294967295 values at offset 13"),
        row("unknown key holds a truncated fixext16", MsgpackBytes.of().fixmap(2)
            .str("msg_type").raw(4).str("x").raw(0xd8, 1, 2, 3).bytes(),
            "x: declared length 17 at offset 13"),
        row("key longer than the input", MsgpackBytes.of().fixmap(1).raw(0xbf, 0x41).bytes(),
            "message key #0: declared length 31 at offset 1"),
        row("trailing garbage", MsgpackBytes.of().fixmap(1).str("msg_type").raw(4, 0, 0).bytes(),
            "message: 2 trailing bytes after the message map at offset 11"),
        row("two messages back to back", MsgpackBytes.of().fixmap(1).str("msg_type").raw(4)
            .fixmap(1).str("msg_type").raw(4).bytes(), "trailing bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void malformedInputIsRejectedWithWhatAndWhere(String name, byte[] input, String fragment) {
    assertThatThrownBy(() -> Format.MSGPACK.decode(input))
        .isExactlyInstanceOf(WrpFormatException.class)
        .hasMessageContaining(fragment);
  }

  @Test
  void errorMessageNeverEchoesThePayload() {
    byte[] secret = "secret-payload-bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] input = MsgpackBytes.of().fixmap(2).str("payload").bin8(secret).str("qos").raw(120)
        .bytes();

    assertThatThrownBy(() -> Format.MSGPACK.decode(input))
        .isInstanceOf(WrpFormatException.class)
        .message().doesNotContain("secret");
  }

  @Test
  void everyTruncationOfAFullMessageIsRejected() {
    Message m = Message.builder().type(MessageType.CREATE).source("dns:a").destination("mac:1")
        .transactionUuid("t").contentType("c").accept("a").status(-70000).requestDeliveryResponse(1)
        .headers(java.util.List.of("h")).metadata(java.util.Map.of("k", "v"))
        .spans(java.util.List.of(java.util.List.of("n", "1", "2"), java.util.List.of()))
        .path("/p")
        .payload(new byte[300]).serviceName("s").url("u").partnerIds(java.util.List.of("p"))
        .sessionId("x").qualityOfService(50).build();
    byte[] whole = Format.MSGPACK.encode(m);
    for (int length = 0; length < whole.length; length++) {
      byte[] prefix = Arrays.copyOf(whole, length);
      assertThatThrownBy(() -> Format.MSGPACK.decode(prefix))
          .as("prefix of %d bytes", length)
          .isExactlyInstanceOf(WrpFormatException.class);
    }
  }
}
