package io.wrpkafka.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Where one record of a message goes, as decided by {@link Router#route}.
 *
 * @param topic the Kafka topic
 * @param key the record key (the route's partition key), or null when the message has none
 * @param headers the record headers in configured order; immutable
 * @param shardStrategy the route's strategy label: {@code single}, {@code roundrobin}, {@code
 *     deviceid} or {@code metadata}; a hashed strategy keeps its label when a missing value made
 *     it fall back to round-robin
 * @param eventType the message's event type ({@code online}/{@code offline} for Talaria
 *     lifecycle events), or {@code ""} when the destination is not an event, as in the Go
 *     implementation
 */
public record Destination(
    String topic, String key, List<Header> headers, String shardStrategy, String eventType) {
  /** Creates a destination; all parts but {@code key} are required. */
  public Destination {
    Objects.requireNonNull(topic, "topic");
    // Router's HeaderList is immutable once handed out: keep it rather than copy it per record.
    headers = headers instanceof HeaderList ? headers : List.copyOf(headers);
    Objects.requireNonNull(shardStrategy, "shardStrategy");
    Objects.requireNonNull(eventType, "eventType");
  }

  /**
   * The key of header {@code index}, as {@code headers().get(index).key()} but without making a
   * {@link Header}. Thread-safe; allocates nothing.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < headers().size()}
   */
  public String headerKey(int index) {
    return headers instanceof HeaderList list ? list.key(index) : headers.get(index).key();
  }

  /**
   * The value of header {@code index} as UTF-8 bytes, the form a Kafka record carries. For
   * headers made by {@link Router} the array is the router's own, not a copy: the same for every
   * destination of one message and, for a header with a fixed value (a literal, {@code wrp.Type},
   * {@code wrp.QualityOfService}), for every message; callers must not modify it. For headers
   * given to the constructor, a new array on each call. Thread-safe.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < headers().size()}
   */
  public byte[] headerValueBytes(int index) {
    return headers instanceof HeaderList list
        ? list.valueBytes(index)
        : headers.get(index).value().getBytes(StandardCharsets.UTF_8);
  }
}
