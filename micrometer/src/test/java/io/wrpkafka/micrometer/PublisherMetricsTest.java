package io.wrpkafka.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wrpkafka.ConfigException;
import io.wrpkafka.DeadLetterEvent;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ErrorType;
import io.wrpkafka.Outcome;
import io.wrpkafka.PublishEvent;
import io.wrpkafka.PublishException;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.SpoolConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The meters of {@link PublisherMetrics}, fed events directly; the publisher is built but never
 * started, so no broker is needed.
 */
class PublisherMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Publisher publisher = unstartedPublisher(1_000, 4_096);
  private final PublisherMetrics metrics = PublisherMetrics.bind(publisher, registry);

  @AfterEach
  void close() {
    metrics.close();
    publisher.close();
  }

  static Publisher unstartedPublisher(int maxRecords, long maxBytes) {
    DynamicConfig routes =
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topic("unused").build()))
            .build();
    return Publisher.builder()
        .config(
            PublisherConfig.builder()
                .brokers("localhost:9")
                .clientId("metrics-test")
                .maxBufferedRecords(maxRecords)
                .maxBufferedBytes(maxBytes)
                .initialDynamicConfig(routes)
                .build())
        .build();
  }

  static PublishEvent success(String eventType, String topic, int qos, Duration latency) {
    return new PublishEvent(eventType, topic, "deviceid", qos, latency, null, null);
  }

  static PublishEvent failure(String eventType, String topic, ErrorType type) {
    return new PublishEvent(
        eventType, topic, "deviceid", 80, Duration.ofMillis(3), type, new RuntimeException("x"));
  }

  static DeadLetterEvent deadLettered(String originalTopic, ErrorType type) {
    return new DeadLetterEvent("dead-letters", originalTopic, type, 80, null);
  }

  static DeadLetterEvent deadLetterFailed(String originalTopic, ErrorType type) {
    return new DeadLetterEvent("dead-letters", originalTopic, type, 80,
        new PublishException(ErrorType.DEAD_LETTER_FAILED, "dead-letter topic unavailable"));
  }

  private void feed(PublishEvent event) {
    metrics.eventMeters().onPublish(event);
  }

  private Counter published(String eventType, String topic) {
    return registry
        .get(PublishEventMeters.PUBLISHED)
        .tags("event_type", eventType, "topic", topic, "shard_strategy", "deviceid")
        .counter();
  }

  private Counter errored(String eventType, String topic, ErrorType type) {
    return registry
        .get(PublishEventMeters.ERRORED)
        .tags("event_type", eventType, "topic", topic, "shard_strategy", "deviceid")
        .tag("error_type", type.label())
        .counter();
  }

  private Timer timer(String band, String result) {
    return registry
        .get(PublishEventMeters.DURATION)
        .tags("qos_band", band, "result", result)
        .timer();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void aSuccessfulEventCountsAsPublishedUnderItsRoute() {
    feed(success("online", "device-events", 80, Duration.ofMillis(4)));
    feed(success("online", "device-events", 80, Duration.ofMillis(4)));
    feed(success("offline", "device-events", 80, Duration.ofMillis(4)));

    assertThat(published("online", "device-events").count()).isEqualTo(2.0);
    assertThat(published("offline", "device-events").count()).isEqualTo(1.0);
    assertThat(registry.find(PublishEventMeters.ERRORED).meters()).isEmpty();
  }

  @ParameterizedTest(name = "{0} counts under error_type of its label")
  @EnumSource(ErrorType.class)
  void aFailedEventCountsAsErroredUnderItsErrorTypeLabelAndNotAsPublished(ErrorType type) {
    feed(failure("device-status", "status", type));

    assertThat(errored("device-status", "status", type).count()).isEqualTo(1.0);
    assertThat(published("device-status", "status").count()).isZero();
  }

  @Test
  void aShardFallbackCountsAsErroredWithMissingMetadataField() {
    Destination destination = new Destination("telemetry-1", "k", List.of(), "deviceid", "online");

    metrics.eventMeters().onShardValueMissing(destination, "deviceid");

    assertThat(errored("online", "telemetry-1", ErrorType.MISSING_METADATA_FIELD).count())
        .isEqualTo(1.0);
  }

  private Counter deadLetteredCounter(String originalTopic, ErrorType type) {
    return registry
        .get(PublishEventMeters.DEAD_LETTERED)
        .tags("original_topic", originalTopic, "error_type", type.label())
        .counter();
  }

  @ParameterizedTest(name = "a written dead letter of a {0} record counts under its label")
  @EnumSource(value = ErrorType.class, names = {"BROKER_ERROR", "TIMEOUT", "RECORD_TOO_LARGE",
      "NO_TOPIC_MATCH"})
  void aWrittenDeadLetterCountsUnderItsOriginalTopicAndErrorType(ErrorType type) {
    metrics.eventMeters().onDeadLetter(deadLettered("status", type));
    metrics.eventMeters().onDeadLetter(deadLettered("status", type));

    assertThat(deadLetteredCounter("status", type).count()).isEqualTo(2.0);
    assertThat(registry.find(PublishEventMeters.ERRORED).meters()).isEmpty();
  }

  @Test
  void deadLettersOfDifferentTopicsAndErrorsCountApart() {
    metrics.eventMeters().onDeadLetter(deadLettered("status", ErrorType.TIMEOUT));
    metrics.eventMeters().onDeadLetter(deadLettered("telemetry", ErrorType.TIMEOUT));
    metrics.eventMeters().onDeadLetter(deadLettered("status", ErrorType.BROKER_ERROR));
    metrics.eventMeters().onDeadLetter(deadLettered("", ErrorType.NO_TOPIC_MATCH));

    assertThat(deadLetteredCounter("status", ErrorType.TIMEOUT).count()).isEqualTo(1.0);
    assertThat(deadLetteredCounter("telemetry", ErrorType.TIMEOUT).count()).isEqualTo(1.0);
    assertThat(deadLetteredCounter("status", ErrorType.BROKER_ERROR).count()).isEqualTo(1.0);
    assertThat(deadLetteredCounter("", ErrorType.NO_TOPIC_MATCH).count()).isEqualTo(1.0);
  }

  @Test
  void aFailedDeadLetterWriteCountsAsErroredWithDeadLetterFailedAndNotAsDeadLettered() {
    metrics.eventMeters().onDeadLetter(deadLetterFailed("status", ErrorType.TIMEOUT));

    Counter failed =
        registry
            .get(PublishEventMeters.ERRORED)
            .tags("event_type", "", "topic", "dead-letters", "shard_strategy", "")
            .tag("error_type", "dead_letter_failed")
            .counter();
    assertThat(failed.count()).isEqualTo(1.0);
    assertThat(registry.find(PublishEventMeters.DEAD_LETTERED).meters()).isEmpty();
  }

  @Test
  void deadLettersAreNotCountedAfterClose() {
    metrics.close();

    metrics.eventMeters().onDeadLetter(deadLettered("status", ErrorType.TIMEOUT));
    metrics.eventMeters().onDeadLetter(deadLetterFailed("status", ErrorType.TIMEOUT));

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void latencyIsRecordedInTheTimerOfTheEventsQosBandAndResult() {
    feed(success("online", "t", 80, Duration.ofMillis(7)));
    feed(success("online", "t", 10, Duration.ofMillis(40)));
    feed(failure("online", "t", ErrorType.TIMEOUT));

    assertThat(timer("acknowledged", "success").count()).isEqualTo(1);
    assertThat(timer("acknowledged", "success").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
    assertThat(timer("best_effort", "success").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
    assertThat(timer("acknowledged", "error").count()).isEqualTo(1);
    assertThat(timer("queued", "success").count()).isZero();
  }

  @Test
  void theDurationHistogramHasFixedBucketsFromOneMillisecondToOneMinute() {
    feed(success("online", "t", 80, Duration.ofMillis(7)));

    CountAtBucket[] buckets = timer("acknowledged", "success").takeSnapshot().histogramCounts();

    assertThat(buckets).hasSize(PublishEventMeters.DURATION_BUCKETS.length);
    assertThat(buckets[0].bucket(TimeUnit.MILLISECONDS)).isEqualTo(1.0);
    assertThat(buckets[buckets.length - 1].bucket(TimeUnit.SECONDS)).isEqualTo(60.0);
    assertThat(buckets[3].bucket(TimeUnit.MILLISECONDS)).isEqualTo(10.0);
    assertThat(buckets[3].count()).isEqualTo(1.0);
    assertThat(buckets[2].count()).isZero();
  }

  @ParameterizedTest(name = "qos {0} is in band {1}")
  @CsvSource({
    "-1, best_effort", "0, best_effort", "24, best_effort", "25, queued", "74, queued",
    "75, acknowledged", "99, acknowledged", "120, acknowledged"
  })
  void qosMapsToTheThreeDeliveryBands(int qos, String band) {
    assertThat(PublishEventMeters.qosBand(qos)).isEqualTo(band);
  }

  @Test
  void repeatedEventsOfOneRouteShareOneCounter() {
    feed(success("online", "t", 80, Duration.ofMillis(1)));
    int meters = registry.getMeters().size();

    for (int i = 0; i < 100; i++) {
      feed(success("online", "t", 80, Duration.ofMillis(1)));
    }

    assertThat(registry.getMeters()).hasSize(meters);
    assertThat(published("online", "t").count()).isEqualTo(101.0);
  }

  @Test
  void eventTypesBeyondTheLimitAreCountedAsOther() {
    Publisher other = unstartedPublisher(10, 1_000);
    SimpleMeterRegistry limited = new SimpleMeterRegistry();
    try (PublisherMetrics capped = PublisherMetrics.builder(other).maxEventTypes(2).build()) {
      capped.bindTo(limited);
      for (String type : List.of("a", "b", "c", "d", "a", "d")) {
        capped.eventMeters().onPublish(success(type, "t", 80, Duration.ofMillis(1)));
      }

      assertThat(limited.get(PublishEventMeters.PUBLISHED).counters())
          .extracting(c -> c.getId().getTag("event_type"), Counter::count)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("a", 2.0),
              org.assertj.core.groups.Tuple.tuple("b", 1.0),
              org.assertj.core.groups.Tuple.tuple(PublishEventMeters.OTHER_EVENT_TYPE, 3.0));
    } finally {
      other.close();
    }
  }

  @Test
  void gaugesReadTheBufferAndItsLimits() {
    assertThat(gauge(PublisherMetrics.BUFFER_RECORDS)).isZero();
    assertThat(gauge(PublisherMetrics.BUFFER_BYTES)).isZero();
    assertThat(gauge(PublisherMetrics.BUFFER_UTILISATION)).isZero();
    assertThat(gauge(PublisherMetrics.BUFFER_MAX_RECORDS)).isEqualTo(1_000.0);
    assertThat(gauge(PublisherMetrics.BUFFER_MAX_BYTES)).isEqualTo(4_096.0);
    assertThat(registry.get(PublisherMetrics.BUFFER_BYTES).gauge().getId().getBaseUnit())
        .isEqualTo("bytes");
  }

  @Test
  void circuitGaugeReadsZeroWhileTheCircuitIsClosed() {
    assertThat(gauge(PublisherMetrics.CIRCUIT_STATE)).isZero();
  }

  @Test
  void spoolGaugesReadZeroWithoutASpool() {
    assertThat(gauge(PublisherMetrics.SPOOL_RECORDS)).isZero();
    assertThat(gauge(PublisherMetrics.SPOOL_BYTES)).isZero();
    assertThat(gauge(PublisherMetrics.SPOOL_OLDEST_AGE)).isZero();
  }

  @Test
  void spoolGaugesReadWhatTheSpoolHolds(@TempDir Path spoolDirectory) {
    DynamicConfig routes =
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topic("unused").build()))
            .build();
    // No broker listens on port 9: the spooled record stays on disk, unacknowledged.
    Publisher spooling =
        Publisher.builder()
            .config(
                PublisherConfig.builder()
                    .brokers("localhost:9")
                    .clientId("metrics-spool-test")
                    .verifyOnStart(false)
                    .spool(SpoolConfig.builder().directory(spoolDirectory).build())
                    .initialDynamicConfig(routes)
                    .build())
            .build();
    SimpleMeterRegistry spoolRegistry = new SimpleMeterRegistry();
    try (PublisherMetrics spoolMetrics = PublisherMetrics.builder(spooling).build()) {
      spoolMetrics.bindTo(spoolRegistry);
      spooling.start();
      Message online =
          Message.builder()
              .type(MessageType.SIMPLE_EVENT)
              .source("mac:112233445566")
              .destination("event:device-status/mac:112233445566/online")
              .qualityOfService(50)
              .build();

      assertThat(spooling.produce(online).outcome()).isEqualTo(Outcome.QUEUED);

      assertThat(spoolRegistry.get(PublisherMetrics.SPOOL_RECORDS).gauge().value()).isEqualTo(1.0);
      assertThat(spoolRegistry.get(PublisherMetrics.SPOOL_BYTES).gauge().value()).isPositive();
      assertThat(spoolRegistry.get(PublisherMetrics.SPOOL_BYTES).gauge().getId().getBaseUnit())
          .isEqualTo("bytes");
      assertThat(spoolRegistry.get(PublisherMetrics.SPOOL_OLDEST_AGE).gauge().value())
          .isGreaterThanOrEqualTo(0.0);
    } finally {
      spooling.close();
    }
  }

  @Test
  void givenTagsAreOnEveryMeter() {
    Publisher other = unstartedPublisher(10, 1_000);
    SimpleMeterRegistry tagged = new SimpleMeterRegistry();
    try (PublisherMetrics withTags =
        PublisherMetrics.builder(other).tags(Tags.of("publisher", "bridge-1")).build()) {
      withTags.bindTo(tagged);
      withTags.eventMeters().onPublish(success("online", "t", 80, Duration.ofMillis(1)));
      withTags.eventMeters().onPublish(failure("online", "t", ErrorType.BROKER_ERROR));

      assertThat(tagged.getMeters())
          .hasSizeGreaterThan(6)
          .allSatisfy(m -> assertThat(m.getId().getTag("publisher")).isEqualTo("bridge-1"));
    } finally {
      other.close();
    }
  }

  @Test
  void closeRemovesEveryMeterAndStopsCounting() {
    feed(success("online", "t", 80, Duration.ofMillis(1)));
    feed(failure("online", "t", ErrorType.BUFFER_FULL));
    PublishEventMeters listener = metrics.eventMeters();

    metrics.close();
    listener.onPublish(success("late", "t", 80, Duration.ofMillis(1)));

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void closeTwiceIsHarmless() {
    metrics.close();
    metrics.close();

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void bindingASecondTimeIsRejected() {
    assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already bound");
  }

  @Test
  void bindingAfterCloseIsRejected() {
    PublisherMetrics unbound = PublisherMetrics.builder(publisher).build();
    unbound.close();

    assertThatThrownBy(() -> unbound.bindTo(registry))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aLimitOfEventTypesBelowOneIsRejectedWithItsValue() {
    assertThatThrownBy(() -> PublisherMetrics.builder(publisher).maxEventTypes(0).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("maxEventTypes: must be at least 1, was 0");
  }

  @Test
  void timersAndGaugesExistBeforeTheFirstEventAndCountersDoNot() {
    assertThat(registry.find(PublishEventMeters.DURATION).timers()).hasSize(6);
    assertThat(registry.find("wrpkafka.buffer").gauges()).isEmpty();
    for (String gauge : List.of(PublisherMetrics.BUFFER_RECORDS, PublisherMetrics.BUFFER_BYTES,
        PublisherMetrics.BUFFER_MAX_RECORDS, PublisherMetrics.BUFFER_MAX_BYTES,
        PublisherMetrics.BUFFER_UTILISATION)) {
      assertThat(registry.find(gauge).gauges()).as(gauge).hasSize(1);
    }
    assertThat(registry.find(PublishEventMeters.PUBLISHED).meters()).isEmpty();
    assertThat(registry.find(PublishEventMeters.ERRORED).meters()).isEmpty();
  }
}
