package io.wrpkafka;

import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Records that fail for good reach the dead-letter topic, unchanged and explained. */
class DeadLetterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();
  private final List<PublishEvent> events = new CopyOnWriteArrayList<>();
  private final List<DeadLetterEvent> deadLetters = new CopyOnWriteArrayList<>();
  private final PublishListener listener =
      new PublishListener() {
        @Override
        public void onPublish(PublishEvent event) {
          events.add(event);
        }

        @Override
        public void onDeadLetter(DeadLetterEvent event) {
          deadLetters.add(event);
        }
      };

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  private static DynamicConfig routes(String topic, DeadLetterConfig deadLetter) {
    return DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("telemetry").topic(topic).build()))
        .headers(Map.of("X-Device", List.of("wrp.DeviceID"), "X-Origin", List.of("gateway")))
        .deadLetter(deadLetter)
        .build();
  }

  private static DeadLetterConfig deadLetterTo(String topic) {
    return DeadLetterConfig.builder().topic(topic).build();
  }

  private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }

  @Test
  void aRecordForAMissingTopicArrivesInTheDeadLetterTopicUnchangedWithEveryDlqHeader() {
    String missing = topic("dl-missing");
    String deadLetter = topic("dl-missing-dlq");
    kafka.createTopic(deadLetter, 1);
    PublisherConfig config =
        config(kafka, routes(missing, deadLetterTo(deadLetter)))
            .allowAutoTopicCreation(false)
            .build();
    Publisher publisher = publishers.started(config, listener);
    Message message = event(device(1), 50, 7);
    Instant before = Instant.now();

    ProduceResult result = publisher.produce(message);

    assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
    ConsumerRecord<byte[], byte[]> dead =
        KafkaRecords.readExactly(kafka.bootstrapServers(), deadLetter, 1, WAIT).get(0);
    assertThat(dead.value()).isEqualTo(Format.MSGPACK.encode(message));
    assertThat(Fixtures.key(dead)).isEqualTo("mac:" + device(1));
    Map<String, String> headers = headers(dead);
    assertThat(headers)
        .containsEntry("X-Device", device(1))
        .containsEntry("X-Origin", "gateway")
        .containsEntry("dlq.error_type", "topic_not_found")
        .containsEntry("dlq.original_topic", missing)
        .containsEntry("dlq.client_id", config.clientId());
    assertThat(headers.get("dlq.reason")).contains(missing).contains("does not exist");
    Instant firstAttempt = Instant.parse(headers.get("dlq.first_attempt"));
    Instant failedAt = Instant.parse(headers.get("dlq.failed_at"));
    assertThat(firstAttempt).isBetween(before.minusSeconds(1), failedAt);
    assertThat(failedAt).isBefore(Instant.now());
    assertThat(headers.get("dlq.failed_at")).endsWith("Z");
    await().atMost(WAIT).until(() -> deadLetters.size() == 1);
    assertThat(deadLetters.get(0))
        .isEqualTo(new DeadLetterEvent(deadLetter, missing, ErrorType.TOPIC_NOT_FOUND, 50, null));
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.errorType()).isEqualTo(ErrorType.TOPIC_NOT_FOUND);
      assertThat(((PublishException) event.error()).retryable()).isFalse();
    });
  }

  @Test
  void anOversizedRecordFailsAsRecordTooLargeAndIsDeadLetteredAtOnce() {
    String small = topic("dl-small");
    String deadLetter = topic("dl-small-dlq");
    kafka.createTopic(small, 1, 1, Map.of("max.message.bytes", "1024"));
    kafka.createTopic(deadLetter, 1);
    Publisher publisher =
        publishers.started(
            config(kafka, routes(small, deadLetterTo(deadLetter))).build(), listener);
    byte[] payload = new byte[4096];
    Arrays.fill(payload, (byte) 'x');
    Message large = event(device(2), 80, 1).toBuilder().payload(payload).build();
    long start = System.nanoTime();

    ProduceResult result = publisher.produce(large);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.RECORD_TOO_LARGE);
    assertThat(result.error().retryable()).isFalse();
    // Not retried until recordDeliveryTimeout (20 s here): the broker's answer is final.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    ConsumerRecord<byte[], byte[]> dead =
        KafkaRecords.readExactly(kafka.bootstrapServers(), deadLetter, 1, WAIT).get(0);
    assertThat(dead.value()).isEqualTo(Format.MSGPACK.encode(large));
    assertThat(headers(dead)).containsEntry("dlq.error_type", "record_too_large");
  }

  @Test
  void aRecordBelowMinQosIsReportedButNotDeadLettered() {
    String missing = topic("dl-low");
    String deadLetter = topic("dl-low-dlq");
    kafka.createTopic(deadLetter, 1);
    Publisher publisher =
        publishers.started(
            config(kafka, routes(missing, deadLetterTo(deadLetter)))
                .allowAutoTopicCreation(false)
                .build(),
            listener);

    publisher.produce(event(device(3), 10, 1));
    publisher.produce(event(device(3), 30, 2));

    List<ConsumerRecord<byte[], byte[]>> dead =
        KafkaRecords.readExactly(kafka.bootstrapServers(), deadLetter, 1, WAIT);
    assertThat(dead).hasSize(1);
    assertThat(Fixtures.seq(dead.get(0))).isEqualTo(2);
    await().atMost(WAIT).until(() -> events.size() == 2);
    assertThat(events).allSatisfy(e -> assertThat(e.errorType()).isEqualTo(ErrorType.TOPIC_NOT_FOUND));
  }

  @Test
  void anUnroutableMessageIsDeadLetteredWhenAskedWithNoTopicMatch() {
    String deadLetter = topic("dl-unroutable-dlq");
    kafka.createTopic(deadLetter, 1);
    Publisher publisher =
        publishers.started(
            config(kafka, routes(topic("dl-unused"),
                    DeadLetterConfig.builder().topic(deadLetter).unroutable(true).build()))
                .build(),
            listener);
    Message other = event(device(4), 60, 1).toBuilder().destination("event:other/x").build();

    ProduceResult result = publisher.produce(other);

    assertThat(result.error().errorType()).isEqualTo(ErrorType.NO_TOPIC_MATCH);
    ConsumerRecord<byte[], byte[]> dead =
        KafkaRecords.readExactly(kafka.bootstrapServers(), deadLetter, 1, WAIT).get(0);
    assertThat(dead.value()).isEqualTo(Format.MSGPACK.encode(other));
    assertThat(headers(dead))
        .containsEntry("dlq.error_type", "no_topic_match")
        .containsEntry("dlq.original_topic", "");
  }

  @Test
  void aDeadLetterWriteThatFailsIsReportedOnceAndNeverLoops() {
    String missing = topic("dl-nowhere");
    String missingDeadLetter = topic("dl-nowhere-dlq");
    Publisher publisher =
        publishers.started(
            config(kafka, routes(missing, deadLetterTo(missingDeadLetter)))
                .allowAutoTopicCreation(false)
                .build(),
            listener);

    publisher.produce(event(device(5), 50, 1));

    await().atMost(WAIT).until(() -> deadLetters.size() == 1);
    DeadLetterEvent failed = deadLetters.get(0);
    assertThat(failed.isWritten()).isFalse();
    assertThat(failed.errorType()).isEqualTo(ErrorType.TOPIC_NOT_FOUND);
    assertThat(failed.error().errorType()).isEqualTo(ErrorType.DEAD_LETTER_FAILED);
    assertThat(failed.error()).hasMessageContaining(missingDeadLetter);
    await().atMost(WAIT).until(() -> publisher.bufferState().records() == 0);
    assertThat(deadLetters).hasSize(1);
    assertThat(events).hasSize(1);
  }

  @Test
  void aDeadLetterTopicAddedByAHotReloadTakesTheNextFailures() {
    String missing = topic("dl-reload");
    String deadLetter = topic("dl-reload-dlq");
    kafka.createTopic(deadLetter, 1);
    Publisher publisher =
        publishers.started(
            config(kafka, routes(missing, null)).allowAutoTopicCreation(false).build(), listener);
    publisher.produce(event(device(6), 80, 1));

    publisher.updateConfig(publisher.dynamicConfig().toBuilder()
        .deadLetter(deadLetterTo(deadLetter)).build());
    publisher.produce(event(device(6), 80, 2));

    List<ConsumerRecord<byte[], byte[]>> dead =
        KafkaRecords.readExactly(kafka.bootstrapServers(), deadLetter, 1, WAIT);
    assertThat(dead).hasSize(1);
    assertThat(Fixtures.seq(dead.get(0))).isEqualTo(2);
  }
}
