package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTextTest {
  private static Message withPayload(byte[] payload) {
    return Message.builder().type(MessageType.SIMPLE_EVENT).source("mac:112233445566")
        .destination("event:x/mac:112233445566").payload(payload).build();
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource({"'{\"msg_type\":4}', JSON", "'  \n{}', JSON", "'\u0084', MSGPACK", "'', MSGPACK"})
  void formatIsDetectedFromTheFirstByte(String text, Format expected) {
    assertThat(MessageText.detect(text.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(expected);
  }

  @Test
  void jsonPayloadIsShownAsJson() {
    JsonObject json = MessageText.toJson(withPayload("{\"id\": 7}".getBytes(StandardCharsets.UTF_8)));

    assertThat(json.getJsonObject("payload").getInteger("id")).isEqualTo(7);
  }

  @Test
  void textPayloadIsShownAsText() {
    JsonObject json = MessageText.toJson(withPayload("hello\nworld".getBytes(StandardCharsets.UTF_8)));

    assertThat(json.getString("payload")).isEqualTo("hello\nworld");
  }

  @Test
  void binaryPayloadIsShownAsBase64() {
    JsonObject json = MessageText.toJson(withPayload(new byte[] {0, (byte) 0xff}));

    assertThat(json.getString("payload_base64")).isEqualTo("AP8=");
    assertThat(json.containsKey("payload")).isFalse();
  }
}
