package io.wrpkafka.app.bridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/*
 * Why a reporter. The Publisher owns its KafkaProducer (and replaces it on a hot reload) and does
 * not hand it out, so the bridge cannot call producer.metrics(). Kafka's public plugin point for
 * a client's metrics is metric.reporters: the producer instantiates the class named there, passes
 * it every config (including our unknown key naming the collector), and tells it of each metric.
 * The bridge sets both through PublisherConfig.kafkaProperties.
 *
 * A hot reload builds a new producer, with a new reporter, while the old one flushes. Both report
 * metrics with the same names (same client.id), so each reporter keeps its own map and the
 * collector shows the newest live reporter's; when that one closes, the previous live one shows
 * again.
 */
/**
 * A Kafka {@link MetricsReporter} that makes a publisher's producer metrics readable as a {@link
 * Supplier}, for Micrometer's Kafka binder. Use {@link #kafkaProperties(String)} to add it to a
 * publisher's {@code kafkaProperties} and {@link #metrics(String)} to read. Thread-safe.
 */
public final class ProducerMetricsReporter implements MetricsReporter {
  /** The producer config key naming the collector a reporter feeds. */
  public static final String COLLECTOR_CONFIG = "wrpkafka.metrics.collector";

  private static final Map<String, List<ProducerMetricsReporter>> LIVE = new ConcurrentHashMap<>();

  private final Map<MetricName, KafkaMetric> metrics = new ConcurrentHashMap<>();
  private String collector;

  /** Called by the Kafka client; not for direct use. */
  public ProducerMetricsReporter() {}

  /** A new collector id. */
  public static String newCollector() {
    return UUID.randomUUID().toString();
  }

  /**
   * {@code existing} Kafka properties plus this reporter in {@code metric.reporters} (kept
   * beside any already there) and the collector id.
   */
  public static Map<String, String> kafkaProperties(Map<String, String> existing, String collector) {
    Map<String, String> props = new LinkedHashMap<>(existing);
    props.merge("metric.reporters", ProducerMetricsReporter.class.getName(), (a, b) -> a + "," + b);
    props.put(COLLECTOR_CONFIG, collector);
    return props;
  }

  /** The kafkaProperties to add for {@code collector}. */
  public static Map<String, String> kafkaProperties(String collector) {
    return kafkaProperties(Map.of(), collector);
  }

  /**
   * The current metrics of the newest live producer reporting to {@code collector}; empty when
   * none is live. A snapshot map of live metric objects.
   */
  public static Map<MetricName, ? extends Metric> metrics(String collector) {
    List<ProducerMetricsReporter> reporters = LIVE.get(collector);
    if (reporters == null) {
      return Map.of();
    }
    synchronized (reporters) {
      return reporters.isEmpty()
          ? Map.of()
          : Map.copyOf(reporters.get(reporters.size() - 1).metrics);
    }
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Object id = configs.get(COLLECTOR_CONFIG);
    collector = id == null ? null : id.toString();
    if (collector != null) {
      List<ProducerMetricsReporter> reporters =
          LIVE.computeIfAbsent(collector, key -> Collections.synchronizedList(new java.util.ArrayList<>()));
      reporters.add(this);
    }
  }

  @Override
  public void init(List<KafkaMetric> initial) {
    for (KafkaMetric metric : initial) {
      metrics.put(metric.metricName(), metric);
    }
  }

  @Override
  public void metricChange(KafkaMetric metric) {
    metrics.put(metric.metricName(), metric);
  }

  @Override
  public void metricRemoval(KafkaMetric metric) {
    metrics.remove(metric.metricName(), metric);
  }

  @Override
  public void close() {
    metrics.clear();
    if (collector != null) {
      List<ProducerMetricsReporter> reporters = LIVE.get(collector);
      if (reporters != null) {
        reporters.remove(this);
      }
    }
  }

  @Override
  public String toString() {
    return "ProducerMetricsReporter{collector=" + Objects.toString(collector, "none") + "}";
  }
}
