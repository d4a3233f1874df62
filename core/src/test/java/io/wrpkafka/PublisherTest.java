package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.decode;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.key;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publisher behaviour against one real broker: QoS outcomes, lifecycle, records, listeners. */
class PublisherTest {
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

  private List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) {
    return KafkaRecords.readExactly(kafka.bootstrapServers(), topic, expected, WAIT);
  }

  @Test
  void qos80IsAcceptedOnceTheBrokerAcknowledgedIt() {
    String topic = topic("accepted");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());

    ProduceResult result = publisher.produce(event(device(1), 80, 1));

    assertThat(result).isEqualTo(new ProduceResult(Outcome.ACCEPTED, null));
    assertThat(read(topic, 1)).hasSize(1);
  }

  @Test
  void qos50IsQueuedAndDeliveredLater() {
    String topic = topic("queued");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());

    ProduceResult result = publisher.produce(event(device(1), 50, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
    assertThat(read(topic, 1)).extracting(Fixtures::seq).containsExactly(1L);
  }

  @Test
  void qos10IsAttemptedAndDelivered() {
    String topic = topic("attempted");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());

    ProduceResult result = publisher.produce(event(device(1), 10, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.ATTEMPTED);
    assertThat(read(topic, 1)).extracting(Fixtures::seq).containsExactly(1L);
  }

  @Test
  void kafkaMetricsAreTheRunningProducersAndEmptyBeforeStart() {
    String topic = topic("metrics");
    Publisher publisher = publishers.built(config(kafka, allTo(topic)).build());
    assertThat(publisher.kafkaMetrics()).isEmpty();

    publisher.start();
    publisher.produce(event(device(1), 80, 1));

    assertThat(publisher.kafkaMetrics().keySet())
        .anySatisfy(name -> assertThat(name.name()).isEqualTo("record-send-total"));
  }

  @Test
  void produceAsyncCompletesAcceptedWhateverTheQos() throws Exception {
    String topic = topic("async");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());

    for (int qos : new int[] {0, 30, 90}) {
      assertThat(publisher.produceAsync(event(device(1), qos, qos)).get(20, TimeUnit.SECONDS))
          .isEqualTo(new ProduceResult(Outcome.ACCEPTED, null));
    }
  }

  @Test
  void qos10IsDroppedWhenTheBufferIsFull() {
    String topic = topic("dropped");
    DynamicConfig lingering = allTo(topic).toBuilder().linger(Duration.ofSeconds(10)).build();
    Publisher publisher =
        publishers.started(
            config(kafka, lingering)
                .maxBufferedRecords(1)
                .recordDeliveryTimeout(Duration.ofSeconds(30))
                .build());

    ProduceResult first = publisher.produce(event(device(1), 10, 1));
    ProduceResult second = publisher.produce(event(device(1), 10, 2));

    assertThat(first.outcome()).isEqualTo(Outcome.ATTEMPTED);
    assertThat(second.outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(second.error().errorType()).isEqualTo(ErrorType.BUFFER_FULL);
    assertThat(publisher.bufferState().records()).isEqualTo(1);
    assertThat(publisher.bufferState().maxRecords()).isEqualTo(1);
  }

  @Test
  void qos50WaitsWhileTheBufferIsFullThenIsQueued() {
    String topic = topic("full-wait");
    DynamicConfig lingering = allTo(topic).toBuilder().linger(Duration.ofSeconds(2)).build();
    Publisher publisher =
        publishers.started(
            config(kafka, lingering)
                .maxBufferedRecords(1)
                .recordDeliveryTimeout(Duration.ofSeconds(30))
                .build());
    assertThat(publisher.produce(event(device(1), 10, 1)).outcome()).isEqualTo(Outcome.ATTEMPTED);

    long start = System.nanoTime();
    ProduceResult waited = publisher.produce(event(device(1), 50, 2));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(1));
    assertThat(waited.outcome()).isEqualTo(Outcome.QUEUED);
    assertThat(read(topic, 2)).extracting(Fixtures::seq).containsExactly(1L, 2L);
  }

  @Test
  void stopFlushesLingeringRecordsAtOnce() {
    String topic = topic("stop-flush");
    DynamicConfig lingering = allTo(topic).toBuilder().linger(Duration.ofSeconds(10)).build();
    Publisher publisher =
        publishers.started(
            config(kafka, lingering).recordDeliveryTimeout(Duration.ofSeconds(30)).build());
    List<PublishEvent> events = new CopyOnWriteArrayList<>();
    publisher.addListener(events::add);
    publisher.produce(event(device(1), 40, 1));

    long start = System.nanoTime();
    publisher.stop(Duration.ofSeconds(8));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    assertThat(events).singleElement().extracting(PublishEvent::errorType).isNull();
    assertThat(read(topic, 1)).hasSize(1);
  }

  @Test
  void produceBeforeStartFailsWithNotStarted() {
    Publisher publisher = publishers.built(config(kafka, allTo(topic("not-started"))).build());

    ProduceResult result = publisher.produce(event(device(1), 90, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.NOT_STARTED);
  }

  @Test
  void startingTwiceThrows() {
    Publisher publisher = publishers.started(config(kafka, allTo(topic("twice"))).build());

    assertThatThrownBy(publisher::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("started");
  }

  @Test
  void stopIsIdempotentAndLaterProducesFailAsClosed() {
    Publisher publisher = publishers.started(config(kafka, allTo(topic("stopped"))).build());
    publisher.produce(event(device(1), 80, 1));

    publisher.stop(Duration.ofSeconds(5));
    publisher.stop(Duration.ofSeconds(5));
    publisher.close();

    ProduceResult result = publisher.produce(event(device(1), 10, 2));
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.PUBLISHER_CLOSED);
    assertThat(publisher.isStarted()).isFalse();
    assertThatThrownBy(publisher::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void recordsCarryTheRoutedKeyAndHeadersAndAValueThatDecodesToTheMessage() {
    String topic = topic("content");
    DynamicConfig dynamic =
        allTo(topic).toBuilder()
            .headers(Map.of("X-Device", List.of("wrp.DeviceID"), "X-Env", List.of("prod")))
            .build();
    Publisher publisher = publishers.started(config(kafka, dynamic).build());
    Message message = event(device(7), 80, 1);
    Destination expected = new Router(dynamic).route(message).get(0);

    assertThat(publisher.produce(message).outcome()).isEqualTo(Outcome.ACCEPTED);

    ConsumerRecord<byte[], byte[]> record = read(topic, 1).get(0);
    assertThat(key(record)).isEqualTo("mac:" + device(7)).isEqualTo(expected.key());
    assertThat(decode(record)).isEqualTo(message);
    List<io.wrpkafka.routing.Header> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(
          new io.wrpkafka.routing.Header(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
    }
    assertThat(headers).isEqualTo(expected.headers()).isNotEmpty();
  }

  @Test
  void deviceIdShardingSendsEachDeviceToItsHashedTopic() {
    List<String> topics = List.of(topic("shard-a"), topic("shard-b"), topic("shard-c"));
    DynamicConfig dynamic =
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topics(topics).shardBy("deviceid").build()))
            .build();
    Publisher publisher = publishers.started(config(kafka, dynamic).build());
    Router router = new Router(dynamic);
    Map<String, Set<String>> expectedKeys = new HashMap<>();
    for (int n = 0; n < 30; n++) {
      Message message = event(device(n), 60, n);
      expectedKeys
          .computeIfAbsent(router.route(message).get(0).topic(), t -> new HashSet<>())
          .add("mac:" + device(n));
      assertThat(publisher.produce(message).outcome()).isEqualTo(Outcome.QUEUED);
    }

    assertThat(expectedKeys.keySet()).containsExactlyInAnyOrderElementsOf(topics);
    for (String topic : topics) {
      Set<String> keys = new HashSet<>();
      read(topic, expectedKeys.get(topic).size()).forEach(r -> keys.add(key(r)));
      assertThat(keys).as(topic).isEqualTo(expectedKeys.get(topic));
    }
  }

  @Test
  void recordsOfOneDeviceLandOnOnePartitionInProduceOrderAcrossQosLevels() {
    String topic = topic("partitioned");
    kafka.createTopic(topic, 4);
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());
    int[] qos = {10, 50, 80};
    for (int seq = 0; seq < 30; seq++) {
      for (int n = 0; n < 8; n++) {
        assertThat(publisher.produce(event(device(n), qos[seq % 3], seq)).isSuccess()).isTrue();
      }
    }

    List<ConsumerRecord<byte[], byte[]>> records = read(topic, 240);
    assertThat(records).hasSize(240);
    Map<String, Set<Integer>> partitions = new HashMap<>();
    records.forEach(r -> partitions.computeIfAbsent(key(r), k -> new HashSet<>()).add(r.partition()));
    assertThat(partitions).hasSize(8).allSatisfy((k, p) -> assertThat(p).hasSize(1));
    assertThat(new HashSet<>(partitions.values())).hasSizeGreaterThan(1);
    List<Long> expected = new ArrayList<>();
    for (long seq = 0; seq < 30; seq++) {
      expected.add(seq);
    }
    assertThat(Fixtures.sequencesByKey(records)).allSatisfy((k, s) -> assertThat(s).isEqualTo(expected));
  }

  @Test
  void anUnroutableMessageFailsWithNoTopicMatchAndOthersStillFlow() {
    String topic = topic("routed");
    DynamicConfig dynamic =
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("telemetry").topic(topic).build()))
            .build();
    Publisher publisher = publishers.started(config(kafka, dynamic).build());
    Message unroutable =
        event(device(1), 80, 1).toBuilder().destination("event:device-status/mac:" + device(1)).build();

    ProduceResult failed = publisher.produce(unroutable);
    ProduceResult accepted = publisher.produce(event(device(1), 80, 2));

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.error().errorType()).isEqualTo(ErrorType.NO_TOPIC_MATCH);
    assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(read(topic, 1)).extracting(Fixtures::seq).containsExactly(2L);
  }

  @Test
  void aMissingPartitionKeyFailsWithValidationErrorWhenDenied() {
    String topic = topic("nil-key");
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).denyNilPartitionKey(true).build());
    Message keyless =
        Message.builder()
            .type(MessageType.SIMPLE_EVENT)
            .source("dns:talaria.example.com")
            .destination("event:telemetry")
            .qualityOfService(10)
            .build();

    ProduceResult result = publisher.produce(keyless);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
    assertThat(result.error()).hasMessageContaining(topic);
  }

  @Test
  void withoutAutoCreationAMissingTopicFailsAndIsNotCreated() throws Exception {
    String missing = topic("missing");
    String existing = topic("existing");
    kafka.createTopic(existing, 1);
    DynamicConfig dynamic =
        DynamicConfig.builder()
            .topicMap(
                List.of(
                    TopicRoute.builder().pattern("telemetry").topic(existing).build(),
                    TopicRoute.builder().pattern("*").topic(missing).build()))
            .build();
    Publisher publisher =
        publishers.started(config(kafka, dynamic).allowAutoTopicCreation(false).build());

    ProduceResult toMissing =
        publisher.produce(event(device(1), 80, 1).toBuilder().destination("event:other/x").build());
    ProduceResult toExisting = publisher.produce(event(device(1), 80, 2));

    assertThat(toMissing.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(toMissing.error().errorType()).isEqualTo(ErrorType.TOPIC_NOT_FOUND);
    assertThat(toMissing.error()).hasMessageContaining(missing);
    assertThat(toExisting.outcome()).isEqualTo(Outcome.ACCEPTED);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .contains(existing)
          .doesNotContain(missing);
    }
  }

  @Test
  void listenersGetOneEventPerRecordOutcome() {
    String topic = topic("events");
    List<PublishEvent> events = new CopyOnWriteArrayList<>();
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build(), events::add);

    publisher.produce(event(device(1), 10, 1));
    publisher.produce(event(device(1), 50, 2));
    publisher.produce(event(device(1), 90, 3));

    await().atMost(WAIT).until(() -> events.size() >= 3);
    assertThat(events)
        .extracting(PublishEvent::qos, PublishEvent::topic, PublishEvent::eventType,
            PublishEvent::shardStrategy, PublishEvent::errorType)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(10, topic, "telemetry", "single", null),
            org.assertj.core.groups.Tuple.tuple(50, topic, "telemetry", "single", null),
            org.assertj.core.groups.Tuple.tuple(90, topic, "telemetry", "single", null));
    assertThat(events).allSatisfy(e -> assertThat(e.latency()).isPositive());
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> events.size() == 3);
  }

  @Test
  void failuresReachListenersWithTheirErrorType() {
    String topic = topic("failure-events");
    List<PublishEvent> events = new CopyOnWriteArrayList<>();
    DynamicConfig dynamic =
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("telemetry").topic(topic).build()))
            .build();
    Publisher publisher = publishers.started(config(kafka, dynamic).build(), events::add);

    publisher.produce(
        event(device(1), 10, 1).toBuilder().destination("event:other/mac:" + device(1)).build());

    await().atMost(WAIT).until(() -> !events.isEmpty());
    assertThat(events.get(0).errorType()).isEqualTo(ErrorType.NO_TOPIC_MATCH);
    assertThat(events.get(0).error()).isInstanceOf(PublishException.class);
    assertThat(events.get(0).qos()).isEqualTo(10);
  }

  @Test
  void aShardFallbackIsReportedToListenersAndTheRecordStillGoesOut() {
    List<String> topics = List.of(topic("tenant-a"), topic("tenant-b"));
    DynamicConfig dynamic =
        DynamicConfig.builder()
            .topicMap(
                List.of(
                    TopicRoute.builder().pattern("*").topics(topics).shardBy("metadata:tenant").build()))
            .build();
    List<String> missingFields = new CopyOnWriteArrayList<>();
    List<PublishEvent> events = new CopyOnWriteArrayList<>();
    PublishListener listener =
        new PublishListener() {
          @Override
          public void onPublish(PublishEvent event) {
            events.add(event);
          }

          @Override
          public void onShardValueMissing(Destination destination, String field) {
            missingFields.add(destination.shardStrategy() + ":" + field);
          }
        };
    Publisher publisher = publishers.started(config(kafka, dynamic).build(), listener);

    assertThat(publisher.produce(event(device(1), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);

    await().atMost(WAIT).until(() -> !missingFields.isEmpty() && !events.isEmpty());
    assertThat(missingFields).containsExactly("metadata:tenant");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.errorType()).isNull();
      assertThat(e.shardStrategy()).isEqualTo("metadata");
      assertThat(topics).contains(e.topic());
    });
  }

  @Test
  void aThrowingListenerDoesNotBreakDeliveryOrOtherListeners() {
    String topic = topic("throwing");
    List<PublishEvent> events = new CopyOnWriteArrayList<>();
    PublishListener throwing =
        event -> {
          throw new IllegalStateException("listener failure for test");
        };
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).build(), throwing, events::add);

    for (int seq = 0; seq < 5; seq++) {
      assertThat(publisher.produce(event(device(1), 80, seq)).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    await().atMost(WAIT).until(() -> events.size() == 5);
    assertThat(read(topic, 5)).hasSize(5);
  }

  @Test
  void theRemoverReturnedByAddListenerStopsItsEvents() throws Exception {
    String topic = topic("remover");
    List<PublishEvent> removed = new CopyOnWriteArrayList<>();
    List<PublishEvent> kept = new CopyOnWriteArrayList<>();
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());
    Runnable remover = publisher.addListener(removed::add);
    publisher.addListener(kept::add);
    publisher.produce(event(device(1), 80, 1));
    await().atMost(WAIT).until(() -> removed.size() == 1 && kept.size() == 1);

    remover.run();
    publisher.produce(event(device(1), 80, 2));

    await().atMost(WAIT).until(() -> kept.size() == 2);
    assertThat(removed).hasSize(1);
  }
}
