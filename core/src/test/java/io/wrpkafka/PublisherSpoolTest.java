package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a restarted publisher does with the spool a previous one left: intact, damaged, full.
 * The previous publisher points at an address where no broker listens, so its records stay.
 */
class PublisherSpoolTest {
  private static final String NO_BROKER = "localhost:1";
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

  private PublisherConfig.Builder offline(String topic, SpoolConfig spool) {
    return config(kafka, allTo(topic)).brokers(NO_BROKER).verifyOnStart(false)
        .requestTimeout(Duration.ofMillis(500)).recordDeliveryTimeout(Duration.ofSeconds(1))
        .cleanupTimeout(Duration.ofMillis(500)).spool(spool);
  }

  private SpoolConfig spool() {
    return SpoolConfig.builder().directory(spoolDir).build();
  }

  /** Spools {@code n} QoS 50 records of one device while no broker answers, then stops. */
  private void leaveInSpool(String topic, int n) {
    Publisher offline = publishers.started(offline(topic, spool()).build());
    for (int seq = 0; seq < n; seq++) {
      assertThat(offline.produce(event(device(1), 50, seq)).outcome()).isEqualTo(Outcome.QUEUED);
    }
    offline.stop(Duration.ofMillis(500));
  }

  private List<Long> deliveredSequences(String topic, int expected) {
    Publisher online = publishers.started(config(kafka, allTo(topic)).spool(spool()).build());
    List<ConsumerRecord<byte[], byte[]>> records =
        KafkaRecords.readExactly(kafka.bootstrapServers(), topic, expected, Duration.ofSeconds(60));
    online.close();
    Map<String, List<Long>> byDevice = Fixtures.sequencesByKey(records);
    return byDevice.values().stream().flatMap(List::stream).toList();
  }

  private Path largestSegment() throws IOException {
    try (Stream<Path> files = Files.list(spoolDir)) {
      return files.max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }
  }

  @Test
  void startSendsWhatAPreviousPublisherLeftInItsOrder() {
    String topic = topic("spool-left");
    leaveInSpool(topic, 20);

    assertThat(deliveredSequences(topic, 20))
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 20).boxed().toList());
  }

  @Test
  void startSkipsATailTruncatedMidEntryAndDeliversTheIntactEntries() throws IOException {
    String topic = topic("spool-torn");
    leaveInSpool(topic, 10);
    Path segment = largestSegment();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(file.length() - 7);
    }

    List<Long> delivered = deliveredSequences(topic, 9);

    assertThat(delivered).hasSize(9).isSorted().doesNotHaveDuplicates();
    assertThat(delivered).doesNotContain(9L);
  }

  @Test
  void startSkipsAnEntryWithAFlippedByteAndDeliversTheOthers() throws IOException {
    String topic = topic("spool-flipped");
    leaveInSpool(topic, 10);
    Path segment = largestSegment();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      // The first entries are the records (acknowledgement entries come later, if any).
      long inFifth = file.length() > 0 ? 4 * recordBytes(file) + recordBytes(file) / 2 : 0;
      file.seek(inFifth);
      int b = file.read();
      file.seek(inFifth);
      file.write(b ^ 0x01);
    }

    List<Long> delivered = deliveredSequences(topic, 9);

    assertThat(delivered).containsExactly(0L, 1L, 2L, 3L, 5L, 6L, 7L, 8L, 9L);
  }

  /** The length of the first entry (its 4-byte length field plus the 8-byte header). */
  private static long recordBytes(RandomAccessFile file) throws IOException {
    file.seek(0);
    return file.readInt() + 8L;
  }

  @Test
  void aFullSpoolDropsFailsOrWaitsByQosCountsItAndKeepsWhatItHolds() {
    String topic = topic("spool-full");
    List<PublishEvent> events = new CopyOnWriteArrayList<>();
    SpoolConfig small = SpoolConfig.builder().directory(spoolDir).maxBytes(64 * 1024).minQos(0)
        .build();
    Publisher offline = publishers.started(offline(topic, small).build(), events::add);
    int queued = 0;
    ProduceResult last;
    while ((last = offline.produce(event(device(queued % 3), 50, queued))).outcome()
        == Outcome.QUEUED) {
      queued++;
    }

    long waitsBefore = waitsOfThisThread();
    ProduceResult qos10 = offline.produce(event(device(1), 10, -1));
    long qos10Waits = waitsOfThisThread() - waitsBefore;
    ProduceResult qos80 = offline.produce(event(device(1), 80, -2));

    assertThat(last.outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(last.error().errorType()).isEqualTo(ErrorType.SPOOL_FULL);
    assertThat(qos10.outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(qos10.error().errorType()).isEqualTo(ErrorType.SPOOL_FULL);
    assertThat(qos10Waits).as("times the QoS 10 caller parked or blocked").isZero();
    assertThat(qos80.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(qos80.error().errorType()).isEqualTo(ErrorType.SPOOL_FULL);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(events.stream().filter(e -> e.errorType() == ErrorType.SPOOL_FULL).count())
            .isEqualTo(3));
    offline.stop(Duration.ofMillis(500));

    assertThat(deliveredSequences(topic, queued)).hasSize(queued).doesNotHaveDuplicates();
  }

  private static long waitsOfThisThread() {
    ThreadInfo info =
        ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
    return info.getWaitedCount() + info.getBlockedCount();
  }
}
