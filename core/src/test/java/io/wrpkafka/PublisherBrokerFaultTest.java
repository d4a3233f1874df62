package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Message;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each QoS band does while the only broker is down, and after it comes back. */
class PublisherBrokerFaultTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /**
   * A blocked call would take max.block.ms (5 s here). The bound is loose because on a shared
   * two-core machine under a load average above 10 the scheduler alone delayed single calls by
   * 75 ms; the exact proof is that the calling thread never parked or waited for a monitor.
   */
  private static final Duration NON_BLOCKING = Duration.ofMillis(500);

  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();

  @BeforeAll
  static void startCluster() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopCluster() {
    kafka.close();
  }

  @BeforeEach
  void brokerRuns() {
    kafka.startBroker(0);
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  @Test
  void qos10CallsNeverBlockWhileTheBrokerIsDownOrTheTopicIsUnknown() {
    String known = topic("down-known");
    String unknown = topic("down-unknown");
    DynamicConfig dynamic =
        DynamicConfig.builder()
            .topicMap(
                List.of(
                    TopicRoute.builder().pattern("telemetry").topic(known).build(),
                    TopicRoute.builder().pattern("*").topic(unknown).build()))
            .build();
    Publisher publisher =
        publishers.started(
            config(kafka, dynamic)
                .maxBufferedRecords(50)
                .requestTimeout(Duration.ofSeconds(2))
                .recordDeliveryTimeout(Duration.ofSeconds(5))
                .cleanupTimeout(Duration.ofSeconds(2))
                .build());
    assertThat(publisher.produce(event(device(1), 90, 0)).outcome()).isEqualTo(Outcome.ACCEPTED);
    kafka.killBroker(0);

    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    Duration slowest = Duration.ZERO;
    long waitsBefore = waitsOfThisThread();
    for (int seq = 1; seq <= 300; seq++) {
      Message message = event(device(seq % 5), 10, seq);
      if (seq % 2 == 0) {
        message = message.toBuilder().destination("event:other/mac:" + device(seq % 5)).build();
      }
      long start = System.nanoTime();
      ProduceResult result = publisher.produce(message);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      slowest = took.compareTo(slowest) > 0 ? took : slowest;
      outcomes.merge(result.outcome(), 1, Integer::sum);
    }

    assertThat(waitsOfThisThread() - waitsBefore).as("times the caller parked or blocked").isZero();
    assertThat(slowest).isLessThan(NON_BLOCKING);
    assertThat(outcomes.keySet()).containsOnly(Outcome.ATTEMPTED, Outcome.DROPPED);
    assertThat(outcomes.get(Outcome.DROPPED)).isGreaterThanOrEqualTo(250);
  }

  /** How often this thread has waited (parked, Object.wait, sleep) or blocked on a monitor. */
  private static long waitsOfThisThread() {
    ThreadInfo info =
        ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
    return info.getWaitedCount() + info.getBlockedCount();
  }

  @Test
  void theWaitCounterSeesAQueuedCallWaitingForRoom() {
    String topic = topic("wait-counter");
    DynamicConfig lingering = allTo(topic).toBuilder().linger(Duration.ofMillis(500)).build();
    Publisher publisher =
        publishers.started(config(kafka, lingering).maxBufferedRecords(1).build());
    publisher.produce(event(device(1), 10, 1));
    long waitsBefore = waitsOfThisThread();

    assertThat(publisher.produce(event(device(1), 50, 2)).outcome()).isEqualTo(Outcome.QUEUED);

    assertThat(waitsOfThisThread() - waitsBefore).isPositive();
  }

  @Test
  void qos80FailsWithTimeoutWhileTheBrokerIsDown() {
    String topic = topic("down-timeout");
    Publisher publisher =
        publishers.started(
            config(kafka, allTo(topic).toBuilder().linger(Duration.ZERO).build())
                .requestTimeout(Duration.ofSeconds(1))
                .recordDeliveryTimeout(Duration.ofSeconds(3))
                .cleanupTimeout(Duration.ofSeconds(2))
                .build());
    assertThat(publisher.produce(event(device(1), 90, 0)).outcome()).isEqualTo(Outcome.ACCEPTED);
    kafka.stopBroker(0);

    long start = System.nanoTime();
    ProduceResult result = publisher.produce(event(device(1), 90, 1));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(took).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(15));
  }

  @Test
  void queuedBacklogIsDeliveredInOrderAfterAKilledBrokerRestarts() {
    String topic = topic("backlog");
    Publisher publisher =
        publishers.started(
            config(kafka, allTo(topic)).recordDeliveryTimeout(Duration.ofSeconds(90)).build());
    assertThat(publisher.produce(event(device(0), 90, 0)).outcome()).isEqualTo(Outcome.ACCEPTED);
    kafka.killBroker(0);

    for (int seq = 1; seq <= 100; seq++) {
      for (int n = 0; n < 4; n++) {
        assertThat(publisher.produce(event(device(n), 50, seq)).outcome()).isEqualTo(Outcome.QUEUED);
      }
    }
    assertThat(publisher.bufferState().records()).isGreaterThan(0);
    kafka.startBroker(0);

    List<ConsumerRecord<byte[], byte[]>> records =
        KafkaRecords.readExactly(kafka.bootstrapServers(), topic, 401, WAIT);
    assertThat(records).hasSize(401);
    Map<String, List<Long>> sequences = Fixtures.sequencesByKey(records);
    List<Long> oneToHundred = new ArrayList<>();
    for (long seq = 1; seq <= 100; seq++) {
      oneToHundred.add(seq);
    }
    assertThat(sequences.get("mac:" + device(0))).first().isEqualTo(0L);
    sequences.get("mac:" + device(0)).remove(0);
    assertThat(sequences).hasSize(4).allSatisfy((k, s) -> assertThat(s).isEqualTo(oneToHundred));
  }
}
