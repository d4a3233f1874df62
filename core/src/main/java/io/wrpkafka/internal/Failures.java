package io.wrpkafka.internal;

import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/*
 * Classification follows the client's exception hierarchy only, never message text:
 *  - the type is the most specific family the exception belongs to;
 *  - retryable is Kafka's own verdict (RetriableException), except for the families that need a
 *    change before a retry can succeed (credentials, ACLs, size), which Kafka also never retries.
 * The table in core/README.md ("When Kafka says no") is this method in prose.
 */
/** Turns what the Kafka client reports into a {@link PublishException}. Pure; thread-safe. */
public final class Failures {
  private Failures() {}

  /**
   * The publish failure for {@code exception} on {@code topic}, with the client's exception as
   * its cause. A {@link PublishException} is returned as it is.
   *
   * @param stopping whether the publisher is stopping: the client then fails records with {@link
   *     IllegalStateException} or a plain {@link KafkaException}, which means {@code
   *     publisher_closed}
   */
  public static PublishException classify(String topic, Throwable exception, boolean stopping) {
    if (exception instanceof PublishException publishException) {
      return publishException;
    }
    ErrorType type = typeOf(exception, stopping);
    boolean retryable = exception instanceof RetriableException;
    String message =
        "record for topic " + topic + " failed: " + exception.getClass().getSimpleName()
            + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
    return new PublishException(type, message, exception, retryable);
  }

  /** The error type of a client exception. */
  static ErrorType typeOf(Throwable exception, boolean stopping) {
    if (exception instanceof AuthenticationException) {
      return ErrorType.AUTHENTICATION_ERROR;
    }
    if (exception instanceof AuthorizationException) {
      return ErrorType.AUTHORIZATION_ERROR;
    }
    if (exception instanceof RecordTooLargeException
        || exception instanceof RecordBatchTooLargeException) {
      return ErrorType.RECORD_TOO_LARGE;
    }
    if (exception instanceof NotEnoughReplicasException
        || exception instanceof NotEnoughReplicasAfterAppendException) {
      return ErrorType.NOT_ENOUGH_REPLICAS;
    }
    if (exception instanceof UnknownTopicOrPartitionException
        || exception instanceof UnknownTopicIdException
        || exception instanceof InvalidTopicException) {
      return ErrorType.TOPIC_NOT_FOUND;
    }
    if (exception instanceof TimeoutException) {
      return ErrorType.TIMEOUT;
    }
    if (stopping
        && (exception instanceof IllegalStateException
            || exception.getClass() == KafkaException.class)) {
      // A closing producer fails what it still holds with these two.
      return ErrorType.PUBLISHER_CLOSED;
    }
    return ErrorType.BROKER_ERROR;
  }
}
