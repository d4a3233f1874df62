package io.wrpkafka.app;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record read from a dead-letter topic, split into what the publisher originally produced (key,
 * value, headers) and the {@code dlq.*} headers it added when the record failed for good.
 *
 * @param key the original key, null when the record had none
 * @param value the original value (the WRP msgpack bytes), unchanged; null for a tombstone
 * @param originalHeaders the headers without any {@code dlq.*} header, in their order
 * @param originalTopic {@code dlq.original_topic}: empty for a message that matched no route,
 *     null when the header is missing (the record is not a dead-letter record)
 * @param errorType {@code dlq.error_type}, empty when missing
 * @param failedAt {@code dlq.failed_at}, null when missing or not an ISO-8601 instant
 */
record DeadLetterRecord(
    byte[] key,
    byte[] value,
    List<Header> originalHeaders,
    String originalTopic,
    String errorType,
    Instant failedAt) {

  /** The prefix of the headers the dead-letter topic adds; none of them is replayed. */
  static final String HEADER_PREFIX = "dlq.";
  static final String ORIGINAL_TOPIC = "dlq.original_topic";
  static final String ERROR_TYPE = "dlq.error_type";
  static final String FAILED_AT = "dlq.failed_at";

  DeadLetterRecord {
    originalHeaders = List.copyOf(originalHeaders);
  }

  /** Reads {@code record}'s headers; keeps references to its key, value and headers. */
  static DeadLetterRecord of(ConsumerRecord<byte[], byte[]> record) {
    List<Header> original = new ArrayList<>();
    String originalTopic = null;
    String errorType = "";
    String failedAt = null;
    for (Header header : record.headers()) {
      if (!header.key().startsWith(HEADER_PREFIX)) {
        original.add(header);
        continue;
      }
      String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
      switch (header.key()) {
        case ORIGINAL_TOPIC -> originalTopic = value;
        case ERROR_TYPE -> errorType = value;
        case FAILED_AT -> failedAt = value;
        default -> { }
      }
    }
    return new DeadLetterRecord(record.key(), record.value(), original, originalTopic, errorType,
        instant(failedAt));
  }

  /** Whether the message matched no route when it failed, so it has no topic to go back to. */
  boolean isUnroutable() {
    return originalTopic != null && originalTopic.isEmpty();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
