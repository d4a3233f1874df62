package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * wrp v3's {@code spans} ([][]string) in both formats. The cases are wrp-go v3's own: its
 * messages_test.go uses {{"1","2"},{"3"}}, its wrphttp/headers_test.go {{"foo","bar","moo"},
 * {"goo","gar","hoo"}} and {{"foo","bar","graar"}}; Talaria sends [name, start, duration].
 */
class SpansTest {

  static Stream<Arguments> wrpGoSpanCases() {
    return Stream.of(
        Arguments.of("spans of two and one value (messages_test.go)",
            List.of(List.of("1", "2"), List.of("3"))),
        Arguments.of("two spans of three values (wrphttp headers_test.go)",
            List.of(List.of("foo", "bar", "moo"), List.of("goo", "gar", "hoo"))),
        Arguments.of("one span of three values (wrphttp headers_test.go)",
            List.of(List.of("foo", "bar", "graar"))),
        Arguments.of("Talaria's name, start, duration",
            List.of(List.of("talaria-send", "1732269600", "1200"))),
        Arguments.of("five values as wrp-go's doc comment lists them",
            List.of(List.of("parent", "name", "1732269600", "1200", "200"))),
        Arguments.of("an empty span", List.of(List.of())));
  }

  /** The wrp-go v3 message the cases travel in: metadata, then spans, in v3's key order. */
  private static Message message(List<List<String>> spans) {
    return Message.builder().type(MessageType.SIMPLE_REQUEST_RESPONSE).source("external.com")
        .metadata(Map.of("name", "value")).spans(spans).build();
  }

  private static byte[] messageAsWrpGoV3WritesIt(List<List<String>> spans) {
    MsgpackBytes b = MsgpackBytes.of().fixmap(4).str("msg_type").raw(0x03)
        .str("source").str("external.com")
        .str("metadata").fixmap(1).str("name").str("value")
        .str("spans").fixarray(spans.size());
    for (List<String> span : spans) {
      b.fixarray(span.size());
      span.forEach(b::str);
    }
    return b.bytes();
  }

  private static String messageAsJson(List<List<String>> spans) {
    StringBuilder json = new StringBuilder("{\"msg_type\":3,\"source\":\"external.com\","
        + "\"metadata\":{\"name\":\"value\"},\"spans\":[");
    for (int i = 0; i < spans.size(); i++) {
      json.append(i == 0 ? "[" : ",[");
      for (int j = 0; j < spans.get(i).size(); j++) {
        json.append(j == 0 ? "\"" : ",\"").append(spans.get(i).get(j)).append('"');
      }
      json.append(']');
    }
    return json.append("]}").toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrpGoSpanCases")
  void spansDecodeFromWrpGoV3Msgpack(String name, List<List<String>> spans) {
    assertThat(Format.MSGPACK.decode(messageAsWrpGoV3WritesIt(spans))).isEqualTo(message(spans));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrpGoSpanCases")
  void spansEncodeAfterMetadataAsWrpGoV3WritesThem(String name, List<List<String>> spans) {
    assertThat(Format.MSGPACK.encode(message(spans))).isEqualTo(messageAsWrpGoV3WritesIt(spans));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrpGoSpanCases")
  void spansEncodeAsJsonArraysOfStrings(String name, List<List<String>> spans) {
    assertThat(new String(Format.JSON.encode(message(spans)), StandardCharsets.UTF_8))
        .isEqualTo(messageAsJson(spans));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrpGoSpanCases")
  void spansDecodeFromJson(String name, List<List<String>> spans) {
    byte[] json = messageAsJson(spans).getBytes(StandardCharsets.UTF_8);

    assertThat(Format.JSON.decode(json)).isEqualTo(message(spans));
  }

  @Test
  void talariaVectorDecodesWithItsSpan() {
    Message decoded = Format.MSGPACK.decode(VectorsTest.resource("talaria-online-v3.msgpack"));

    assertThat(decoded.spans()).containsExactly(List.of("talaria-send", "1732269600", "1200"));
  }

  @Test
  void talariaVectorReencodesToItsOwnBytesExceptForKeyOrder() {
    byte[] original = VectorsTest.resource("talaria-online-v3.msgpack");
    Message decoded = Format.MSGPACK.decode(original);

    byte[] reencoded = Format.MSGPACK.encode(decoded);

    assertThat(reencoded).hasSameSizeAs(original);
    assertThat(msgpackCoreMap(reencoded)).isEqualTo(msgpackCoreMap(original));
  }

  @Test
  void aMessageWithoutSpansEncodesByteForByteAsWithoutTheSpansField() {
    Message withoutSpans = Message.builder().type(MessageType.SIMPLE_EVENT).source("dns:t")
        .metadata(Map.of("k", "v")).path("/p").qualityOfService(30).build();
    byte[] asV5WritesIt = MsgpackBytes.of().fixmap(5).str("msg_type").raw(0x04)
        .str("source").str("dns:t").str("metadata").fixmap(1).str("k").str("v")
        .str("path").str("/p").str("qos").raw(30).bytes();

    assertThat(Format.MSGPACK.encode(withoutSpans)).isEqualTo(asV5WritesIt);
    assertThat(Format.MSGPACK.encode(withoutSpans.toBuilder().spans(List.of()).build()))
        .isEqualTo(asV5WritesIt);
    assertThat(Format.JSON.encode(withoutSpans.toBuilder().spans(List.of()).build()))
        .isEqualTo(Format.JSON.encode(withoutSpans));
  }

  @Test
  void addingSpansInsertsOnlyTheSpansEntryAfterMetadata() {
    Message without = Message.builder().type(MessageType.SIMPLE_EVENT).source("dns:t")
        .metadata(Map.of("k", "v")).path("/p").build();
    byte[] spansEntry = MsgpackBytes.of().str("spans").fixarray(1).fixarray(1).str("s").bytes();
    byte[] plain = Format.MSGPACK.encode(without);
    int afterMetadata = plain.length - MsgpackBytes.of().str("path").str("/p").bytes().length;

    byte[] withSpans = Format.MSGPACK.encode(without.toBuilder()
        .spans(List.of(List.of("s"))).build());

    byte[] expected = MsgpackBytes.of().raw(plain[0] + 1)
        .raw(Arrays.copyOfRange(plain, 1, afterMetadata)).raw(spansEntry)
        .raw(Arrays.copyOfRange(plain, afterMetadata, plain.length)).bytes();
    assertThat(withSpans).isEqualTo(expected);
  }

  @Test
  void nilSpansSpanAndValueReadAsEmpty() {
    byte[] nilField = MsgpackBytes.of().fixmap(2).str("msg_type").raw(0x04)
        .str("spans").nil().bytes();
    byte[] nilInside = MsgpackBytes.of().fixmap(2).str("msg_type").raw(0x04)
        .str("spans").fixarray(2).nil().fixarray(2).nil().str("a").bytes();

    assertThat(Format.MSGPACK.decode(nilField).spans()).isEmpty();
    assertThat(Format.MSGPACK.decode(nilInside).spans())
        .containsExactly(List.of(), List.of("", "a"));
  }

  @Test
  void nullSpansSpanAndValueReadAsEmptyInJson() {
    byte[] nullField = "{\"msg_type\":4,\"spans\":null}".getBytes(StandardCharsets.UTF_8);
    byte[] nullInside = "{\"msg_type\":4,\"spans\":[null,[null,\"a\"]]}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(Format.JSON.decode(nullField).spans()).isEmpty();
    assertThat(Format.JSON.decode(nullInside).spans())
        .containsExactly(List.of(), List.of("", "a"));
  }

  @Test
  void wideSpansUseArray16AndStr8FormsAndTheExactSize() {
    List<List<String>> spans = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      spans.add(List.of("x".repeat(40), "é".repeat(200), Integer.toString(i)));
    }
    Message m = Message.builder().type(MessageType.SIMPLE_EVENT).spans(spans).build();

    byte[] encoded = Format.MSGPACK.encode(m);

    assertThat(Format.MSGPACK.decode(encoded)).isEqualTo(m);
    assertThat(msgpackCoreMap(encoded).get("spans").asArrayValue().size()).isEqualTo(20);
  }

  @Test
  void msgpackCoreReadsOurSpansAsArraysOfStr() {
    Message m = message(List.of(List.of("talaria-send", "1732269600", "1200"), List.of("x")));

    Value spans = msgpackCoreMap(Format.MSGPACK.encode(m)).get("spans");

    assertThat(spans.toJson()).isEqualTo("[[\"talaria-send\",\"1732269600\",\"1200\"],[\"x\"]]");
  }

  private static Map<String, Value> msgpackCoreMap(byte[] bytes) {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
      Map<String, Value> map = new java.util.HashMap<>();
      for (Map.Entry<Value, Value> e : u.unpackValue().asMapValue().entrySet()) {
        map.put(e.getKey().asStringValue().asString(), e.getValue());
      }
      return map;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
