package io.wrpkafka.app;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.WrpFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything on the demo's topics, read from the beginning to the end offsets and checked: each
 * value decodes, each record is keyed by its device, and each device's records are in the order
 * it produced them (by the sequence number at the end of the transaction UUID).
 */
final class ReadBack {

  final Map<String, Map<Integer, Long>> recordsPerPartition = new TreeMap<>();
  /** The first record of each topic, decoded, by topic name. */
  final Map<String, Sample> samples = new TreeMap<>();
  final List<String> problems = new ArrayList<>();
  long records;
  long expected;

  private final Map<String, Integer> lastSeq = new HashMap<>();
  private final Map<String, Integer> partitionOfDevice = new HashMap<>();

  static ReadBack readAll(String brokers, List<String> topics, long expected, Duration timeout) {
    ReadBack readBack = new ReadBack();
    readBack.expected = expected;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          readBack.problems.add("timed out reading back after " + timeout.toSeconds() + " s");
          break;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          readBack.check(record);
        }
      }
    }
    if (readBack.records != expected) {
      readBack.problems.add("read " + readBack.records + " records, but the publisher reported "
          + expected + " delivered");
    }
    return readBack;
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void check(ConsumerRecord<byte[], byte[]> record) {
    records++;
    recordsPerPartition.computeIfAbsent(record.topic(), t -> new TreeMap<>())
        .merge(record.partition(), 1L, Long::sum);
    Message message;
    try {
      message = Format.MSGPACK.decode(record.value());
    } catch (WrpFormatException e) {
      problems.add(where(record) + " does not decode: " + e.getMessage());
      return;
    }
    String device = message.metadata().getOrDefault("/hw-deviceid", "");
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (!samples.containsKey(record.topic())) {
      List<String> headers = new ArrayList<>();
      for (Header header : record.headers()) {
        headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
      }
      samples.put(record.topic(), new Sample(record.partition(), key, headers, message));
    }
    if (!device.equals(key)) {
      problems.add(where(record) + " has key " + key + ", expected " + device);
    }
    String stream = record.topic() + "/" + device;
    Integer partition = partitionOfDevice.putIfAbsent(stream, record.partition());
    if (partition != null && partition != record.partition()) {
      problems.add(stream + " is on partitions " + partition + " and " + record.partition());
    }
    String uuid = message.transactionUuid();
    int seq = Integer.parseInt(uuid.substring(uuid.lastIndexOf('-') + 1));
    Integer previous = lastSeq.put(stream, seq);
    if (previous != null && previous >= seq) {
      problems.add(stream + " out of order: " + seq + " after " + previous);
    }
  }

  /** One record as read back: where it landed, its key and headers, and its decoded value. */
  record Sample(int partition, String key, List<String> headers, Message message) {}

  int streams() {
    return lastSeq.size();
  }

  private static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
