package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The circuit breaker and the spool together, against a real broker that is killed and started
 * again (DESIGN §9): while the circuit is open, QoS 25–74 is spooled, QoS 75–99 fails at once and
 * QoS 0–24 is dropped at once unless the spool's minQos takes it; once the broker is back every
 * spooled record is delivered in device order and the publisher is healthy again.
 */
class PublisherSpoolCircuitTest {
  private static final Duration OPEN_AFTER = Duration.ofSeconds(1);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);
  /** How long the breaker may take to open or close: a probe, reconnects, a loaded machine. */
  private static final Duration MOVES_WITHIN = Duration.ofSeconds(30);
  /** How long the spool may take to send its backlog once the cluster is back. */
  private static final Duration DRAINS_WITHIN = Duration.ofSeconds(90);
  private static final int DEVICES = 4;
  private static final int PER_DEVICE = 10;

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

  @BeforeEach
  void brokerRuns() {
    if (!kafka.isRunning(0)) {
      kafka.startBroker(0);
    }
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  /**
   * A started publisher with a short breaker and a spool of {@code minQos}, whose first record
   * was acknowledged and left the spool.
   */
  private Publisher spooledPublisher(String topic, int minQos) {
    kafka.createTopic(topic, 3);
    Publisher publisher =
        publishers.started(
            config(kafka, allTo(topic))
                .requestTimeout(Duration.ofSeconds(1))
                .recordDeliveryTimeout(DELIVERY_TIMEOUT)
                .cleanupTimeout(Duration.ofMillis(500))
                .circuitBreaker(CircuitBreakerConfig.builder()
                    .openAfter(OPEN_AFTER).probeInterval(PROBE_INTERVAL).build())
                .spool(SpoolConfig.builder()
                    .directory(spoolDir.resolve("minQos-" + minQos))
                    .minQos(minQos)
                    .fsync(SpoolConfig.Fsync.NEVER)
                    .build())
                .build());
    // A broker just started may take longer than one delivery timeout to take the first record;
    // device 0 is not among the devices whose records are checked.
    await().atMost(Duration.ofSeconds(60))
        .until(() -> publisher.produce(event(device(0), 90, 0)).outcome() == Outcome.ACCEPTED);
    awaitBacklog(publisher, 0, Duration.ofSeconds(10));
    return publisher;
  }

  private static void awaitBacklog(Publisher publisher, long records, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(50))
        .until(() -> backlog(publisher) == records);
  }

  private static long backlog(Publisher publisher) {
    return publisher.health().spoolBacklog().orElseThrow().records();
  }

  /** The circuit opened (it may be half-open, probing: that refuses the same way). */
  private static void awaitOpen(Publisher publisher) {
    await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(20))
        .until(() -> publisher.health().circuitState() != CircuitState.CLOSED);
  }

  private static void awaitClosed(Publisher publisher) {
    await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(20))
        .until(() -> publisher.health().circuitState() == CircuitState.CLOSED);
  }

  /** Produces PER_DEVICE records of {@code qos} for each device, interleaved; all must answer. */
  private static void produceInterleaved(Publisher publisher, int qos, Outcome expected) {
    for (int seq = 1; seq <= PER_DEVICE; seq++) {
      for (int d = 1; d <= DEVICES; d++) {
        ProduceResult result = publisher.produce(event(device(d), qos, seq));
        assertThat(result.outcome()).as("QoS %d record %d of device %d", qos, seq, d)
            .isEqualTo(expected);
      }
    }
  }

  /**
   * Reads the topic (the first record and the devices' records) and checks that each device 1..
   * has its records 1..PER_DEVICE once each, in produce order.
   */
  private static void assertDeliveredInDeviceOrder(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records =
        KafkaRecords.readExactly(kafka.bootstrapServers(), topic, 1 + DEVICES * PER_DEVICE,
            DRAINS_WITHIN);
    Map<String, List<Long>> byDevice = Fixtures.sequencesByKey(records);
    for (int d = 1; d <= DEVICES; d++) {
      List<Long> expected = new ArrayList<>();
      for (long seq = 1; seq <= PER_DEVICE; seq++) {
        expected.add(seq);
      }
      assertThat(byDevice.get("mac:" + device(d))).as("records of device %d, in offset order", d)
          .isEqualTo(expected);
    }
  }

  @Test
  void queuedRecordsAreSpooledWhileTheCircuitIsOpenAndDeliveredInDeviceOrderOnceItCloses() {
    String topic = topic("spool-circuit-qos50");
    Publisher publisher = spooledPublisher(topic, 25);
    kafka.killBroker(0);
    awaitOpen(publisher);

    produceInterleaved(publisher, 50, Outcome.QUEUED);

    assertThat(backlog(publisher)).as("records in the spool").isEqualTo(DEVICES * PER_DEVICE);
    Health down = publisher.health();
    assertThat(down.status()).isEqualTo(Health.Status.DOWN);
    assertThat(down.reasons()).anySatisfy(r -> assertThat(r).startsWith("circuit"));

    kafka.startBroker(0);
    awaitClosed(publisher);
    assertDeliveredInDeviceOrder(topic);
    awaitBacklog(publisher, 0, DRAINS_WITHIN);
    Health up = publisher.health();
    assertThat(up.status()).as(up.reasons().toString()).isEqualTo(Health.Status.UP);
  }

  @Test
  void qos80FailsWithCircuitOpenAtOnceAndIsNotSpooled() {
    Publisher publisher = spooledPublisher(topic("spool-circuit-qos80"), 25);
    kafka.killBroker(0);
    awaitOpen(publisher);

    long start = System.nanoTime();
    ProduceResult result = publisher.produce(event(device(1), 80, 1));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.CIRCUIT_OPEN);
    // Without the breaker the caller would wait the delivery timeout (3 s).
    assertThat(took).isLessThan(DELIVERY_TIMEOUT.dividedBy(3));
    assertThat(backlog(publisher)).as("records in the spool").isZero();
  }

  @Test
  void qos10BelowTheSpoolsMinQosIsDroppedWithCircuitOpenAndTheCallerNeverParks() {
    Publisher publisher = spooledPublisher(topic("spool-circuit-qos10-dropped"), 25);
    kafka.killBroker(0);
    awaitOpen(publisher);
    publisher.produce(event(device(1), 10, 0));

    long waitsBefore = waitsOfThisThread();
    List<ProduceResult> results = new ArrayList<>();
    for (int seq = 1; seq <= 200; seq++) {
      results.add(publisher.produce(event(device(1), 10, seq)));
    }

    assertThat(waitsOfThisThread() - waitsBefore).as("times the caller parked or blocked").isZero();
    assertThat(results).allSatisfy(result -> {
      assertThat(result.outcome()).isEqualTo(Outcome.DROPPED);
      assertThat(result.error().errorType()).isEqualTo(ErrorType.CIRCUIT_OPEN);
    });
    assertThat(backlog(publisher)).as("records in the spool").isZero();
  }

  @Test
  void qos10IsAttemptedAndSpooledWhileTheCircuitIsOpenWhenTheSpoolsMinQosIsZero() {
    String topic = topic("spool-circuit-qos10-spooled");
    Publisher publisher = spooledPublisher(topic, 0);
    kafka.killBroker(0);
    awaitOpen(publisher);

    produceInterleaved(publisher, 10, Outcome.ATTEMPTED);

    assertThat(backlog(publisher)).as("records in the spool").isEqualTo(DEVICES * PER_DEVICE);
    kafka.startBroker(0);
    awaitClosed(publisher);
    assertDeliveredInDeviceOrder(topic);
    awaitBacklog(publisher, 0, DRAINS_WITHIN);
  }

  /** How often this thread has waited (parked, Object.wait, sleep) or blocked on a monitor. */
  private static long waitsOfThisThread() {
    ThreadInfo info =
        ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
    return info.getWaitedCount() + info.getBlockedCount();
  }
}
