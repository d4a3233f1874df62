package io.wrpkafka.wrp;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The wire formats of a WRP message, both using wrp-go's field names.
 *
 * <p>{@link #MSGPACK} is byte-compatible with wrp-go v3 and v5; {@link #JSON} is wrp-go's JSON
 * form with the payload in base64. Both are stateless and thread-safe.
 */
public enum Format {
  /**
   * msgpack, {@code application/msgpack}. {@link #encode(Message)} writes once into a scratch
   * buffer of the calling thread (a few KiB, kept for the thread's next message) and allocates
   * nothing but the exactly sized result. {@link #decode(byte[])} allocates the
   * message, its strings, payload and collections, each backed by bytes present in the input.
   */
  MSGPACK("application/msgpack") {
    @Override
    public byte[] encode(Message message) {
      return MsgpackWriter.encode(Objects.requireNonNull(message, "message"));
    }

    @Override
    public Message decode(byte[] bytes) {
      return new MsgpackReader(Objects.requireNonNull(bytes, "bytes")).readMessage();
    }
  },

  /**
   * JSON, {@code application/json}, as wrp-go writes it: the msgpack keys, empty fields omitted,
   * the payload as standard base64. Encoding allocates a growing buffer and the final array.
   */
  JSON("application/json") {
    @Override
    public byte[] encode(Message message) {
      return JsonCodec.encode(Objects.requireNonNull(message, "message"));
    }

    @Override
    public Message decode(byte[] bytes) {
      return JsonCodec.decode(Objects.requireNonNull(bytes, "bytes"));
    }
  };

  private final String contentType;

  Format(String contentType) {
    this.contentType = contentType;
  }

  /**
   * Encodes {@code message}. Never fails for a built message; strings holding unpaired UTF-16
   * surrogates are written with {@code ?} in their place, as {@link String#getBytes} does.
   *
   * @throws NullPointerException if {@code message} is null
   */
  public abstract byte[] encode(Message message);

  /**
   * Decodes one message that fills {@code bytes} exactly. Does not keep a reference to {@code
   * bytes}. Never hangs and never allocates more than the input could hold.
   *
   * @throws WrpFormatException for any malformed input (truncated, trailing bytes, wrong types,
   *     non-UTF-8 strings, out-of-range numbers, unknown {@code msg_type}), naming the field and
   *     the byte offset; no other exception escapes for bad input
   * @throws NullPointerException if {@code bytes} is null
   */
  public abstract Message decode(byte[] bytes);

  /** The media type: {@code application/msgpack} or {@code application/json}. */
  public String contentType() {
    return contentType;
  }

  /**
   * Returns the format whose {@link #contentType()} matches {@code contentType}, ignoring case and
   * parameters such as {@code ; charset=utf-8}; empty if none does.
   */
  public static Optional<Format> forContentType(String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
        .toLowerCase(Locale.ROOT);
    for (Format format : values()) {
      if (format.contentType.equals(type)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
