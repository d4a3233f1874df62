package io.wrpkafka;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Messages, configs and topic names shared by the publisher tests. */
final class Fixtures {
  private static final AtomicInteger TOPICS = new AtomicInteger();

  private Fixtures() {}

  /** A topic name no other test uses. */
  static String topic(String name) {
    return name + "-" + TOPICS.incrementAndGet();
  }

  /** Routes every message to {@code topic}, keyed by device id. */
  static DynamicConfig allTo(String topic) {
    return DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic(topic).build()))
        .linger(Duration.ofMillis(5))
        .build();
  }

  static PublisherConfig.Builder config(EmbeddedKafka kafka, DynamicConfig dynamic) {
    return PublisherConfig.builder()
        .brokers(List.of(kafka.bootstrapServers().split(",")))
        .clientId(topic("client"))
        .requestTimeout(Duration.ofSeconds(5))
        .recordDeliveryTimeout(Duration.ofSeconds(20))
        .cleanupTimeout(Duration.ofSeconds(10))
        .allowAutoTopicCreation(true)
        .initialDynamicConfig(dynamic);
  }

  /** A telemetry event of device {@code mac:<device>} carrying {@code seq} in its metadata. */
  static Message event(String device, int qos, long seq) {
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("mac:" + device)
        .destination("event:telemetry/mac:" + device)
        .transactionUuid("tx-" + device + "-" + seq)
        .contentType("application/json")
        .metadata(Map.of("seq", Long.toString(seq)))
        .payload(("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8))
        .qualityOfService(qos)
        .build();
  }

  /** A 12-hex-digit device id derived from {@code n}. */
  static String device(int n) {
    return String.format("%012x", 0x112233000000L + n);
  }

  static Message decode(ConsumerRecord<byte[], byte[]> record) {
    return Format.MSGPACK.decode(record.value());
  }

  static long seq(ConsumerRecord<byte[], byte[]> record) {
    return Long.parseLong(decode(record).metadata().get("seq"));
  }

  static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  /** Per key, the sequence numbers in offset order of each partition. */
  static Map<String, List<Long>> sequencesByKey(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, List<Long>> byKey = new java.util.TreeMap<>();
    List<ConsumerRecord<byte[], byte[]>> sorted = new ArrayList<>(records);
    sorted.sort(
        java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset));
    for (ConsumerRecord<byte[], byte[]> record : sorted) {
      byKey.computeIfAbsent(key(record), k -> new ArrayList<>()).add(seq(record));
    }
    return byKey;
  }
}
