package io.wrpkafka;

import java.util.Objects;

/**
 * What became of a failed record sent to the dead-letter topic, as reported to {@link
 * PublishListener#onDeadLetter}. The record's own failure was reported before, as a {@link
 * PublishEvent}.
 *
 * @param deadLetterTopic the dead-letter topic
 * @param originalTopic the topic the record failed on ({@code ""} for a message that matched no
 *     route)
 * @param errorType why the record failed (its {@code dlq.error_type} header)
 * @param qos the message's quality of service
 * @param error null when the dead-letter topic acknowledged the record; otherwise why it did not,
 *     with error type {@link ErrorType#DEAD_LETTER_FAILED} (the record is then lost)
 */
public record DeadLetterEvent(
    String deadLetterTopic,
    String originalTopic,
    ErrorType errorType,
    int qos,
    PublishException error) {

  /** Rejects null topics and error type. */
  public DeadLetterEvent {
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(originalTopic, "originalTopic");
    Objects.requireNonNull(errorType, "errorType");
  }

  /** Whether the dead-letter topic acknowledged the record. */
  public boolean isWritten() {
    return error == null;
  }
}
