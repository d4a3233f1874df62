package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Settings spelled as in the Go implementation mean the same against a real broker: {@code
 * maxRetries} -1 / n, {@code maxBufferedRecords} 0, {@code requestTimeout} 0, an unroutable QoS
 * 0–24 message, a header naming no WRP field.
 */
class GoCompatibleSettingsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();

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

  /*
   * A retriable refusal a single broker gives on demand: the topic of a record is deleted after
   * the producer cached its metadata, so the next produce request is answered "unknown topic or
   * partition" (or "not leader"), which the client retries when it may. (Too few in-sync replicas
   * would not do on one broker: Kafka 4 caps min.insync.replicas at the replication factor.) The
   * producer's own record-retry-total then says whether it re-sent the record.
   */
  private static void deleteAndWaitUntilGone(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers",
        kafka.bootstrapServers()))) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      await().atMost(WAIT).until(() -> !admin.listTopics().names().get().contains(topic));
    }
  }

  /** The producer's own count of records it re-sent ({@code record-retry-total}). */
  private static double retriedRecords(Publisher publisher) {
    for (Map.Entry<MetricName, ? extends Metric> metric : publisher.kafkaMetrics().entrySet()) {
      if (metric.getKey().name().equals("record-retry-total")
          && metric.getKey().group().equals("producer-metrics")) {
        return ((Number) metric.getValue().metricValue()).doubleValue();
      }
    }
    throw new AssertionError("the producer reports no record-retry-total");
  }

  @Test
  void maxRetriesMinusOneFailsARetriableRefusalWithoutRetrying() throws Exception {
    String topic = topic("no-retries");
    kafka.createTopic(topic, 1);
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).maxRetries(-1).build());
    assertThat(publisher.produce(event(device(1), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
    deleteAndWaitUntilGone(topic);

    ProduceResult result = publisher.produce(event(device(1), 80, 2));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().retryable()).as(result.error().toString()).isTrue();
    assertThat(retriedRecords(publisher)).isZero();
  }

  @Test
  void maxRetriesZeroRetriesTheSameRefusalUntilTheRecordGetsThrough() throws Exception {
    String topic = topic("unlimited-retries");
    kafka.createTopic(topic, 1);
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).maxRetries(0).build());
    assertThat(publisher.produce(event(device(1), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
    deleteAndWaitUntilGone(topic);

    // The client's metadata refresh re-creates the topic (allowAutoTopicCreation), so a retry
    // succeeds.
    ProduceResult result = publisher.produce(event(device(1), 80, 2));

    assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.ACCEPTED);
    assertThat(retriedRecords(publisher)).isGreaterThanOrEqualTo(1.0);
  }

  @ParameterizedTest(name = "unroutable QoS {0} is {1}")
  @CsvSource({"0, DROPPED", "24, DROPPED", "25, FAILED", "74, FAILED", "75, FAILED",
      "99, FAILED"})
  void unroutableMessageIsDroppedBelowQos25AndFailedFromIt(int qos, Outcome expected) {
    Publisher publisher = publishers.started(config(kafka, DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("telemetry").topic(topic("routed")).build()))
        .build()).build());
    Message unroutable = event(device(1), qos, 1).toBuilder()
        .destination("event:device-status/mac:" + device(1)).build();

    ProduceResult result = publisher.produce(unroutable);

    assertThat(result.outcome()).isEqualTo(expected);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.NO_TOPIC_MATCH);
  }

  @Test
  void maxBufferedRecordsZeroDeliversAndReportsNoRecordLimit() {
    String topic = topic("no-record-limit");
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).maxBufferedRecords(0).build());

    ProduceResult result = publisher.produce(event(device(1), 80, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(publisher.bufferState().maxRecords()).isZero();
    assertThat(publisher.bufferState().maxBytes()).isEqualTo(PublisherConfig.DEFAULT_MAX_BUFFERED_BYTES);
  }

  @Test
  void requestTimeoutZeroIsAcceptedByTheClientAndDelivers() {
    String topic = topic("no-request-timeout");
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).requestTimeout(Duration.ZERO).build());

    ProduceResult result = publisher.produce(event(device(1), 80, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(KafkaRecords.readExactly(kafka.bootstrapServers(), topic, 1, WAIT)).hasSize(1);
  }

  @Test
  void headerNamingNoWrpFieldIsLeftOutOfTheRecord() {
    String topic = topic("unknown-header");
    DynamicConfig dynamic = allTo(topic).toBuilder()
        .headers(Map.of("src", List.of("wrp.Source"), "nope", List.of("wrp.Nope")))
        .build();
    Publisher publisher = publishers.started(config(kafka, dynamic).build());

    assertThat(publisher.produce(event(device(1), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);

    ConsumerRecord<byte[], byte[]> record =
        KafkaRecords.readExactly(kafka.bootstrapServers(), topic, 1, WAIT).get(0);
    assertThat(record.headers().lastHeader("nope")).isNull();
    assertThat(new String(record.headers().lastHeader("src").value(), StandardCharsets.UTF_8))
        .isEqualTo("mac:" + device(1));
  }
}
