package io.wrpkafka.app.bridge;

import io.wrpkafka.wrp.MsgpackValue;
import io.wrpkafka.wrp.WrpFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a batch body into its messages' bytes: NDJSON by line (blank lines skipped), msgpack by
 * walking each top-level value. Pure; allocates a copy per item.
 */
final class BatchItems {
  private BatchItems() {}

  /** One message's bytes, or why it could not be cut out of the body. */
  record Item(byte[] bytes, String error) {}

  static List<Item> split(byte[] body, BodyType type) {
    return type == BodyType.MSGPACK ? msgpack(body) : lines(body);
  }

  private static List<Item> lines(byte[] body) {
    List<Item> items = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i;
        if (end > start && body[end - 1] == '\r') {
          end--;
        }
        if (!isBlank(body, start, end)) {
          items.add(new Item(Arrays.copyOfRange(body, start, end), null));
        }
        start = i + 1;
      }
    }
    return items;
  }

  private static boolean isBlank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      if (body[i] != ' ' && body[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Cuts concatenated msgpack values with the wrp module's reader ({@link MsgpackValue}), the
   * same one that decodes them. A value whose structure is broken (truncated, or not a value at
   * all) leaves no way to find where the next one starts, so it ends the batch with one error
   * item; a value that is well-formed msgpack but not a valid WRP message is an item of its own
   * and fails alone when decoded.
   */
  private static List<Item> msgpack(byte[] body) {
    List<Item> items = new ArrayList<>();
    int start = 0;
    while (start < body.length) {
      int length;
      try {
        length = MsgpackValue.length(body, start);
      } catch (WrpFormatException e) {
        items.add(
            new Item(
                null,
                "malformed msgpack at byte offset " + start + " (" + e.getMessage()
                    + "); the rest of the body (" + (body.length - start)
                    + " bytes) was not read"));
        return items;
      }
      items.add(new Item(Arrays.copyOfRange(body, start, start + length), null));
      start += length;
    }
    return items;
  }
}
