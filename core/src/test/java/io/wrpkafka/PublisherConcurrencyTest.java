package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many producing threads at once, with and without a hot reload: every record arrives exactly
 * once and in order per device. Each message carries its device's sequence number.
 */
class PublisherConcurrencyTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int THREADS = 8;
  private static final int DEVICES_PER_THREAD = 4;
  private static final int[] QOS = {10, 40, 80};

  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @AfterEach
  void stopPublishers() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    publishers.stopAll();
  }

  @Test
  void concurrentProducersDeliverEveryRecordOnceInOrderPerDevice() throws Exception {
    String topic = topic("concurrent");
    kafka.createTopic(topic, 4);
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());
    int perDevice = 150;

    List<Future<List<ProduceResult>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(pool.submit(() -> produceSequences(publisher, thread, perDevice, null, null)));
    }
    for (Future<List<ProduceResult>> result : results) {
      assertThat(result.get(2, TimeUnit.MINUTES)).filteredOn(r -> !r.isSuccess()).isEmpty();
    }

    assertEveryDeviceInOrder(read(topic, THREADS * DEVICES_PER_THREAD * perDevice), perDevice);
  }

  @Test
  void hotReloadUnderLoadLosesNothingKeepsOrderAndAppliesTheNewCompression() throws Exception {
    String topic = topic("reload");
    kafka.createTopic(topic, 4);
    DynamicConfig plain = allTo(topic).toBuilder().compression(io.wrpkafka.Compression.NONE).build();
    DynamicConfig gzip =
        plain.toBuilder()
            .compression(io.wrpkafka.Compression.GZIP)
            .linger(Duration.ofMillis(10))
            .build();
    Publisher publisher = publishers.started(config(kafka, plain).build());
    int perDevice = 200;
    CountDownLatch halfway = new CountDownLatch(THREADS);
    Map<String, Long> firstSeqAfterSwitch = new ConcurrentHashMap<>();
    ReloadSignal reloaded = new ReloadSignal();

    List<Future<List<ProduceResult>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> produceSequences(publisher, thread, perDevice, halfway, reloaded, firstSeqAfterSwitch)));
    }
    assertThat(halfway.await(1, TimeUnit.MINUTES)).isTrue();
    publisher.updateConfig(gzip);
    reloaded.done = true;
    for (Future<List<ProduceResult>> result : results) {
      assertThat(result.get(2, TimeUnit.MINUTES)).filteredOn(r -> !r.isSuccess()).isEmpty();
    }

    assertThat(publisher.dynamicConfig()).isEqualTo(gzip);
    List<ConsumerRecord<byte[], byte[]>> records =
        read(topic, THREADS * DEVICES_PER_THREAD * perDevice);
    assertEveryDeviceInOrder(records, perDevice);

    Map<TopicPartition, List<DiskBatch>> batches = batchesOnDisk(topic);
    List<CompressionType> afterSwitch = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Long first = firstSeqAfterSwitch.get(Fixtures.key(record));
      if (first != null && Fixtures.seq(record) >= first) {
        afterSwitch.add(batchOf(batches, record).compressionType());
      }
    }
    assertThat(afterSwitch).isNotEmpty().containsOnly(CompressionType.GZIP);
    assertThat(batches.values().stream().flatMap(List::stream).map(DiskBatch::compressionType))
        .contains(CompressionType.NONE);
  }

  /** Set once the reload returned; records produced after it must use the new settings. */
  private static final class ReloadSignal {
    volatile boolean done;
  }

  private List<ProduceResult> produceSequences(
      Publisher publisher, int thread, int perDevice, CountDownLatch halfway, ReloadSignal reloaded) {
    return produceSequences(publisher, thread, perDevice, halfway, reloaded, new HashMap<>());
  }

  private List<ProduceResult> produceSequences(
      Publisher publisher,
      int thread,
      int perDevice,
      CountDownLatch halfway,
      ReloadSignal reloaded,
      Map<String, Long> firstSeqAfterSwitch) {
    List<ProduceResult> results = new ArrayList<>();
    for (int seq = 0; seq < perDevice; seq++) {
      if (halfway != null && seq == perDevice / 2) {
        halfway.countDown();
      }
      boolean afterReload = reloaded != null && reloaded.done;
      for (int d = 0; d < DEVICES_PER_THREAD; d++) {
        String device = device(thread * DEVICES_PER_THREAD + d);
        Message message = event(device, QOS[(seq + d) % QOS.length], seq);
        if (afterReload) {
          firstSeqAfterSwitch.putIfAbsent("mac:" + device, (long) seq);
        }
        results.add(publisher.produce(message));
      }
    }
    return results;
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) {
    List<ConsumerRecord<byte[], byte[]>> records =
        KafkaRecords.readExactly(kafka.bootstrapServers(), topic, expected, WAIT);
    assertThat(records).hasSize(expected);
    return records;
  }

  private static void assertEveryDeviceInOrder(
      List<ConsumerRecord<byte[], byte[]>> records, int perDevice) {
    List<Long> expected = new ArrayList<>();
    for (long seq = 0; seq < perDevice; seq++) {
      expected.add(seq);
    }
    Map<String, List<Long>> sequences = Fixtures.sequencesByKey(records);
    assertThat(sequences).hasSize(THREADS * DEVICES_PER_THREAD);
    assertThat(sequences).allSatisfy((key, seqs) -> assertThat(seqs).as(key).isEqualTo(expected));
  }

  /** A record batch as stored in a log segment. */
  private record DiskBatch(long baseOffset, long lastOffset, CompressionType compressionType) {}

  /**
   * Every record batch of {@code topic} in the broker's log segment files, per partition. The
   * only way to see the codec a producer used: consumers get records already decompressed.
   * Relies on the embedded cluster's layout ({@code node-<id>/data/<topic>-<partition>/}).
   */
  private static Map<TopicPartition, List<DiskBatch>> batchesOnDisk(String topic) throws IOException {
    Path data = kafka.directory().resolve("node-0").resolve("data");
    Map<TopicPartition, List<DiskBatch>> batches = new HashMap<>();
    try (Stream<Path> dirs = Files.list(data)) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(topic + "-")).toList()) {
        String name = dir.getFileName().toString();
        int partition = Integer.parseInt(name.substring(topic.length() + 1));
        List<DiskBatch> list = batches.computeIfAbsent(new TopicPartition(topic, partition), p -> new ArrayList<>());
        try (Stream<Path> files = Files.list(dir)) {
          for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
            // A copy, so that nothing here can touch (or truncate) the broker's own file.
            Path copy = Files.copy(log, Files.createTempFile("segment", ".log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (FileRecords records = FileRecords.open(copy.toFile(), false)) {
              records.batches().forEach(
                  b -> list.add(new DiskBatch(b.baseOffset(), b.lastOffset(), b.compressionType())));
            } catch (UncheckedIOException e) {
              throw e.getCause();
            } finally {
              Files.delete(copy);
            }
          }
        }
      }
    }
    return batches;
  }

  private static DiskBatch batchOf(
      Map<TopicPartition, List<DiskBatch>> batches, ConsumerRecord<byte[], byte[]> record) {
    for (DiskBatch batch : batches.get(new TopicPartition(record.topic(), record.partition()))) {
      if (batch.baseOffset() <= record.offset() && record.offset() <= batch.lastOffset()) {
        return batch;
      }
    }
    throw new AssertionError("no batch on disk holds " + record.topic() + "-" + record.partition()
        + "@" + record.offset());
  }
}
