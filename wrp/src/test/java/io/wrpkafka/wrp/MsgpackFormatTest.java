package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/** Format.MSGPACK against byte arrays assembled by hand and against msgpack-core. */
class MsgpackFormatTest {

  private static final byte[] PAYLOAD = {0, 1, 2, (byte) 0xff};

  /** Every field set, keys in wrp-go's order, integers as Go's msgp writes them. */
  private static byte[] fullMessageAsWrpGoWritesIt() {
    return MsgpackBytes.of().raw(0xde, 0x00, 0x11)
        .str("msg_type").raw(0x05)
        .str("source").str("dns:scytale.example.com")
        .str("dest").str("mac:112233445566/config")
        .str("transaction_uuid").str("tx-1")
        .str("content_type").str("application/octet-stream")
        .str("accept").str("application/msgpack")
        .str("status").raw(0xd1, 0x00, 0xc8)
        .str("rdr").raw(0x00)
        .str("headers").fixarray(2).str("X-A: 1").str("X-B: 2")
        .str("metadata").fixmap(2).str("/fw").str("1.2").str("/hw-deviceid")
        .str("mac:112233445566")
        .str("path").str("/config/wifi")
        .str("payload").bin8(PAYLOAD)
        .str("service_name").str("config")
        .str("url").str("tcp://127.0.0.1:6666")
        .str("partner_ids").fixarray(1).str("comcast")
        .str("session_id").str("s-1")
        .str("qos").raw(99)
        .bytes();
  }

  private static Message fullMessage() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("/fw", "1.2");
    metadata.put("/hw-deviceid", "mac:112233445566");
    return Message.builder().type(MessageType.CREATE)
        .source("dns:scytale.example.com")
        .destination("mac:112233445566/config")
        .transactionUuid("tx-1")
        .contentType("application/octet-stream")
        .accept("application/msgpack")
        .status(200)
        .requestDeliveryResponse(0)
        .headers(List.of("X-A: 1", "X-B: 2"))
        .metadata(metadata)
        .path("/config/wifi")
        .payload(PAYLOAD)
        .serviceName("config")
        .url("tcp://127.0.0.1:6666")
        .partnerIds(List.of("comcast"))
        .sessionId("s-1")
        .qualityOfService(99)
        .build();
  }

  @Test
  void encodingWritesWrpGoKeyOrderAndIntegerForms() {
    assertThat(Format.MSGPACK.encode(fullMessage())).isEqualTo(fullMessageAsWrpGoWritesIt());
  }

  @Test
  void decodingWrpGoBytesGivesEveryField() {
    assertThat(Format.MSGPACK.decode(fullMessageAsWrpGoWritesIt())).isEqualTo(fullMessage());
  }

  @Test
  void emptyFieldsAreOmittedButMsgTypeIsAlwaysWritten() {
    Message minimal = Message.builder().type(MessageType.SIMPLE_EVENT).build();

    assertThat(Format.MSGPACK.encode(minimal))
        .isEqualTo(MsgpackBytes.of().fixmap(1).str("msg_type").raw(0x04).bytes());
  }

  @Test
  void zeroStatusAndRdrAreWrittenButZeroQosIsNot() {
    Message m = Message.builder().type(MessageType.SIMPLE_EVENT).status(0)
        .requestDeliveryResponse(0).qualityOfService(0).build();

    assertThat(Format.MSGPACK.encode(m)).isEqualTo(MsgpackBytes.of().fixmap(3)
        .str("msg_type").raw(0x04).str("status").raw(0x00).str("rdr").raw(0x00).bytes());
  }

  @Test
  void keysInAnyOrderDecode() {
    byte[] shuffled = MsgpackBytes.of().fixmap(5)
        .str("qos").raw(30)
        .str("payload").bin8(PAYLOAD)
        .str("dest").str("event:device-status/mac:112233445566/online")
        .str("status").raw(0xcc, 200)
        .str("msg_type").raw(0x04)
        .bytes();

    assertThat(Format.MSGPACK.decode(shuffled)).isEqualTo(Message.builder()
        .type(MessageType.SIMPLE_EVENT).qualityOfService(30).payload(PAYLOAD)
        .destination("event:device-status/mac:112233445566/online").status(200).build());
  }

  @Test
  void unknownKeysOfEveryTypeAreSkipped() {
    byte[] withUnknowns = MsgpackBytes.of().fixmap(12)
        .str("traces").fixarray(2)
        .fixarray(3).str("talaria-send").str("1732269600").str("1200")
        .fixarray(3).str("talaria-recv").str("1732269601").str("7")
        .str("msg_type").raw(0x04)
        .str("nested").fixmap(1).str("inner").fixmap(1).str("deeper").fixarray(1).nil()
        .str("float32").raw(0xca, 0x3f, 0x80, 0x00, 0x00)
        .str("float64").raw(0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0)
        .str("bool").raw(0xc3)
        .str("fixext4").raw(0xd6, 0x01, 1, 2, 3, 4)
        .str("ext8").raw(0xc7, 0x02, 0x05, 0xaa, 0xbb)
        .str("bin").bin16(new byte[300])
        .str("int64").raw(0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0)
        .str("source").str("mac:112233445566")
        .raw(0xc4, 0x03).raw("bin".getBytes(StandardCharsets.US_ASCII)).str("key as bin")
        .bytes();

    assertThat(Format.MSGPACK.decode(withUnknowns)).isEqualTo(Message.builder()
        .type(MessageType.SIMPLE_EVENT).source("mac:112233445566").build());
  }

  @Test
  void payloadAsStrIsAccepted() {
    byte[] bytes = MsgpackBytes.of().fixmap(2).str("msg_type").raw(0x04)
        .str("payload").str("{\"a\":1}").bytes();

    assertThat(Format.MSGPACK.decode(bytes).payload())
        .isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodedListsAreUnmodifiableAtEveryLevel() {
    byte[] bytes = MsgpackBytes.of().fixmap(4).str("msg_type").raw(0x04)
        .str("headers").fixarray(2).str("X-A: 1").str("X-B: 2")
        .str("partner_ids").fixarray(1).str("comcast")
        .str("spans").fixarray(2).fixarray(3).str("a").str("1").str("2").fixarray(0)
        .bytes();

    Message m = Format.MSGPACK.decode(bytes);

    assertThat(m.headers()).containsExactly("X-A: 1", "X-B: 2");
    assertThatThrownBy(() -> m.headers().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.partnerIds().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.spans().add(List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.spans().get(0).add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nilMeansAbsentForEveryOptionalField() {
    byte[] bytes = MsgpackBytes.of().fixmap(10).str("msg_type").raw(0x04).str("spans").nil()
        .str("source").nil().str("status").nil().str("rdr").nil().str("headers").nil()
        .str("metadata").nil().str("payload").nil().str("partner_ids").nil().str("qos").nil()
        .bytes();

    assertThat(Format.MSGPACK.decode(bytes))
        .isEqualTo(Message.builder().type(MessageType.SIMPLE_EVENT).build());
  }

  @Test
  void aRepeatedKeyTakesTheLastValue() {
    byte[] bytes = MsgpackBytes.of().fixmap(3).str("msg_type").raw(0x04)
        .str("source").str("first").str("source").str("second").bytes();

    assertThat(Format.MSGPACK.decode(bytes).source()).isEqualTo("second");
  }

  static Stream<Arguments> integerForms() {
    return Stream.of(
        Arguments.of("positive fixint", new int[] {0x7f}, 127L),
        Arguments.of("negative fixint", new int[] {0xe0}, -32L),
        Arguments.of("uint8", new int[] {0xcc, 0xff}, 255L),
        Arguments.of("uint16", new int[] {0xcd, 0xff, 0xff}, 65535L),
        Arguments.of("uint32", new int[] {0xce, 0xff, 0xff, 0xff, 0xff}, 4294967295L),
        Arguments.of("uint64", new int[] {0xcf, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
            Long.MAX_VALUE),
        Arguments.of("int8", new int[] {0xd0, 0x80}, -128L),
        Arguments.of("int16", new int[] {0xd1, 0x80, 0x00}, -32768L),
        Arguments.of("int32", new int[] {0xd2, 0x80, 0x00, 0x00, 0x00}, (long) Integer.MIN_VALUE),
        Arguments.of("int64", new int[] {0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0}, Long.MIN_VALUE),
        Arguments.of("int16 holding a small value", new int[] {0xd1, 0x00, 0xc8}, 200L));
  }

  @ParameterizedTest(name = "status as {0}")
  @MethodSource("integerForms")
  void statusDecodesFromEveryIntegerForm(String form, int[] encoded, long expected) {
    byte[] bytes = MsgpackBytes.of().fixmap(2).str("msg_type").raw(0x04)
        .str("status").raw(encoded).bytes();

    assertThat(Format.MSGPACK.decode(bytes).status()).hasValue(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("integerForms")
  void statusSurvivesEncoding(String form, int[] encoded, long value) {
    Message m = Message.builder().type(MessageType.SIMPLE_EVENT).status(value).build();

    assertThat(Format.MSGPACK.decode(Format.MSGPACK.encode(m))).isEqualTo(m);
  }

  @Test
  void msgTypeAndQosDecodeFromWideIntegerForms() {
    byte[] bytes = MsgpackBytes.of().fixmap(2)
        .str("msg_type").raw(0xcf, 0, 0, 0, 0, 0, 0, 0, 0x08)
        .str("qos").raw(0xd2, 0, 0, 0, 75).bytes();

    Message m = Format.MSGPACK.decode(bytes);

    assertThat(m.type()).isEqualTo(MessageType.DELETE);
    assertThat(m.qualityOfService()).isEqualTo(75);
  }

  @Test
  void stringsInStr16AndStr32FormsDecode() {
    String long1 = "a".repeat(300);
    byte[] bytes = MsgpackBytes.of().fixmap(3).str("msg_type").raw(0x04)
        .str("source").str16(long1).str("dest").str32("event:x").bytes();

    Message m = Format.MSGPACK.decode(bytes);

    assertThat(m.source()).isEqualTo(long1);
    assertThat(m.destination()).isEqualTo("event:x");
  }

  @Test
  void nonAsciiTextSurvivesEncoding() {
    Message m = Message.builder().type(MessageType.SIMPLE_EVENT).source("dns:ünïcødé.example")
        .metadata(Map.of("emoji", "\uD83D\uDE00 ok", "€", "ʕ•ᴥ•ʔ")).build();

    byte[] encoded = Format.MSGPACK.encode(m);

    assertThat(Format.MSGPACK.decode(encoded)).isEqualTo(m);
    assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("dns:ünïcødé.example");
  }

  @Test
  void unpairedSurrogateIsWrittenAsQuestionMark() {
    Message m = Message.builder().type(MessageType.SIMPLE_EVENT).source("a\uD800b").build();

    assertThat(Format.MSGPACK.decode(Format.MSGPACK.encode(m)).source()).isEqualTo("a?b");
  }

  static Stream<Arguments> sizeBoundaries() {
    return Stream.of(
        Arguments.of(15, 31, 255), Arguments.of(16, 32, 256), Arguments.of(17, 255, 65535),
        Arguments.of(70000, 256, 65536), Arguments.of(1, 65535, 70000),
        Arguments.of(2, 65536, 0));
  }

  @ParameterizedTest(name = "{0} headers, {1}-byte strings, {2}-byte payload")
  @MethodSource("sizeBoundaries")
  void everyLengthFormSurvivesEncoding(int headerCount, int stringLength, int payloadLength) {
    List<String> headers = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = 0; i < headerCount; i++) {
      headers.add("h" + i);
      metadata.put("k" + i, "v");
    }
    byte[] payload = new byte[payloadLength];
    Arrays.fill(payload, (byte) 7);
    Message m = Message.builder().type(MessageType.SIMPLE_EVENT).headers(headers)
        .metadata(metadata).source("s".repeat(stringLength)).payload(payload).build();

    byte[] encoded = Format.MSGPACK.encode(m);

    assertThat(Format.MSGPACK.decode(encoded)).isEqualTo(m);
    assertThat(msgpackCoreMap(encoded)).containsKeys("msg_type", "headers", "metadata", "source");
  }

  @Test
  void msgpackCoreReadsOurOutputWithTheSameFields() throws IOException {
    Map<String, Value> map = msgpackCoreMap(Format.MSGPACK.encode(fullMessage()));

    assertThat(map.keySet()).containsExactly("msg_type", "source", "dest", "transaction_uuid",
        "content_type", "accept", "status", "rdr", "headers", "metadata", "path", "payload",
        "service_name", "url", "partner_ids", "session_id", "qos");
    assertThat(map.get("status").asIntegerValue().toLong()).isEqualTo(200);
    assertThat(map.get("payload").asBinaryValue().asByteArray()).isEqualTo(PAYLOAD);
    assertThat(map.get("metadata").asMapValue().map()).hasSize(2);
  }

  @Test
  void weDecodeWhatMsgpackCoreWrites() throws IOException {
    MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
    p.packMapHeader(4);
    p.packString("msg_type").packInt(3);
    p.packString("source").packString("mac:112233445566");
    p.packString("status").packLong(-5_000_000_000L);
    p.packString("payload").packBinaryHeader(2).writePayload(new byte[] {9, 8});
    p.close();

    assertThat(Format.MSGPACK.decode(p.toByteArray())).isEqualTo(Message.builder()
        .type(MessageType.SIMPLE_REQUEST_RESPONSE).source("mac:112233445566")
        .status(-5_000_000_000L).payload(new byte[] {9, 8}).build());
  }

  @Test
  void encodedArrayHasExactlyTheEncodedLength() {
    byte[] encoded = Format.MSGPACK.encode(fullMessage());

    // the reader rejects trailing bytes, so an array with slack at its end would fail here
    assertThat(Format.MSGPACK.decode(encoded)).isEqualTo(fullMessage());
    assertThat(MsgpackValue.length(encoded, 0)).isEqualTo(encoded.length);
  }

  private static Map<String, Value> msgpackCoreMap(byte[] bytes) {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
      Map<String, Value> map = new LinkedHashMap<>();
      for (Map.Entry<Value, Value> e : u.unpackValue().asMapValue().entrySet()) {
        map.put(e.getKey().asStringValue().asString(), e.getValue());
      }
      assertThat(u.hasNext()).as("bytes after the map").isFalse();
      return map;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
