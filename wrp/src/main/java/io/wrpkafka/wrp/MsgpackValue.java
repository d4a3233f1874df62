package io.wrpkafka.wrp;

import java.util.Objects;

/**
 * Where a msgpack value ends, for input that holds several in a row (a batch of WRP messages, as
 * the bridge takes them). Walks the value with the same strict reader {@link Format#MSGPACK}
 * decodes with, without decoding it. Stateless and thread-safe.
 */
public final class MsgpackValue {
  private MsgpackValue() {}

  /**
   * The number of bytes of the one msgpack value (of any type) that starts at {@code offset}.
   * Does not allocate beyond a small reader; never reads past {@code bytes.length}.
   *
   * @throws WrpFormatException if the value is truncated, uses the reserved type byte {@code
   *     0xc1} or nests deeper than 32 levels; the message names the byte offset
   * @throws IndexOutOfBoundsException if {@code offset} is not within {@code bytes}
   * @throws NullPointerException if {@code bytes} is null
   */
  public static int length(byte[] bytes, int offset) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkIndex(offset, bytes.length);
    return MsgpackReader.valueLength(bytes, offset);
  }
}
