package io.wrpkafka.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One KafkaProducer and the number of holders still using it: the generations registry (while it
 * is the current producer) and every lane that last sent through it. The last release closes it,
 * so a producer replaced by a hot reload closes only after every lane has flushed it and moved on.
 * Retain happens under the registry's lock while the generation is current, so the count never
 * rises from zero. Each lane flushes a producer before releasing it, so the final close has
 * nothing left to wait for and uses a zero timeout.
 */
/** A Kafka producer shared by the lanes, closed when its last holder releases it. */
final class ProducerGeneration {
  private static final Logger log = LoggerFactory.getLogger(ProducerGeneration.class);

  private final Producer<byte[], byte[]> producer;
  private final long number;
  private final long lingerNanos;
  private final AtomicInteger holders = new AtomicInteger(1);
  private final Consumer<ProducerGeneration> onClosed;

  /** @param lingerNanos the producer's linger.ms, in nanoseconds */
  ProducerGeneration(
      Producer<byte[], byte[]> producer,
      long number,
      long lingerNanos,
      Consumer<ProducerGeneration> onClosed) {
    this.producer = producer;
    this.number = number;
    this.lingerNanos = lingerNanos;
    this.onClosed = onClosed;
  }

  Producer<byte[], byte[]> producer() {
    return producer;
  }

  long number() {
    return number;
  }

  /** How long the producer holds a batch open for more records (its linger.ms), nanoseconds. */
  long lingerNanos() {
    return lingerNanos;
  }

  void retain() {
    holders.incrementAndGet();
  }

  /** Drops one holder; the last one closes the producer. */
  void release() {
    if (holders.decrementAndGet() == 0) {
      onClosed.accept(this);
      try {
        producer.close(Duration.ZERO);
      } catch (RuntimeException e) {
        log.warn("closing Kafka producer generation {} failed", number, e);
      }
    }
  }
}
