package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Outcome;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} against a real broker: what goes back, what is skipped, what is committed. */
class ReplayCommandTest {
  private static final Instant FAILED_AT = Instant.parse("2026-12-01T02:03:04.567Z");
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static EmbeddedKafka kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  /** A fresh topic name for one test, created with {@code partitions}. */
  private static String topic(String name, int partitions) {
    String topic = name + "-" + TOPICS.incrementAndGet();
    kafka.createTopic(topic, partitions);
    return topic;
  }

  private static Message event(String device, int n) {
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("mac:" + device)
        .destination("event:device-status/mac:" + device + "/online")
        .contentType("text/plain")
        .payload(("event " + n).getBytes(StandardCharsets.UTF_8))
        .qualityOfService(50)
        .build();
  }

  /** What the publisher puts on the dead-letter topic for a record that failed for good. */
  record DeadLetter(String key, byte[] value, List<Header> headers, String originalTopic,
      String errorType, Instant failedAt) {

    static DeadLetter of(String device, int n, String originalTopic, String errorType) {
      return new DeadLetter("mac:" + device, Format.MSGPACK.encode(event(device, n)),
          List.of(new RecordHeader("wrp-source", ("mac:" + device).getBytes(StandardCharsets.UTF_8)),
              new RecordHeader("tag", "a".getBytes(StandardCharsets.UTF_8)),
              new RecordHeader("tag", "b".getBytes(StandardCharsets.UTF_8))),
          originalTopic, errorType, FAILED_AT);
    }

    DeadLetter failedAt(Instant when) {
      return new DeadLetter(key, value, headers, originalTopic, errorType, when);
    }

    ProducerRecord<byte[], byte[]> toRecord(String deadLetterTopic) {
      List<Header> all = new ArrayList<>(headers);
      all.add(utf8("dlq.reason", "the broker said no"));
      all.add(utf8("dlq.error_type", errorType));
      all.add(utf8("dlq.original_topic", originalTopic));
      all.add(utf8("dlq.first_attempt", failedAt.minusSeconds(120).toString()));
      all.add(utf8("dlq.failed_at", failedAt.toString()));
      all.add(utf8("dlq.client_id", "wrpkafka-test"));
      return new ProducerRecord<>(deadLetterTopic, null, key.getBytes(StandardCharsets.UTF_8), value, all);
    }

    private static Header utf8(String key, String value) {
      return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void deadLetter(String topic, List<DeadLetter> records) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (DeadLetter record : records) {
        producer.send(record.toRecord(topic));
      }
      producer.flush();
    }
  }

  private static Properties consumerProps() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  /** Every record of {@code topic}, once there are {@code count}, in partition order. */
  private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        assertThat(records).hasSizeGreaterThanOrEqualTo(count);
      });
    }
    assertThat(records).hasSize(count);
    assertThat(records(topic)).isEqualTo(count);
    return records;
  }

  /** How many records {@code topic} holds (its end offsets; every test topic starts empty). */
  private static long records(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The offsets group {@code group} has committed, summed over partitions (0 if none). */
  private static long committed(String group) throws Exception {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()
          .stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
  }

  private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
    List<String> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }

  private static List<String> payloads(List<ConsumerRecord<byte[], byte[]>> records, String key) {
    return records.stream()
        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key))
        .map(r -> new String(Format.MSGPACK.decode(r.value()).payload(), StandardCharsets.UTF_8))
        .toList();
  }

  private static Cli.Run replay(String deadLetterTopic, String... options) {
    List<String> args = new ArrayList<>(List.of("replay", "--from", deadLetterTopic,
        "--brokers", kafka.bootstrapServers(), "--group", "group-" + deadLetterTopic));
    args.addAll(List.of(options));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void everyRecordGoesBackToItsOriginalTopicByteIdenticalWithoutDlqHeadersInKeyOrder()
      throws Exception {
    String dlq = topic("dlq", 2);
    String status = topic("status", 3);
    String telemetry = topic("telemetry", 1);
    List<DeadLetter> records = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      records.add(DeadLetter.of("000000000001", n, status, "timeout"));
      records.add(DeadLetter.of("000000000002", n, status, "topic_not_found"));
      records.add(DeadLetter.of("000000000003", n, telemetry, "record_too_large"));
    }
    deadLetter(dlq, records);

    Cli.Run run = replay(dlq);

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("replayed:  15").contains("failed:    0");
    List<ConsumerRecord<byte[], byte[]>> backInStatus = read(status, 10);
    List<ConsumerRecord<byte[], byte[]>> backInTelemetry = read(telemetry, 5);
    List<ConsumerRecord<byte[], byte[]>> back = new ArrayList<>(backInStatus);
    back.addAll(backInTelemetry);
    for (ConsumerRecord<byte[], byte[]> record : back) {
      DeadLetter original = records.stream()
          .filter(r -> java.util.Arrays.equals(r.value(), record.value())).findFirst().orElseThrow();
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(original.key());
      assertThat(headers(record))
          .containsExactly("wrp-source=" + original.key(), "tag=a", "tag=b");
    }
    List<String> inOrder = List.of("event 0", "event 1", "event 2", "event 3", "event 4");
    assertThat(payloads(backInStatus, "mac:000000000001")).isEqualTo(inOrder);
    assertThat(payloads(backInStatus, "mac:000000000002")).isEqualTo(inOrder);
    assertThat(payloads(backInTelemetry, "mac:000000000003")).isEqualTo(inOrder);
  }

  @Test
  void whatThePublisherDeadLetteredReachesItsTopicOnceItExistsInDeviceOrder() throws Exception {
    String dlq = topic("dlq", 2);
    String late = "late-" + TOPICS.incrementAndGet();
    PublisherConfig config = PublisherConfig.builder()
        .brokers(kafka.bootstrapServers())
        .clientId("replay-end-to-end")
        .allowAutoTopicCreation(false)
        .initialDynamicConfig(DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topic(late).build()))
            .deadLetter(DeadLetterConfig.builder().topic(dlq).build())
            .build())
        .build();
    try (Publisher publisher = Publisher.builder().config(config).build()) {
      publisher.start();
      for (int n = 0; n < 5; n++) {
        for (String device : List.of("000000000011", "000000000012", "000000000013")) {
          assertThat(publisher.produce(event(device, n)).outcome()).isEqualTo(Outcome.QUEUED);
        }
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> records(dlq) == 15);
    }
    kafka.createTopic(late, 3);

    Cli.Run run = replay(dlq);

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    List<ConsumerRecord<byte[], byte[]>> back = read(late, 15);
    List<String> inOrder = List.of("event 0", "event 1", "event 2", "event 3", "event 4");
    for (String device : List.of("000000000011", "000000000012", "000000000013")) {
      assertThat(payloads(back, "mac:" + device)).isEqualTo(inOrder);
    }
    assertThat(back).allSatisfy(record -> assertThat(headers(record)).noneMatch(
        header -> header.startsWith("dlq.")));
  }

  @Test
  void errorTypeReplaysOnlyThatTypeAndCommitsPastTheOthers() throws Exception {
    String dlq = topic("dlq", 1);
    String original = topic("original", 1);
    deadLetter(dlq, List.of(
        DeadLetter.of("000000000001", 0, original, "topic_not_found"),
        DeadLetter.of("000000000001", 1, original, "timeout"),
        DeadLetter.of("000000000001", 2, original, "record_too_large"),
        DeadLetter.of("000000000001", 3, original, "timeout")));

    Cli.Run run = replay(dlq, "--error-type", "timeout");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(payloads(read(original, 2), "mac:000000000001")).containsExactly("event 1", "event 3");
    assertThat(run.out()).contains("skipped:   2").contains(ReplaySelection.OTHER_ERROR_TYPE);
    assertThat(committed("group-" + dlq)).isEqualTo(4);
  }

  @Test
  void sinceAndUntilReplayOnlyRecordsThatFailedInThatRange() throws Exception {
    String dlq = topic("dlq", 1);
    String original = topic("original", 1);
    Instant noon = Instant.parse("2026-12-01T12:00:00Z");
    deadLetter(dlq, List.of(
        DeadLetter.of("000000000001", 0, original, "timeout").failedAt(noon.minusSeconds(1)),
        DeadLetter.of("000000000001", 1, original, "timeout").failedAt(noon),
        DeadLetter.of("000000000001", 2, original, "timeout").failedAt(noon.plusSeconds(3599)),
        DeadLetter.of("000000000001", 3, original, "timeout").failedAt(noon.plusSeconds(3600))));

    Cli.Run run = replay(dlq, "--since", "2026-12-01T12:00:00Z", "--until", "2026-12-01T14:00:00+01:00");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(payloads(read(original, 2), "mac:000000000001")).containsExactly("event 1", "event 2");
    assertThat(run.out()).contains(ReplaySelection.BEFORE_SINCE).contains(ReplaySelection.NOT_BEFORE_UNTIL);
  }

  @Test
  void aDurationForSinceMeansThatLongAgo() {
    Instant before = Instant.now();
    Instant since = new ReplayCommand.TimeConverter().convert("1d2h");
    Instant after = Instant.now();

    assertThat(since).isBetween(before.minus(Duration.ofHours(26)), after.minus(Duration.ofHours(26)));
  }

  @Test
  void dryRunPrintsWhatItWouldReplayAndProducesAndCommitsNothing() throws Exception {
    String dlq = topic("dlq", 2);
    String original = topic("original", 1);
    deadLetter(dlq, List.of(
        DeadLetter.of("000000000001", 0, original, "timeout"),
        DeadLetter.of("000000000002", 0, original, "timeout"),
        DeadLetter.of("000000000003", 0, original, "topic_not_found")));

    Cli.Run run = replay(dlq, "--dry-run");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("would replay: 3").containsPattern(original + " +timeout +2")
        .containsPattern(original + " +topic_not_found +1");
    assertThat(records(original)).isZero();
    assertThat(committed("group-" + dlq)).isZero();
  }

  @Test
  void aSecondRunAfterACompletedOneReplaysNothing() throws Exception {
    String dlq = topic("dlq", 2);
    String original = topic("original", 1);
    deadLetter(dlq, List.of(
        DeadLetter.of("000000000001", 0, original, "timeout"),
        DeadLetter.of("000000000002", 0, original, "timeout")));
    assertThat(replay(dlq).exit()).isZero();

    Cli.Run second = replay(dlq);

    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("Replaying 0 record(s)").contains("replayed:  0");
    assertThat(records(original)).isEqualTo(2);
  }

  @Test
  void unroutableRecordsAreSkippedWithoutReroute() throws Exception {
    String dlq = topic("dlq", 1);
    String original = topic("original", 1);
    deadLetter(dlq, List.of(
        DeadLetter.of("000000000001", 0, "", "no_topic_match"),
        DeadLetter.of("000000000001", 1, original, "timeout")));

    Cli.Run run = replay(dlq);

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(payloads(read(original, 1), "mac:000000000001")).containsExactly("event 1");
    assertThat(run.out()).contains("skipped:   1").contains(ReplaySelection.UNROUTABLE);
  }

  @Test
  void rerouteRoutesEveryRecordThroughTheCurrentConfig() throws Exception {
    String dlq = topic("dlq", 1);
    String old = topic("old", 1);
    String current = topic("current", 1);
    Path config = dir.resolve("wrpkafka.yaml");
    Files.writeString(config, String.join("\n",
        "kafka:",
        "  brokers: " + kafka.bootstrapServers(),
        "  clientId: replay-test",
        "  topicMap:",
        "    - pattern: device-status",
        "      topic: " + current,
        ""));
    List<DeadLetter> records = List.of(
        DeadLetter.of("000000000001", 0, "", "no_topic_match"),
        DeadLetter.of("000000000001", 1, old, "topic_not_found"));
    deadLetter(dlq, records);

    Cli.Run run = Cli.run("replay", "--from", dlq, "--config", config.toString(), "--reroute");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    List<ConsumerRecord<byte[], byte[]>> rerouted = read(current, 2);
    assertThat(rerouted).extracting(r -> Format.MSGPACK.decode(r.value()))
        .containsExactly(event("000000000001", 0), event("000000000001", 1));
    assertThat(run.out()).contains("replayed:  2").containsPattern(current + " +2 record");
    assertThat(records(old)).isZero();
  }

  @Test
  void aFailedRecordExitsOneAndStaysUncommittedForTheNextRun() throws Exception {
    String dlq = topic("dlq", 1);
    String original = topic("original", 1);
    deadLetter(dlq, List.of(
        DeadLetter.of("000000000001", 0, original, "timeout"),
        DeadLetter.of("000000000001", 1, "not a valid topic name!", "timeout"),
        DeadLetter.of("000000000001", 2, original, "timeout")));

    Cli.Run run = replay(dlq);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("failed:    1").contains("partition 0 offset 1: to \"not a valid topic name!\"")
        .contains("left for the next run: 2");
    assertThat(committed("group-" + dlq)).isEqualTo(1);
  }

  @Test
  void rerouteWithoutAConfigIsABadCommandLine() {
    Cli.Run run = Cli.run("replay", "--brokers", kafka.bootstrapServers(), "--reroute");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--reroute needs --config");
  }
}
