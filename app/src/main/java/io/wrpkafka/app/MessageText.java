package io.wrpkafka.app;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * WRP messages for people: input in either format, output as JSON with a readable payload.
 * Pure; thread-safe.
 */
final class MessageText {
  private MessageText() {}

  /**
   * The format of {@code bytes}: JSON when the first non-blank byte is <code>{</code>, else
   * msgpack (a msgpack map never starts with that byte).
   */
  static Format detect(byte[] bytes) {
    for (byte b : bytes) {
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      return b == '{' ? Format.JSON : Format.MSGPACK;
    }
    return Format.MSGPACK;
  }

  /**
   * {@code message} as a JSON object with wrp-go's keys. The payload is shown as JSON when it is
   * JSON, as text when it is other UTF-8 text ({@code payload}), else as base64 ({@code
   * payload_base64}).
   */
  static JsonObject toJson(Message message) {
    JsonObject json = new JsonObject(new String(Format.JSON.encode(message), StandardCharsets.UTF_8));
    json.remove("payload");
    byte[] payload = message.payload();
    if (payload.length == 0) {
      return json;
    }
    String text = utf8(payload);
    if (text == null) {
      json.put("payload_base64", java.util.Base64.getEncoder().encodeToString(payload));
      return json;
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        json.put("payload", Json.decodeValue(trimmed));
        return json;
      } catch (DecodeException e) {
        // not JSON after all: shown as text
      }
    }
    json.put("payload", text);
    return json;
  }

  private static String utf8(byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
          return null;
        }
      }
      return text;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
