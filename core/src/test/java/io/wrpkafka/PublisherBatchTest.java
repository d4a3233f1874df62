package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.key;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** produceAll and produceAllAsync against one real broker: order, QoS per message, failures. */
class PublisherBatchTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ProduceResult ACCEPTED = new ProduceResult(Outcome.ACCEPTED, null);
  private static final ProduceResult QUEUED = new ProduceResult(Outcome.QUEUED, null);
  private static final ProduceResult ATTEMPTED = new ProduceResult(Outcome.ATTEMPTED, null);

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

  /** A message far over the 1 KiB record limit of the topics made by {@link #smallTopic}. */
  private static Message oversized(Message message) {
    byte[] payload = new byte[4096];
    Arrays.fill(payload, (byte) 'x');
    return message.toBuilder().payload(payload).build();
  }

  private static String smallTopic(String name) {
    String topic = topic(name);
    kafka.createTopic(topic, 1, 1, Map.of("max.message.bytes", "1024"));
    return topic;
  }

  @Test
  void resultsComeBackInBatchOrderEachByItsMessagesQos() {
    String topic = topic("batch-order");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());

    List<ProduceResult> results =
        publisher.produceAll(
            List.of(
                event(device(1), 10, 1),
                event(device(1), 50, 2),
                event(device(1), 80, 3),
                event(device(1), 0, 4),
                event(device(1), 99, 5)));

    assertThat(results).containsExactly(ATTEMPTED, QUEUED, ACCEPTED, ATTEMPTED, ACCEPTED);
    assertThat(read(topic, 5)).extracting(Fixtures::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aQos10MessageInABatchIsDroppedWhenTheBufferIsFullInsteadOfWaiting() {
    String topic = topic("batch-full");
    DynamicConfig lingering = allTo(topic).toBuilder().linger(Duration.ofSeconds(10)).build();
    Publisher publisher =
        publishers.started(
            config(kafka, lingering)
                .maxBufferedRecords(1)
                .recordDeliveryTimeout(Duration.ofSeconds(30))
                .build());

    List<ProduceResult> results =
        publisher.produceAll(List.of(event(device(1), 10, 1), event(device(1), 10, 2)));

    assertThat(results.get(0)).isEqualTo(ATTEMPTED);
    assertThat(results.get(1).outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(results.get(1).error().errorType()).isEqualTo(ErrorType.BUFFER_FULL);
  }

  @Test
  void aBrokerRejectionInTheMiddleOfABatchLeavesTheOthersAccepted() {
    String topic = smallTopic("batch-reject");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());

    List<ProduceResult> results =
        publisher.produceAll(
            List.of(
                event(device(1), 80, 1),
                oversized(event(device(2), 80, 2)),
                event(device(3), 80, 3)));

    assertThat(results.get(0)).isEqualTo(ACCEPTED);
    assertThat(results.get(1).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(results.get(1).error().errorType()).isEqualTo(ErrorType.RECORD_TOO_LARGE);
    assertThat(results.get(2)).isEqualTo(ACCEPTED);
    assertThat(read(topic, 2)).extracting(Fixtures::seq).containsExactly(1L, 3L);
  }

  @Test
  void anUnroutableMessageInTheMiddleOfABatchFailsAloneWithNoTopicMatch() {
    String topic = topic("batch-unroutable");
    DynamicConfig telemetryOnly =
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("telemetry").topic(topic).build()))
            .build();
    Publisher publisher = publishers.started(config(kafka, telemetryOnly).build());
    Message unroutable =
        event(device(1), 50, 2).toBuilder()
            .destination("event:device-status/mac:" + device(1))
            .build();

    List<ProduceResult> results =
        publisher.produceAll(List.of(event(device(1), 50, 1), unroutable, event(device(1), 50, 3)));

    assertThat(results.get(0)).isEqualTo(QUEUED);
    assertThat(results.get(1).error().errorType()).isEqualTo(ErrorType.NO_TOPIC_MATCH);
    assertThat(results.get(2)).isEqualTo(QUEUED);
    assertThat(read(topic, 2)).extracting(Fixtures::seq).containsExactly(1L, 3L);
  }

  @Test
  void recordsOfOneDeviceKeepTheBatchOrderOnTheirPartitionAcrossQosLevels() {
    String topic = topic("batch-partitioned");
    kafka.createTopic(topic, 4);
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());
    int[] qos = {10, 50, 80};
    List<Message> batch = new ArrayList<>();
    for (int seq = 0; seq < 30; seq++) {
      for (int n = 0; n < 8; n++) {
        batch.add(event(device(n), qos[seq % 3], seq));
      }
    }

    List<ProduceResult> results = publisher.produceAll(batch);

    assertThat(results).hasSize(240).allSatisfy(r -> assertThat(r.isSuccess()).isTrue());
    List<ConsumerRecord<byte[], byte[]>> records = read(topic, 240);
    Map<String, Set<Integer>> partitions = new HashMap<>();
    records.forEach(r -> partitions.computeIfAbsent(key(r), k -> new HashSet<>()).add(r.partition()));
    assertThat(partitions).hasSize(8).allSatisfy((k, p) -> assertThat(p).hasSize(1));
    List<Long> expected = new ArrayList<>();
    for (long seq = 0; seq < 30; seq++) {
      expected.add(seq);
    }
    assertThat(Fixtures.sequencesByKey(records))
        .hasSize(8)
        .allSatisfy((k, s) -> assertThat(s).isEqualTo(expected));
  }

  @Test
  void theWholeBatchUsesTheConfigInEffectWhenItStarted() {
    String before = topic("batch-snapshot-before");
    String after = topic("batch-snapshot-after");
    AtomicReference<Publisher> self = new AtomicReference<>();
    // Encoding runs on the caller's thread between two messages of the batch: a reload there
    // lands in the middle of the batch, deterministically.
    ValueEncoder reloadingOnSeq1 =
        new ValueEncoder() {
          @Override
          public byte[] encode(Message message) {
            if (message.metadata().get("seq").equals("1")) {
              self.get().updateConfig(allTo(after));
            }
            return Format.MSGPACK.encode(message);
          }

          @Override
          public String contentType() {
            return "application/msgpack";
          }
        };
    Publisher publisher =
        publishers.started(config(kafka, allTo(before)).valueEncoder(reloadingOnSeq1).build());
    self.set(publisher);

    List<ProduceResult> results =
        publisher.produceAll(
            List.of(event(device(1), 80, 1), event(device(1), 80, 2), event(device(1), 80, 3)));
    ProduceResult next = publisher.produce(event(device(1), 80, 4));

    assertThat(results).containsExactly(ACCEPTED, ACCEPTED, ACCEPTED);
    assertThat(next).isEqualTo(ACCEPTED);
    assertThat(read(before, 3)).extracting(Fixtures::seq).containsExactly(1L, 2L, 3L);
    assertThat(read(after, 1)).extracting(Fixtures::seq).containsExactly(4L);
  }

  @Test
  void aNullElementRejectsTheBatchBeforeAnyMessageIsProduced() {
    String topic = topic("batch-null");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());
    List<Message> withNull = Arrays.asList(event(device(1), 80, 1), null);

    assertThatThrownBy(() -> publisher.produceAll(withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("messages[1]");
    assertThat(publisher.produce(event(device(1), 80, 2))).isEqualTo(ACCEPTED);
    assertThat(read(topic, 1)).extracting(Fixtures::seq).containsExactly(2L);
  }

  @Test
  void anEmptyBatchAnswersAnEmptyList() {
    Publisher publisher = publishers.started(config(kafka, allTo(topic("batch-empty"))).build());

    assertThat(publisher.produceAll(List.of())).isEmpty();
  }

  @Test
  void produceAllAsyncCompletesWithEveryResultInOrderOnceAllAreAcknowledged() throws Exception {
    String topic = topic("batch-async");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());

    List<ProduceResult> results =
        publisher
            .produceAllAsync(
                List.of(event(device(1), 0, 1), event(device(2), 30, 2), event(device(3), 90, 3)))
            .get(20, TimeUnit.SECONDS);

    assertThat(results).containsExactly(ACCEPTED, ACCEPTED, ACCEPTED);
    assertThat(read(topic, 3)).extracting(Fixtures::seq).containsExactly(1L, 2L, 3L);
  }

  @Test
  void produceAllAsyncReportsAMiddleFailureInItsPlaceAndTheOthersAccepted() throws Exception {
    String topic = smallTopic("batch-async-reject");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());

    List<ProduceResult> results =
        publisher
            .produceAllAsync(
                List.of(
                    event(device(1), 10, 1),
                    oversized(event(device(2), 10, 2)),
                    event(device(3), 10, 3)))
            .get(20, TimeUnit.SECONDS);

    assertThat(results.get(0)).isEqualTo(ACCEPTED);
    assertThat(results.get(1).error().errorType()).isEqualTo(ErrorType.RECORD_TOO_LARGE);
    assertThat(results.get(2)).isEqualTo(ACCEPTED);
  }

  @Test
  void produceAllBeforeStartFailsEveryMessageWithNotStarted() {
    Publisher publisher = publishers.built(config(kafka, allTo(topic("batch-new"))).build());

    List<ProduceResult> results =
        publisher.produceAll(List.of(event(device(1), 10, 1), event(device(1), 80, 2)));

    assertThat(results)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.error().errorType()).isEqualTo(ErrorType.NOT_STARTED));
  }
}
