package io.wrpkafka.internal;

import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DeadLetterEvent;
import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import io.wrpkafka.routing.Destination;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/*
 * The failure stage of the dead-letter topic. A record that failed for good (every failure that
 * reaches completion is final: the client has retried what it could) and whose QoS the
 * dead-letter config covers is produced again, to the dead-letter topic, through the lanes like
 * any record: the client's callback thread must not call send(), which may block on metadata.
 *
 * The dead-letter record has the original key (so one device's failed records stay in order in
 * one dead-letter partition), the original value bytes and headers, and the dlq.* headers. It
 * keeps the failed record's buffer room until the dead-letter topic answers, so a failing topic
 * slows producers down instead of growing an unbounded backlog. Its completion is this stage's
 * own, never Outcomes: a dead-letter record that fails is reported as dead_letter_failed and is
 * never dead-lettered again.
 *
 * The config is read when a record fails, so a hot reload that changes the topic applies to the
 * next failure. Only records admitted while a dead-letter topic covered their QoS kept their
 * value bytes (PendingRecord.keptRecord); others are reported and let go.
 */
/** Produces records that failed for good to the dead-letter topic. Thread-safe; never blocks. */
public final class DeadLetters implements FailureStage {
  /** Pinned header names (design contract §9). */
  public static final String REASON = "dlq.reason";
  public static final String ERROR_TYPE = "dlq.error_type";
  public static final String ORIGINAL_TOPIC = "dlq.original_topic";
  public static final String FIRST_ATTEMPT = "dlq.first_attempt";
  public static final String FAILED_AT = "dlq.failed_at";
  public static final String CLIENT_ID = "dlq.client_id";

  private final Supplier<Optional<DeadLetterConfig>> config;
  private final Lanes lanes;
  private final RecordBuffer buffer;
  private final EventDispatcher events;
  private final FailureLog failureLog;
  private final BooleanSupplier stopping;
  private final byte[] clientId;
  private final Clock clock;
  private final Vitals vitals;

  /**
   * @param config the dead-letter config in effect now
   * @param buffer where an unroutable message's dead-letter record takes its room
   * @param clientId the {@code dlq.client_id} header
   * @param vitals told of every record written to the dead-letter topic
   */
  public DeadLetters(
      Supplier<Optional<DeadLetterConfig>> config,
      Lanes lanes,
      RecordBuffer buffer,
      EventDispatcher events,
      FailureLog failureLog,
      BooleanSupplier stopping,
      String clientId,
      Clock clock,
      Vitals vitals) {
    this.config = config;
    this.lanes = lanes;
    this.buffer = buffer;
    this.events = events;
    this.failureLog = failureLog;
    this.stopping = stopping;
    this.clientId = clientId.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.vitals = vitals;
  }

  /** Whether a record of {@code qos} admitted now must keep its value for this stage. */
  public boolean covers(int qos) {
    Optional<DeadLetterConfig> current = config.get();
    return current.isPresent() && current.get().covers(qos);
  }

  @Override
  public boolean take(PendingRecord record, PublishException error, Runnable release) {
    Optional<DeadLetterConfig> current = config.get();
    ProducerRecord<byte[], byte[]> failed = record.keptRecord();
    if (current.isEmpty()
        || !current.get().covers(record.qos())
        || failed == null
        || error.errorType() == ErrorType.PUBLISHER_CLOSED) {
      return false;
    }
    List<Header> headers = new ArrayList<>();
    for (Header header : failed.headers()) {
      headers.add(header);
    }
    send(
        current.get().topic(),
        failed.key(),
        failed.value(),
        headers,
        record.destination(),
        record.qos(),
        record.startNanos(),
        error,
        release);
    return true;
  }

  /**
   * Dead-letters a message that matched no route, if the config asks for it ({@code
   * unroutable}). Takes room in the buffer without waiting; without room, the dead-letter write
   * fails ({@code dead_letter_failed}, reported). Never blocks.
   *
   * @param value the encoded message
   * @return whether the message went to the dead-letter stage
   */
  public boolean takeUnroutable(byte[] value, String eventType, int qos, long startNanos,
      PublishException error) {
    Optional<DeadLetterConfig> current = config.get();
    if (current.isEmpty() || !current.get().unroutable() || !current.get().covers(qos)) {
      return false;
    }
    String topic = current.get().topic();
    Destination destination = new Destination("", null, List.of(), "single", eventType);
    long size = value.length;
    if (!buffer.tryAcquire(size)) {
      reportFailure(topic, destination, qos, error,
          new PublishException(ErrorType.DEAD_LETTER_FAILED,
              "unroutable message not dead-lettered to " + topic + ": buffer full"));
      return true;
    }
    send(topic, null, value, new ArrayList<>(), destination, qos, startNanos, error,
        () -> buffer.release(size));
    return true;
  }

  private void send(
      String topic,
      byte[] key,
      byte[] value,
      List<Header> headers,
      Destination original,
      int qos,
      long startNanos,
      PublishException error,
      Runnable release) {
    Instant failedAt = clock.instant();
    Instant firstAttempt = failedAt.minusNanos(Math.max(0, System.nanoTime() - startNanos));
    headers.add(header(REASON, error.getMessage() == null ? "" : error.getMessage()));
    headers.add(header(ERROR_TYPE, error.errorType().label()));
    headers.add(header(ORIGINAL_TOPIC, original.topic()));
    headers.add(header(FIRST_ATTEMPT, firstAttempt.toString()));
    headers.add(header(FAILED_AT, failedAt.toString()));
    headers.add(new RecordHeader(CLIENT_ID, clientId));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, null, null, key, value, headers);
    Destination destination =
        new Destination(topic, null, List.of(), "single", original.eventType());
    lanes.enqueue(
        new PendingRecord(
            record,
            destination,
            qos,
            System.nanoTime(),
            0,
            null,
            false,
            (deadLetter, exception) -> {
              try {
                if (exception == null) {
                  vitals.deadLettered();
                  events.deadLetter(
                      new DeadLetterEvent(topic, original.topic(), error.errorType(), qos, null));
                } else {
                  PublishException cause =
                      Failures.classify(topic, exception, stopping.getAsBoolean());
                  reportFailure(topic, original, qos, error,
                      new PublishException(
                          ErrorType.DEAD_LETTER_FAILED,
                          "record for topic " + original.topic() + " (" + error.errorType().label()
                              + ") not dead-lettered: " + cause.getMessage(),
                          exception,
                          cause.retryable()));
                }
              } finally {
                release.run();
              }
            }));
  }

  private void reportFailure(String topic, Destination original, int qos,
      PublishException error, PublishException failure) {
    failureLog.failed(ErrorType.DEAD_LETTER_FAILED, topic, failure.getMessage());
    events.deadLetter(
        new DeadLetterEvent(topic, original.topic(), error.errorType(), qos, failure));
  }

  private static Header header(String key, String value) {
    return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
