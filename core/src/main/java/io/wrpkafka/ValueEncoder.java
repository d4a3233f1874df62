package io.wrpkafka;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.util.Objects;

/**
 * Turns a WRP message into the bytes of its Kafka record value. The publisher calls it once per
 * message, on the caller's thread, and gives the returned array to every record of that message:
 * the encoder must return a fresh array each call and must not keep or change it afterwards.
 *
 * <p>{@link #msgpack()} (the default, wrp-go's msgpack) and {@link #json()} (wrp-go's JSON) come
 * with the library; implement this interface for another encoding (protobuf, a schema registry's
 * framing). Implementations must be thread-safe. An exception thrown by {@link #encode} fails
 * that message with {@code encoding_error}; it does not stop the publisher.
 */
public interface ValueEncoder {

  /**
   * Encodes {@code message}. Must not return null and must not block for long: it runs on the
   * thread that called {@code produce}.
   */
  byte[] encode(Message message);

  /**
   * The media type of the encoded value, such as {@code application/msgpack}. Informational: the
   * publisher does not add it to records (set a literal {@code headers} entry to do so).
   */
  String contentType();

  /** wrp-go's msgpack ({@code application/msgpack}), the default. Allocates one exact array. */
  static ValueEncoder msgpack() {
    return FormatEncoder.MSGPACK;
  }

  /** wrp-go's JSON ({@code application/json}), the payload in base64. */
  static ValueEncoder json() {
    return FormatEncoder.JSON;
  }

  /** The encoder of one of the library's WRP {@link Format}s. */
  static ValueEncoder of(Format format) {
    return switch (Objects.requireNonNull(format, "format")) {
      case MSGPACK -> FormatEncoder.MSGPACK;
      case JSON -> FormatEncoder.JSON;
    };
  }
}
