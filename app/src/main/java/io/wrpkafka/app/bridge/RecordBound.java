package io.wrpkafka.app.bridge;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Routing;
import java.util.List;
import java.util.Map;

/**
 * An upper bound on the buffer room a request's messages can take in the publisher, from the
 * size of its body and the dynamic config, before anything is routed or encoded. Pure; immutable.
 *
 * <p>The publisher counts a record as its value plus its key plus each header's name and value
 * bytes. The value is the message re-encoded as msgpack: at most the body (msgpack or JSON) plus a
 * few bytes per field, bounded here by the body plus {@link #SLACK_BYTES}. The key and every
 * header value come from one field of the message or a configured literal, so each is at most
 * the body plus the literal. One record per destination: one with {@code routing: first}, at most
 * one per route with {@code routing: all}.
 *
 * @param recordsPerMessage records one message can make
 * @param headerValues configured header values (each may give one header per value of a
 *     multi-valued field, whose values together are at most the body)
 * @param headerChars the characters of every configured header name and value
 */
record RecordBound(int recordsPerMessage, int headerValues, long headerChars) {
  /** Per message and record: msgpack framing the body may not show, and a key's scheme. */
  static final long SLACK_BYTES = 64;

  /** The bound for messages routed with {@code config}. */
  static RecordBound of(DynamicConfig config) {
    int values = 0;
    long chars = 0;
    for (Map.Entry<String, List<String>> header : config.headers().entrySet()) {
      for (String value : header.getValue()) {
        values++;
        chars += header.getKey().length() + value.length();
      }
    }
    int fanOut = config.routing() == Routing.ALL ? Math.max(1, config.topicMap().size()) : 1;
    return new RecordBound(fanOut, values, chars);
  }

  /** Records {@code messages} messages can make. */
  long records(int messages) {
    return (long) recordsPerMessage * messages;
  }

  /**
   * Bytes {@code messages} messages whose bodies add up to {@code bodyBytes} can take: per record
   * the value, the key and the headers, each at most the body plus slack (a field's UTF-8 bytes
   * are in the body already), plus the literals at up to three UTF-8 bytes a character.
   */
  long bytes(long bodyBytes, int messages) {
    long perCopy = bodyBytes + SLACK_BYTES * messages;
    return recordsPerMessage * ((2L + headerValues) * perCopy + 3 * headerChars * messages);
  }
}
