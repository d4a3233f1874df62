package io.wrpkafka;

import java.time.Duration;
import java.util.Objects;

/**
 * The final outcome of one Kafka record, as reported to a {@link PublishListener}.
 *
 * @param eventType the message's event type ({@code ""} when it has none or could not be routed)
 * @param topic the record's topic ({@code ""} when routing failed)
 * @param shardStrategy {@code single}, {@code roundrobin}, {@code deviceid}, {@code metadata}, or
 *     {@code ""} when routing failed
 * @param qos the message's quality of service
 * @param latency time from {@code produce} to the outcome (acknowledgement or failure)
 * @param errorType null on success
 * @param error the cause, null on success
 */
public record PublishEvent(
    String eventType,
    String topic,
    String shardStrategy,
    int qos,
    Duration latency,
    ErrorType errorType,
    Throwable error) {

  /** Rejects null strings and latency. */
  public PublishEvent {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(shardStrategy, "shardStrategy");
    Objects.requireNonNull(latency, "latency");
  }

  /** Whether the record was delivered (or, for QoS 0–24, sent without an error). */
  public boolean isSuccess() {
    return errorType == null;
  }
}
