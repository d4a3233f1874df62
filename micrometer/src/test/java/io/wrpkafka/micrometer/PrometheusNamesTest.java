package io.wrpkafka.micrometer;

import static io.wrpkafka.micrometer.PublisherMetricsTest.deadLetterFailed;
import static io.wrpkafka.micrometer.PublisherMetricsTest.deadLettered;
import static io.wrpkafka.micrometer.PublisherMetricsTest.failure;
import static io.wrpkafka.micrometer.PublisherMetricsTest.success;
import static io.wrpkafka.micrometer.PublisherMetricsTest.unstartedPublisher;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wrpkafka.ErrorType;
import io.wrpkafka.Publisher;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The names and labels a Prometheus scrape shows, as documented in the README. */
class PrometheusNamesTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Publisher publisher = unstartedPublisher(1_000, 4_096);
  private final PublisherMetrics metrics = PublisherMetrics.bind(publisher, registry);

  @AfterEach
  void close() {
    metrics.close();
    publisher.close();
    registry.close();
  }

  /** The sample names of the scrape (the part of each sample line before its labels). */
  private Set<String> sampleNames(String scrape) {
    return Arrays.stream(scrape.split("\n"))
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aScrapeShowsExactlyTheDocumentedSampleNames() {
    metrics.eventMeters().onPublish(success("online", "devices", 80, Duration.ofMillis(3)));
    metrics.eventMeters().onPublish(failure("online", "devices", ErrorType.BROKER_ERROR));

    assertThat(sampleNames(registry.scrape()))
        .containsExactly(
            "wrpkafka_buffer_bytes",
            "wrpkafka_buffer_max_bytes",
            "wrpkafka_buffer_max_records",
            "wrpkafka_buffer_records",
            "wrpkafka_buffer_utilisation",
            "wrpkafka_circuit_state",
            "wrpkafka_messages_errored_total",
            "wrpkafka_messages_published_total",
            "wrpkafka_publish_duration_seconds_bucket",
            "wrpkafka_publish_duration_seconds_count",
            "wrpkafka_publish_duration_seconds_max",
            "wrpkafka_publish_duration_seconds_sum",
            "wrpkafka_spool_bytes",
            "wrpkafka_spool_oldest_age_seconds",
            "wrpkafka_spool_records");
  }

  @Test
  void deadLettersAreScrapedAsTheirOwnCounterAndFailedWritesAsErrors() {
    metrics.eventMeters().onDeadLetter(deadLettered("status", ErrorType.RECORD_TOO_LARGE));
    metrics.eventMeters().onDeadLetter(deadLetterFailed("status", ErrorType.TIMEOUT));

    assertThat(registry.scrape())
        .contains("wrpkafka_dead_lettered_total{error_type=\"record_too_large\","
            + "original_topic=\"status\"} 1.0")
        .contains("wrpkafka_messages_errored_total{error_type=\"dead_letter_failed\","
            + "event_type=\"\",shard_strategy=\"\",topic=\"dead-letters\"} 1.0");
  }

  @Test
  void countersCarryTheirRouteAndErrorLabels() {
    metrics.eventMeters().onPublish(failure("device-status", "status", ErrorType.TIMEOUT));

    assertThat(registry.scrape())
        .contains(
            "wrpkafka_messages_errored_total{error_type=\"timeout\",event_type=\"device-status\","
                + "shard_strategy=\"deviceid\",topic=\"status\"} 1.0");
  }

  @Test
  void theDurationHistogramHasItsBucketsInSeconds() {
    metrics.eventMeters().onPublish(success("online", "devices", 30, Duration.ofMillis(30)));

    assertThat(registry.scrape())
        .contains("wrpkafka_publish_duration_seconds_bucket{qos_band=\"queued\",result=\"success\","
            + "le=\"0.025\"} 0\n")
        .contains("wrpkafka_publish_duration_seconds_bucket{qos_band=\"queued\",result=\"success\","
            + "le=\"0.05\"} 1\n")
        .contains("wrpkafka_publish_duration_seconds_bucket{qos_band=\"queued\",result=\"success\","
            + "le=\"+Inf\"} 1\n");
  }

  @Test
  void anEventWithoutAnEventTypeIsScrapedWithAnEmptyLabel() {
    metrics.eventMeters().onPublish(failure("", "", ErrorType.NO_TOPIC_MATCH));

    assertThat(registry.scrape())
        .contains(
            "wrpkafka_messages_errored_total{error_type=\"no_topic_match\",event_type=\"\","
                + "shard_strategy=\"deviceid\",topic=\"\"} 1.0");
  }
}
