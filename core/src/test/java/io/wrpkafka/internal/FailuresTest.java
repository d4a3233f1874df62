package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {

  static Stream<Arguments> clientExceptions() {
    return Stream.of(
        Arguments.of(new SaslAuthenticationException("bad credentials"),
            ErrorType.AUTHENTICATION_ERROR, false),
        Arguments.of(new SslAuthenticationException("handshake"),
            ErrorType.AUTHENTICATION_ERROR, false),
        Arguments.of(new TopicAuthorizationException("denied"),
            ErrorType.AUTHORIZATION_ERROR, false),
        Arguments.of(new ClusterAuthorizationException("denied"),
            ErrorType.AUTHORIZATION_ERROR, false),
        Arguments.of(new RecordTooLargeException("big"), ErrorType.RECORD_TOO_LARGE, false),
        Arguments.of(new RecordBatchTooLargeException("big"), ErrorType.RECORD_TOO_LARGE, false),
        Arguments.of(new NotEnoughReplicasException("isr"), ErrorType.NOT_ENOUGH_REPLICAS, true),
        Arguments.of(new NotEnoughReplicasAfterAppendException("isr"),
            ErrorType.NOT_ENOUGH_REPLICAS, true),
        Arguments.of(new UnknownTopicOrPartitionException("gone"), ErrorType.TOPIC_NOT_FOUND,
            true),
        Arguments.of(new UnknownTopicIdException("deleted"), ErrorType.TOPIC_NOT_FOUND, true),
        Arguments.of(new InvalidTopicException("bad name"), ErrorType.TOPIC_NOT_FOUND, false),
        Arguments.of(new TimeoutException("expired"), ErrorType.TIMEOUT, true),
        Arguments.of(new NetworkException("reset"), ErrorType.BROKER_ERROR, true),
        Arguments.of(new NotLeaderOrFollowerException("moved"), ErrorType.BROKER_ERROR, true),
        Arguments.of(new CorruptRecordException("crc"), ErrorType.BROKER_ERROR, true),
        Arguments.of(new UnsupportedVersionException("old"), ErrorType.BROKER_ERROR, false),
        Arguments.of(new SerializationException("bytes"), ErrorType.BROKER_ERROR, false),
        Arguments.of(new KafkaException("closed"), ErrorType.BROKER_ERROR, false),
        Arguments.of(new IllegalStateException("closed"), ErrorType.BROKER_ERROR, false));
  }

  @ParameterizedTest(name = "{0} is {1}, retryable {2}")
  @MethodSource("clientExceptions")
  void clientExceptionsAreClassifiedByTheirClass(
      Exception exception, ErrorType type, boolean retryable) {
    PublishException error = Failures.classify("t", exception, false);

    assertThat(error.errorType()).isEqualTo(type);
    assertThat(error.retryable()).isEqualTo(retryable);
    assertThat(error).hasCause(exception);
  }

  @Test
  void theMessageNamesTheTopicAndTheClientException() {
    PublishException error =
        Failures.classify("device-events", new NotEnoughReplicasException("2 of 3"), false);

    assertThat(error)
        .hasMessage(
            "record for topic device-events failed: NotEnoughReplicasException: 2 of 3");
  }

  @Test
  void aClosingProducersFailuresArePublisherClosedWhileStopping() {
    assertThat(Failures.classify("t", new IllegalStateException("closed"), true).errorType())
        .isEqualTo(ErrorType.PUBLISHER_CLOSED);
    assertThat(Failures.classify("t", new KafkaException("forcefully"), true).errorType())
        .isEqualTo(ErrorType.PUBLISHER_CLOSED);
    assertThat(Failures.classify("t", new TimeoutException("expired"), true).errorType())
        .isEqualTo(ErrorType.TIMEOUT);
  }

  @Test
  void aPublishExceptionStaysAsItIs() {
    PublishException own = new PublishException(ErrorType.TOPIC_NOT_FOUND, "missing");

    assertThat(Failures.classify("t", own, false)).isSameAs(own);
  }

  @Test
  void messageTextNeverDecides() {
    PublishException error =
        Failures.classify("t", new KafkaException("Authentication failed: timeout"), false);

    assertThat(error.errorType()).isEqualTo(ErrorType.BROKER_ERROR);
  }
}
