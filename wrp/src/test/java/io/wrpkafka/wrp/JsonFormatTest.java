package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Format.JSON: wrp-go's JSON form, strict decoding. */
class JsonFormatTest {

  private static final String FULL_JSON = "{\"msg_type\":5,\"source\":\"dns:scytale.example.com\","
      + "\"dest\":\"mac:112233445566/config\",\"transaction_uuid\":\"tx-1\","
      + "\"content_type\":\"application/octet-stream\",\"accept\":\"application/msgpack\","
      + "\"status\":200,\"rdr\":0,\"headers\":[\"X-A: 1\",\"X-B: 2\"],"
      + "\"metadata\":{\"/fw\":\"1.2\",\"/hw-deviceid\":\"mac:112233445566\"},"
      + "\"path\":\"/config/wifi\",\"payload\":\"AAEC/w==\",\"service_name\":\"config\","
      + "\"url\":\"tcp://127.0.0.1:6666\",\"partner_ids\":[\"comcast\"],\"session_id\":\"s-1\","
      + "\"qos\":99}";

  private static Message fullMessage() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("/fw", "1.2");
    metadata.put("/hw-deviceid", "mac:112233445566");
    return Message.builder().type(MessageType.CREATE).source("dns:scytale.example.com")
        .destination("mac:112233445566/config").transactionUuid("tx-1")
        .contentType("application/octet-stream").accept("application/msgpack").status(200)
        .requestDeliveryResponse(0).headers(List.of("X-A: 1", "X-B: 2")).metadata(metadata)
        .path("/config/wifi").payload(new byte[] {0, 1, 2, (byte) 0xff}).serviceName("config")
        .url("tcp://127.0.0.1:6666").partnerIds(List.of("comcast")).sessionId("s-1")
        .qualityOfService(99).build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encodingWritesWrpGoJsonWithBase64Payload() {
    assertThat(new String(Format.JSON.encode(fullMessage()), StandardCharsets.UTF_8))
        .isEqualTo(FULL_JSON);
  }

  @Test
  void decodingWrpGoJsonGivesEveryField() {
    assertThat(Format.JSON.decode(utf8(FULL_JSON))).isEqualTo(fullMessage());
  }

  @Test
  void emptyFieldsAreOmitted() {
    Message m = Message.builder().type(MessageType.SIMPLE_EVENT).status(0).build();

    assertThat(new String(Format.JSON.encode(m), StandardCharsets.UTF_8))
        .isEqualTo("{\"msg_type\":4,\"status\":0}");
  }

  @Test
  void anyKeyOrderUnknownFieldsAndNullsDecode() {
    String json = "{ \"traces\": [[\"a\",\"1\",\"2\"],{\"x\":[1.5,true,null]}], \"qos\": 30,"
        + " \"spans\": null, \"source\": null, \"payload\": null, \"status\": null, \"headers\": null,"
        + " \"metadata\": null, \"partner_ids\": null, \"msg_type\": 4,"
        + " \"dest\": \"event:device-status/mac:112233445566/online\" }";

    assertThat(Format.JSON.decode(utf8(json))).isEqualTo(Message.builder()
        .type(MessageType.SIMPLE_EVENT).qualityOfService(30)
        .destination("event:device-status/mac:112233445566/online").build());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"talaria-online-v3", "telemetry-qos30", "create-qos99"})
  void everyTruncationOfAVectorAsJsonIsRejected(String name) {
    byte[] whole = Format.JSON.encode(Format.MSGPACK.decode(VectorsTest.resource(name
        + ".msgpack")));
    for (int length = 0; length < whole.length; length++) {
      byte[] prefix = Arrays.copyOf(whole, length);
      assertThatThrownBy(() -> Format.JSON.decode(prefix))
          .as("prefix of %d bytes", length)
          .isExactlyInstanceOf(WrpFormatException.class);
    }
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        Arguments.of("empty input", "", "message: expected object, found end of input"),
        Arguments.of("top level array", "[]", "message: expected object, found array at offset 0"),
        Arguments.of("top level string", "\"x\"", "message: expected object, found string"),
        Arguments.of("not JSON", "msgpack?", "message: invalid JSON"),
        Arguments.of("cut short", "{\"msg_type\":4", "message: invalid JSON"),
        Arguments.of("msg_type missing", "{\"source\":\"x\"}", "msg_type: missing"),
        Arguments.of("msg_type unknown", "{\"msg_type\":1}",
            "msg_type: unknown code 1 (expected 2 to 11) at offset 12"),
        Arguments.of("msg_type null", "{\"msg_type\":null}", "msg_type: unknown code null"),
        Arguments.of("msg_type string", "{\"msg_type\":\"4\"}",
            "msg_type: expected integer, found string at offset 12"),
        Arguments.of("source number", "{\"msg_type\":4,\"source\":5}",
            "source: expected string, found integer at offset 23"),
        Arguments.of("status float", "{\"msg_type\":4,\"status\":1e3}",
            "status: expected integer, found number at offset 23"),
        Arguments.of("status too big", "{\"msg_type\":4,\"status\":99999999999999999999}",
            "status: 99999999999999999999 does not fit a signed 64-bit integer at offset 23"),
        Arguments.of("qos above 99", "{\"msg_type\":4,\"qos\":1000}",
            "qos: 1000 is out of range (expected 0 to 99) at offset 20"),
        Arguments.of("headers object", "{\"msg_type\":4,\"headers\":{}}",
            "headers: expected array, found object at offset 24"),
        Arguments.of("headers element number", "{\"msg_type\":4,\"headers\":[\"a\",2]}",
            "headers[1]: expected string, found integer at offset 29"),
        Arguments.of("metadata array", "{\"msg_type\":4,\"metadata\":[]}",
            "metadata: expected object, found array at offset 25"),
        Arguments.of("metadata value number", "{\"msg_type\":4,\"metadata\":{\"fw\":5}}",
            "metadata[\"fw\"]: expected string, found integer at offset 31"),
        Arguments.of("spans object", "{\"msg_type\":4,\"spans\":{}}",
            "spans: expected array, found object at offset 22"),
        Arguments.of("span string", "{\"msg_type\":4,\"spans\":[[\"a\"],\"b\"]}",
            "spans[1]: expected array, found string at offset 29"),
        Arguments.of("span value number", "{\"msg_type\":4,\"spans\":[[\"a\",1200]]}",
            "spans[0][1]: expected string, found integer at offset 28"),
        Arguments.of("span value array", "{\"msg_type\":4,\"spans\":[[[\"a\"]]]}",
            "spans[0][0]: expected string, found array at offset 24"),
        Arguments.of("payload not base64", "{\"msg_type\":4,\"payload\":\"!!!!\"}",
            "payload: invalid base64 at offset 24"),
        Arguments.of("payload number", "{\"msg_type\":4,\"payload\":7}",
            "payload: expected base64 string, found integer at offset 24"),
        Arguments.of("trailing garbage", "{\"msg_type\":4} x", "message: invalid JSON"),
        Arguments.of("second object", "{\"msg_type\":4}{}",
            "message: trailing content after the JSON object at offset 14"),
        Arguments.of("deep nesting", "{\"x\":" + "[".repeat(5000), "message: invalid JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void malformedJsonIsRejectedWithWhatAndWhere(String name, String json, String fragment) {
    assertThatThrownBy(() -> Format.JSON.decode(utf8(json)))
        .isExactlyInstanceOf(WrpFormatException.class)
        .hasMessageContaining(fragment);
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] json = MsgpackBytes.of().raw(utf8("{\"msg_type\":4,\"source\":\"")).raw(0xc3, 0x28)
        .raw(utf8("\"}")).bytes();

    assertThatThrownBy(() -> Format.JSON.decode(json))
        .isExactlyInstanceOf(WrpFormatException.class)
        .hasMessageContaining("invalid JSON")
        .hasMessageContaining("UTF-8");
  }

  @Test
  void errorMessageNeverEchoesThePayload() {
    String json = "{\"payload\":\"c2VjcmV0LXBheWxvYWQ=\",\"qos\":500}";

    assertThatThrownBy(() -> Format.JSON.decode(utf8(json)))
        .isInstanceOf(WrpFormatException.class)
        .message().doesNotContain("c2VjcmV0");
  }

  @Test
  void contentTypesAreTheWrpMediaTypes() {
    assertThat(Format.MSGPACK.contentType()).isEqualTo("application/msgpack");
    assertThat(Format.JSON.contentType()).isEqualTo("application/json");
    assertThat(Format.forContentType("Application/JSON; charset=utf-8")).contains(Format.JSON);
    assertThat(Format.forContentType("application/msgpack")).contains(Format.MSGPACK);
    assertThat(Format.forContentType("text/plain")).isEmpty();
  }
}
