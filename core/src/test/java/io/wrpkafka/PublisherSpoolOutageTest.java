package io.wrpkafka;

import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.embedded.EmbeddedKafka;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool across an outage of the only broker longer than the delivery timeout. The normal run
 * holds the broker down for 3 x recordDeliveryTimeout; {@code -Dwrpkafka.longRun=true} (the
 * root pom's {@code longRun} property) holds it down for two minutes.
 */
class PublisherSpoolOutageTest {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration OUTAGE = Boolean.getBoolean("wrpkafka.longRun")
      ? Duration.ofMinutes(2) : DELIVERY_TIMEOUT.multipliedBy(3);
  private static final int DEVICES = 5;

  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();
  @TempDir Path spoolDir;

  @BeforeAll
  static void startCluster() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopCluster() {
    kafka.close();
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  @Test
  void everyQueuedRecordIsDeliveredInDeviceOrderAfterAnOutageLongerThanTheDeliveryTimeout() {
    String topic = topic("spool-outage");
    // Made and led before the stream starts: the first sends to a topic the producer creates
    // race its leader election (NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE), and the
    // client once wrote later records before its first batch there, which no spool can undo.
    kafka.createTopic(topic, 1);
    kafka.createTopic(topic + "-qos10", 1);
    Publisher publisher =
        publishers.started(
            config(kafka, DynamicConfig.builder()
                .topicMap(List.of(
                    TopicRoute.builder().pattern("telemetry").topic(topic).build(),
                    TopicRoute.builder().pattern("*").topic(topic + "-qos10").build()))
                .linger(Duration.ofMillis(5))
                .build())
                .requestTimeout(Duration.ofSeconds(1))
                .recordDeliveryTimeout(DELIVERY_TIMEOUT)
                .cleanupTimeout(Duration.ofSeconds(5))
                .spool(SpoolConfig.builder().directory(spoolDir).build())
                .build());
    Stream stream = new Stream(publisher);

    stream.runFor(Duration.ofSeconds(1));
    // Taken but not acknowledged: the records a broker crash can leave written but unanswered.
    long inFlightAtKill = publisher.bufferState().records();
    kafka.killBroker(0);
    stream.runFor(OUTAGE);
    kafka.startBroker(0);
    stream.runFor(Duration.ofSeconds(2));

    assertThat(stream.queued).as("QoS 50 records answered QUEUED").isGreaterThan(100);
    assertThat(stream.other).as("QoS 50 records answered otherwise").isZero();
    List<ConsumerRecord<byte[], byte[]>> records =
        KafkaRecords.readExactly(kafka.bootstrapServers(), topic, stream.queued,
            Duration.ofSeconds(120));
    int duplicates = records.size() - distinct(records);
    if (duplicates > 0) {
      records = KafkaRecords.readExactly(kafka.bootstrapServers(), topic,
          stream.queued + duplicates, Duration.ofSeconds(60));
      duplicates = records.size() - distinct(records);
    }
    Map<String, List<Long>> byDevice = Fixtures.sequencesByKey(records);
    for (Map.Entry<String, List<Long>> device : byDevice.entrySet()) {
      Set<Long> seen = new HashSet<>(device.getValue());
      assertThat(device.getValue()).as("order of %s", device.getKey()).isSorted();
      int d = (int) (Long.parseLong(device.getKey().substring(4), 16) - 0x112233000000L);
      assertThat(seen).as("records of %s", device.getKey()).hasSize(stream.perDevice[d]);
    }
    // The broker was killed, not stopped: a record it wrote but never answered is sent again
    // from the spool (the idempotent producer dedupes its own retries, not a re-send).
    assertThat(duplicates).as("duplicates").isLessThanOrEqualTo((int) inFlightAtKill);
    assertThat(records).hasSize(stream.queued + duplicates);
    assertThat(stream.qos10Waits).as("times a QoS 10 caller parked or blocked").isZero();
  }

  private static int distinct(List<ConsumerRecord<byte[], byte[]>> records) {
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      seen.add(Fixtures.key(record) + "/" + Fixtures.seq(record));
    }
    return seen.size();
  }

  /**
   * A steady stream from the test thread: one QoS 50 record of the next device every 5 ms, and a
   * QoS 10 record (to another topic, not spooled) after each, whose call must never park.
   */
  private static final class Stream {
    private final Publisher publisher;
    private final long[] next = new long[DEVICES];
    private final int[] perDevice = new int[DEVICES];
    private int queued;
    private int other;
    private long qos10Waits;
    private int n;

    Stream(Publisher publisher) {
      this.publisher = publisher;
    }

    void runFor(Duration duration) {
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() - end < 0) {
        int d = n++ % DEVICES;
        ProduceResult result = publisher.produce(event(device(d), 50, next[d]++));
        if (result.outcome() == Outcome.QUEUED) {
          queued++;
          perDevice[d]++;
        } else {
          other++;
        }
        long before = waits();
        publisher.produce(event(device(d), 10, -1).toBuilder()
            .destination("event:other/mac:" + device(d)).build());
        qos10Waits += waits() - before;
        // Pacing of the stream, not a wait for a condition.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
    }

    private static long waits() {
      ThreadInfo info =
          ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
      return info.getWaitedCount() + info.getBlockedCount();
    }
  }
}
