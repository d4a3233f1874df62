package io.wrpkafka.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ErrorType;
import io.wrpkafka.Outcome;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The metrics of a publisher producing to one real broker. */
class PublisherMetricsBrokerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static EmbeddedKafka kafka;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<String> clientIds = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    await().atMost(WAIT).until(() -> liveThreadsOf(clientIds).isEmpty());
  }

  private static List<String> liveThreadsOf(List<String> clientIds) {
    List<String> live = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      for (String clientId : clientIds) {
        if (thread.isAlive() && thread.getName().contains(clientId)) {
          live.add(thread.getName());
        }
      }
    }
    return live;
  }

  private static String name(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  private static String topic(String prefix, int partitions) {
    String topic = name(prefix);
    kafka.createTopic(topic, partitions);
    return topic;
  }

  /** A started publisher with {@code routes} and its metrics bound to {@link #registry}. */
  private Publisher publisher(DynamicConfig routes, int maxRecords) {
    String clientId = name("metrics");
    clientIds.add(clientId);
    Publisher publisher =
        Publisher.builder()
            .config(
                PublisherConfig.builder()
                    .brokers(kafka.bootstrapServers())
                    .clientId(clientId)
                    .maxBufferedRecords(maxRecords)
                    .requestTimeout(Duration.ofSeconds(5))
                    .recordDeliveryTimeout(Duration.ofSeconds(30))
                    .cleanupTimeout(Duration.ofSeconds(10))
                    .initialDynamicConfig(routes)
                    .build())
            .build();
    toClose.add(() -> publisher.stop(Duration.ofSeconds(10)));
    toClose.add(PublisherMetrics.bind(publisher, registry));
    publisher.start();
    return publisher;
  }

  private static DynamicConfig allTo(String topic, Duration linger) {
    return DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic(topic).build()))
        .linger(linger)
        .build();
  }

  private static Message telemetry(int device, int qos, Map<String, String> metadata) {
    String id = String.format("%012x", 0x112233000000L + device);
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("mac:" + id)
        .destination("event:telemetry/mac:" + id)
        .transactionUuid("tx-" + id + "-" + qos)
        .contentType("application/json")
        .metadata(metadata)
        .payload("{\"n\":1}".getBytes(StandardCharsets.UTF_8))
        .qualityOfService(qos)
        .build();
  }

  private double published(String topic, String shardStrategy) {
    return registry
        .get(PublishEventMeters.PUBLISHED)
        .tags("event_type", "telemetry", "topic", topic, "shard_strategy", shardStrategy)
        .counter()
        .count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void acknowledgedRecordsMoveThePublishedCounterAndTheTimer() {
    String topic = topic("acked", 1);
    Publisher publisher = publisher(allTo(topic, Duration.ofMillis(5)), 1_000);

    for (int device = 0; device < 3; device++) {
      assertThat(publisher.produce(telemetry(device, 80, Map.of())).outcome())
          .isEqualTo(Outcome.ACCEPTED);
    }

    await().atMost(WAIT).untilAsserted(() -> assertThat(published(topic, "single")).isEqualTo(3));
    assertThat(
            registry
                .get(PublishEventMeters.DURATION)
                .tags("qos_band", "acknowledged", "result", "success")
                .timer()
                .count())
        .isEqualTo(3);
    assertThat(gauge(PublisherMetrics.BUFFER_RECORDS)).isZero();
    assertThat(gauge(PublisherMetrics.BUFFER_MAX_RECORDS)).isEqualTo(1_000);
  }

  @Test
  void bufferGaugesShowRecordsWaitingForTheBroker() {
    String topic = topic("lingering", 1);
    Publisher publisher = publisher(allTo(topic, Duration.ofSeconds(20)), 10);

    for (int device = 0; device < 3; device++) {
      assertThat(publisher.produce(telemetry(device, 30, Map.of())).outcome())
          .isEqualTo(Outcome.QUEUED);
    }

    assertThat(gauge(PublisherMetrics.BUFFER_RECORDS)).isEqualTo(3);
    assertThat(gauge(PublisherMetrics.BUFFER_BYTES))
        .isEqualTo(publisher.bufferState().bytes())
        .isPositive();
    assertThat(gauge(PublisherMetrics.BUFFER_UTILISATION))
        .isEqualTo(publisher.bufferState().utilisation())
        .isGreaterThanOrEqualTo(0.3);

    publisher.stop(Duration.ofSeconds(10));

    assertThat(gauge(PublisherMetrics.BUFFER_RECORDS)).isZero();
    assertThat(published(topic, "single")).isEqualTo(3);
  }

  @Test
  void anUnroutableMessageCountsAsErroredWithNoTopicMatch() {
    String topic = topic("routed", 1);
    DynamicConfig onlyOnline =
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("online").topic(topic).build()))
            .build();
    Publisher publisher = publisher(onlyOnline, 1_000);

    assertThat(publisher.produce(telemetry(1, 80, Map.of())).outcome()).isEqualTo(Outcome.FAILED);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        registry
                            .get(PublishEventMeters.ERRORED)
                            .tags("error_type", ErrorType.NO_TOPIC_MATCH.label(), "topic", "")
                            .counter()
                            .count())
                    .isEqualTo(1));
  }

  @Test
  void aMetadataShardWithoutItsFieldCountsAFallbackAndStillPublishes() {
    String first = topic("tenant-a", 1);
    String second = topic("tenant-b", 1);
    DynamicConfig byTenant =
        DynamicConfig.builder()
            .topicMap(
                List.of(
                    TopicRoute.builder()
                        .pattern("*")
                        .topics(List.of(first, second))
                        .shardBy("metadata:tenant")
                        .build()))
            .linger(Duration.ofMillis(5))
            .build();
    Publisher publisher = publisher(byTenant, 1_000);

    assertThat(publisher.produce(telemetry(1, 80, Map.of("seq", "1"))).outcome())
        .isEqualTo(Outcome.ACCEPTED);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        registry
                            .get(PublishEventMeters.ERRORED)
                            .tags("error_type", ErrorType.MISSING_METADATA_FIELD.label(),
                                "shard_strategy", "metadata")
                            .counter()
                            .count())
                    .isEqualTo(1));
    assertThat(
            registry
                .find(PublishEventMeters.PUBLISHED)
                .tag("shard_strategy", "metadata")
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum())
        .isEqualTo(1);
  }

  @Test
  void kafkaClientMetricsOfARealProducerBecomeMeters() throws Exception {
    String topic = topic("client", 1);
    String clientId = name("raw");
    clientIds.add(clientId);
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, clientId),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    toClose.add(producer);
    for (int i = 0; i < 2; i++) {
      producer.send(new ProducerRecord<>(topic, new byte[] {(byte) i})).get(30, TimeUnit.SECONDS);
    }
    KafkaProducerMetrics metrics = new KafkaProducerMetrics(producer::metrics);
    toClose.add(metrics);

    metrics.bindTo(registry);

    assertThat(registry.get("kafka.producer.record.send.total").functionCounter().count())
        .isEqualTo(2);
    assertThat(registry.get("kafka.producer.buffer.available.bytes").gauge().value()).isPositive();
  }
}
