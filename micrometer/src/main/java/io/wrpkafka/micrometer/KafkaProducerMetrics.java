package io.wrpkafka.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.wrpkafka.ConfigException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why a proxy. Micrometer's KafkaMetrics, the binder that reads a metrics supplier, registers a
 * gauge or function counter per Kafka metric and re-reads the supplier on a schedule to follow
 * metrics that come and go, is package-private. Its public subclass KafkaClientMetrics accepts a
 * Producer and only ever calls producer.metrics() (Micrometer 1.17.2: the constructor passes
 * producer::metrics up and keeps nothing else). The publisher replaces its KafkaProducer on a hot
 * reload, so binding one producer object would report a closed client afterwards. Handing
 * KafkaClientMetrics a java.lang.reflect.Proxy of Producer whose metrics() asks our supplier
 * reuses Micrometer's binder (its names, tags and counter/gauge choice) through public API only.
 * Every other Producer method throws UnsupportedOperationException, so a future Micrometer that
 * called one would fail loudly in this module's tests rather than act on a fake producer.
 *
 * Refresh. KafkaMetrics reads the supplier at bindTo and then every refreshInterval; between
 * refreshes the meters read the Metric objects of the last map. After a hot reload the values
 * follow the new producer from the next refresh on. A supplier that throws (say, the publisher is
 * not started) counts as "no metrics" for that refresh, so the meters are removed until it
 * answers again.
 */
/**
 * Binds the Kafka producer client's own metrics ({@code kafka.producer.*}, e.g. {@code
 * kafka_producer_record_send_rate}, {@code kafka_producer_request_latency_avg}, {@code
 * kafka_producer_buffer_available_bytes} in Prometheus) using Micrometer's {@link
 * KafkaClientMetrics}, read from a supplier rather than from one fixed producer object.
 *
 * <p>The supplier is called on a scheduler thread at {@link #bindTo} and then every refresh
 * interval; it must be thread-safe and quick. Pass the current producer's metrics of a
 * publisher (for example {@code publisher::kafkaMetrics} where the publisher offers them), so the
 * meters follow the producer across hot reloads, or {@code producer::metrics} of any {@code
 * Producer}.
 *
 * <p>Thread-safe. Owns one daemon thread ({@code wrpkafka-kafka-metrics-<n>}) from {@code bindTo}
 * until {@link #close()}, which removes the meters and stops it.
 */
public final class KafkaProducerMetrics implements MeterBinder, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaProducerMetrics.class);

  /** Default of the refresh interval: how often the supplier is asked for new metric names. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(60);

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Supplier<? extends Map<MetricName, ? extends Metric>> metrics;
  private final Tags tags;
  private final Duration refreshInterval;
  private final String threadName = "wrpkafka-kafka-metrics-" + INSTANCES.incrementAndGet();
  private final Object lock = new Object();
  private ScheduledExecutorService scheduler;
  private KafkaClientMetrics binder;
  private boolean closed;

  /**
   * Metrics read from {@code metrics}, with no extra tags, refreshed every {@link
   * #DEFAULT_REFRESH_INTERVAL}.
   *
   * @throws NullPointerException if {@code metrics} is null
   */
  public KafkaProducerMetrics(Supplier<? extends Map<MetricName, ? extends Metric>> metrics) {
    this(metrics, Tags.empty(), DEFAULT_REFRESH_INTERVAL);
  }

  /**
   * Metrics read from {@code metrics}, with {@code tags} added to every meter, refreshed every
   * {@code refreshInterval}.
   *
   * @throws NullPointerException if an argument is null
   * @throws ConfigException if {@code refreshInterval} is not positive
   */
  public KafkaProducerMetrics(
      Supplier<? extends Map<MetricName, ? extends Metric>> metrics,
      Iterable<Tag> tags,
      Duration refreshInterval) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new ConfigException("refreshInterval: must be positive, was " + refreshInterval);
    }
    this.refreshInterval = refreshInterval;
  }

  /**
   * Registers a meter per Kafka metric the supplier returns now, and starts the refresh thread.
   * Call it once.
   *
   * @throws IllegalStateException if already bound, or closed
   * @throws NullPointerException if {@code registry} is null
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("KafkaProducerMetrics: closed, cannot bind again");
      }
      if (binder != null) {
        throw new IllegalStateException("KafkaProducerMetrics: already bound");
      }
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
              });
      binder = new KafkaClientMetrics(metricsOnly(this::read), tags, scheduler, refreshInterval);
      binder.bindTo(registry);
    }
  }

  /** Removes the meters and stops the refresh thread. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (binder != null) {
        binder.close();
        scheduler.shutdownNow();
      }
    }
  }

  /** The name of the refresh thread. */
  String threadName() {
    return threadName;
  }

  private Map<MetricName, ? extends Metric> read() {
    try {
      Map<MetricName, ? extends Metric> current = metrics.get();
      return current == null ? Map.of() : current;
    } catch (RuntimeException e) {
      log.debug("Kafka producer metrics unavailable at this refresh", e);
      return Map.of();
    }
  }

  /** A Producer that answers only {@code metrics()}, from {@code metrics}. */
  static Producer<?, ?> metricsOnly(Supplier<Map<MetricName, ? extends Metric>> metrics) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (isMetrics(method)) {
            return metrics.get();
          }
          switch (method.getName()) {
            case "toString":
              return "KafkaProducerMetrics.metricsOnly";
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            default:
              throw new UnsupportedOperationException(
                  "Producer." + method.getName() + ": only metrics() is available here");
          }
        };
    return (Producer<?, ?>)
        Proxy.newProxyInstance(
            Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, handler);
  }

  private static boolean isMetrics(Method method) {
    return method.getName().equals("metrics") && method.getParameterCount() == 0;
  }
}
