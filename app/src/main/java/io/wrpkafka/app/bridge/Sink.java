package io.wrpkafka.app.bridge;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.Publisher;
import io.wrpkafka.wrp.Message;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Where the bridge sends messages: a running {@link Publisher}, or nothing when Kafka publishing
 * is disabled in the configuration ({@code kafka.enabled: false}). Thread-safe.
 */
interface Sink {

  /** Whether messages actually reach Kafka. */
  boolean isEnabled();

  /** Whether the sink takes messages now. */
  boolean isStarted();

  /** {@link Publisher#produce}: blocks per QoS. */
  ProduceResult produce(Message message);

  /** {@link Publisher#produceAsync}: blocks only while the buffer is full (QoS 25–99). */
  CompletableFuture<ProduceResult> produceAsync(Message message);

  DynamicConfig dynamicConfig();

  /** Applies a new dynamic config; throws {@code ConfigException} when it does not fit. */
  void updateConfig(DynamicConfig config);

  /** How long a QoS 75–99 record may take at most. */
  Duration recordDeliveryTimeout();

  /** Flushes and stops, at most about {@code timeout}. */
  void stop(Duration timeout);

  static Sink of(Publisher publisher, Duration recordDeliveryTimeout) {
    return new PublisherSink(publisher, recordDeliveryTimeout);
  }

  static Sink disabled(DynamicConfig initial) {
    return new DisabledSink(initial);
  }

  /** A sink over a publisher. */
  final class PublisherSink implements Sink {
    private final Publisher publisher;
    private final Duration recordDeliveryTimeout;

    PublisherSink(Publisher publisher, Duration recordDeliveryTimeout) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
      this.recordDeliveryTimeout = recordDeliveryTimeout;
    }

    @Override
    public boolean isEnabled() {
      return true;
    }

    @Override
    public boolean isStarted() {
      return publisher.isStarted();
    }

    @Override
    public ProduceResult produce(Message message) {
      return publisher.produce(message);
    }

    @Override
    public CompletableFuture<ProduceResult> produceAsync(Message message) {
      return publisher.produceAsync(message);
    }

    @Override
    public DynamicConfig dynamicConfig() {
      return publisher.dynamicConfig();
    }

    @Override
    public void updateConfig(DynamicConfig config) {
      publisher.updateConfig(config);
    }

    @Override
    public Duration recordDeliveryTimeout() {
      return recordDeliveryTimeout;
    }

    @Override
    public void stop(Duration timeout) {
      publisher.stop(timeout);
    }
  }

  /** Kafka disabled: messages are checked and routed, then discarded. */
  final class DisabledSink implements Sink {
    private volatile DynamicConfig config;

    DisabledSink(DynamicConfig initial) {
      this.config = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public boolean isEnabled() {
      return false;
    }

    @Override
    public boolean isStarted() {
      return true;
    }

    @Override
    public ProduceResult produce(Message message) {
      throw new UnsupportedOperationException("Kafka publishing is disabled");
    }

    @Override
    public CompletableFuture<ProduceResult> produceAsync(Message message) {
      throw new UnsupportedOperationException("Kafka publishing is disabled");
    }

    @Override
    public DynamicConfig dynamicConfig() {
      return config;
    }

    @Override
    public void updateConfig(DynamicConfig config) {
      new io.wrpkafka.routing.Router(config);
      this.config = config;
    }

    @Override
    public Duration recordDeliveryTimeout() {
      return Duration.ofSeconds(30);
    }

    @Override
    public void stop(Duration timeout) {}
  }
}
