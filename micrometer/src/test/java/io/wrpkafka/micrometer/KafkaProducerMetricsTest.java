package io.wrpkafka.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wrpkafka.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KafkaProducerMetrics} over a real Kafka client metrics registry ({@link Metrics}, the
 * class a KafkaProducer keeps its metrics in), without a broker.
 */
class KafkaProducerMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Metrics kafkaMetrics = new Metrics();

  @AfterEach
  void close() {
    kafkaMetrics.close();
  }

  private MetricName sendRate() {
    return kafkaMetrics.metricName(
        "record-send-rate", "producer-metrics", "", Map.of("client-id", "bridge-1"));
  }

  @Test
  void eachKafkaMetricBecomesAMeterWithTheClientIdTag() {
    kafkaMetrics.addMetric(sendRate(), (Measurable) (config, now) -> 42.0);

    try (KafkaProducerMetrics binding = new KafkaProducerMetrics(kafkaMetrics::metrics)) {
      binding.bindTo(registry);

      assertThat(registry.get("kafka.producer.record.send.rate").tag("client.id", "bridge-1")
              .gauge().value())
          .isEqualTo(42.0);
    }
  }

  @Test
  void givenTagsAreAddedToTheKafkaMeters() {
    kafkaMetrics.addMetric(sendRate(), (Measurable) (config, now) -> 1.0);

    try (KafkaProducerMetrics binding =
        new KafkaProducerMetrics(
            kafkaMetrics::metrics, Tags.of("publisher", "p1"), Duration.ofMinutes(1))) {
      binding.bindTo(registry);

      assertThat(registry.get("kafka.producer.record.send.rate").tag("publisher", "p1").gauge())
          .isNotNull();
    }
  }

  @Test
  void closeRemovesTheKafkaMeters() {
    kafkaMetrics.addMetric(sendRate(), (Measurable) (config, now) -> 1.0);
    KafkaProducerMetrics binding = new KafkaProducerMetrics(kafkaMetrics::metrics);
    binding.bindTo(registry);

    binding.close();

    assertThat(registry.find("kafka.producer.record.send.rate").meters()).isEmpty();
  }

  @Test
  void theMetersFollowTheSupplierToAReplacedProducer() {
    kafkaMetrics.addMetric(sendRate(), (Measurable) (config, now) -> 1.0);
    AtomicReference<Map<MetricName, ? extends Metric>> current =
        new AtomicReference<>(kafkaMetrics.metrics());
    try (Metrics replacement = new Metrics();
        KafkaProducerMetrics binding =
            new KafkaProducerMetrics(current::get, Tags.empty(), Duration.ofMillis(50))) {
      binding.bindTo(registry);
      replacement.addMetric(
          replacement.metricName(
              "record-send-rate", "producer-metrics", "", Map.of("client-id", "bridge-1")),
          (Measurable) (config, now) -> 7.0);

      current.set(replacement.metrics());

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(registry.get("kafka.producer.record.send.rate").gauge().value())
                  .isEqualTo(7.0));
    }
  }

  @Test
  void closeStopsTheRefreshThread() {
    KafkaProducerMetrics binding = new KafkaProducerMetrics(kafkaMetrics::metrics);
    binding.bindTo(registry);
    assertThat(liveThreadNamed(binding.threadName())).isTrue();

    binding.close();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !liveThreadNamed(binding.threadName()));
  }

  private static boolean liveThreadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.isAlive() && thread.getName().equals(name));
  }

  @Test
  void aSupplierThatThrowsBindsNoMetersAndDoesNotFail() {
    try (KafkaProducerMetrics binding =
        new KafkaProducerMetrics(
            () -> {
              throw new IllegalStateException("publisher not started");
            })) {
      binding.bindTo(registry);

      assertThat(registry.find("kafka.producer.record.send.rate").meters()).isEmpty();
    }
  }

  @Test
  void metersGoWhileTheSupplierThrowsAndComeBackWhenItAnswers() {
    kafkaMetrics.addMetric(sendRate(), (Measurable) (config, now) -> 5.0);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Supplier<Map<MetricName, ? extends Metric>> flaky =
        () -> {
          if (failure.get() != null) {
            throw failure.get();
          }
          return kafkaMetrics.metrics();
        };
    try (KafkaProducerMetrics binding =
        new KafkaProducerMetrics(flaky, Tags.empty(), Duration.ofMillis(50))) {
      binding.bindTo(registry);

      failure.set(new IllegalStateException("publisher stopped"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> registry.find("kafka.producer.record.send.rate").meters().isEmpty());

      failure.set(null);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> registry.find("kafka.producer.record.send.rate").gauge() != null);
    }
  }

  @Test
  void theProducerHandedToMicrometerAnswersMetricsFromTheSupplier() {
    Map<MetricName, ? extends Metric> metrics = kafkaMetrics.metrics();

    Producer<?, ?> producer = KafkaProducerMetrics.metricsOnly(() -> metrics);

    assertThat(producer.metrics()).isSameAs(metrics);
  }

  @Test
  void theProducerHandedToMicrometerRejectsEverythingButMetrics() {
    Producer<?, ?> producer = KafkaProducerMetrics.metricsOnly(Map::of);

    assertThatThrownBy(producer::flush)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("Producer.flush: only metrics() is available here");
  }

  @Test
  void aRefreshIntervalOfZeroIsRejectedWithItsValue() {
    assertThatThrownBy(
            () -> new KafkaProducerMetrics(Map::of, Tags.empty(), Duration.ZERO))
        .isInstanceOf(ConfigException.class)
        .hasMessage("refreshInterval: must be positive, was PT0S");
  }

  @Test
  void bindingASecondTimeIsRejected() {
    try (KafkaProducerMetrics binding = new KafkaProducerMetrics(Map::of)) {
      binding.bindTo(registry);

      assertThatThrownBy(() -> binding.bindTo(registry))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already bound");
    }
  }
}
