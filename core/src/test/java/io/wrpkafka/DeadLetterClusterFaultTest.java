package io.wrpkafka;

import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Too few in-sync replicas: the client retries (the error is retryable) until
 * recordDeliveryTimeout, then the record is dead-lettered to a topic that stays writable.
 */
class DeadLetterClusterFaultTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static EmbeddedKafka cluster;
  private final PublisherFixture publishers = new PublisherFixture();

  @BeforeAll
  static void startCluster() {
    cluster = EmbeddedKafka.start(EmbeddedKafkaConfig.builder().nodes(3).build());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  @Test
  void notEnoughReplicasIsRetriedUntilTheDeliveryTimeoutThenDeadLettered() {
    String strict = topic("dl-isr");
    String deadLetter = topic("dl-isr-dlq");
    cluster.createTopic(strict, 1, 3, Map.of("min.insync.replicas", "3"));
    cluster.createTopic(deadLetter, 1, 1);
    int deadLetterLeader = leaderOf(deadLetter);
    List<PublishEvent> events = new CopyOnWriteArrayList<>();
    Duration deliveryTimeout = Duration.ofSeconds(8);
    Publisher publisher =
        publishers.started(
            config(
                    cluster,
                    DynamicConfig.builder()
                        .topicMap(List.of(TopicRoute.builder().pattern("*").topic(strict).build()))
                        .deadLetter(DeadLetterConfig.builder().topic(deadLetter).build())
                        .build())
                .requestTimeout(Duration.ofSeconds(3))
                .recordDeliveryTimeout(deliveryTimeout)
                .build(),
            events::add);
    assertThat(publisher.produce(event(device(1), 80, 0)).outcome()).isEqualTo(Outcome.ACCEPTED);
    cluster.killBroker(otherThan(deadLetterLeader, leaderOf(strict)));
    long start = System.nanoTime();

    ProduceResult result = publisher.produce(event(device(1), 50, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
    List<ConsumerRecord<byte[], byte[]>> dead =
        KafkaRecords.readExactly(cluster.bootstrapServers(), deadLetter, 1, WAIT);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(deliveryTimeout.minusSeconds(1));
    assertThat(Fixtures.seq(dead.get(0))).isEqualTo(1);
    String type = new String(dead.get(0).headers().lastHeader("dlq.error_type").value(),
        StandardCharsets.UTF_8);
    // The client gives up with the broker's last answer, or with its own expiry when the
    // deadline falls while the batch waits for its next retry: both are the same retryable fault.
    assertThat(type).isIn("not_enough_replicas", "timeout");
    await().atMost(WAIT).until(() -> events.size() == 2);
    PublishEvent failure = events.get(1);
    assertThat(failure.errorType()).isIn(ErrorType.NOT_ENOUGH_REPLICAS, ErrorType.TIMEOUT);
    assertThat(((PublishException) failure.error()).retryable()).isTrue();
  }

  private static int leaderOf(String topic) {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(
        Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()))) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get()
          .get(topic).partitions().get(0).leader().id();
    } catch (Exception e) {
      throw new AssertionError("cannot describe " + topic, e);
    }
  }

  /** A node that leads neither topic, so both keep their leaders. */
  private static int otherThan(int a, int b) {
    for (int node = 0; node < 3; node++) {
      if (node != a && node != b) {
        return node;
      }
    }
    throw new AssertionError("nodes " + a + " and " + b + " leave no third");
  }
}
