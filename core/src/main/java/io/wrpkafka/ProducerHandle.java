package io.wrpkafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One KafkaProducer and the number of holders still using it: the publisher (while it is the
 * current producer) and every lane that last sent through it. The last release closes it, so a
 * producer replaced by a hot reload closes only after every lane has flushed it and moved on.
 * Retain happens under the publisher's swap lock while the handle is current, so the count never
 * rises from zero. Each lane flushes a producer before releasing it, so the final close has
 * nothing left to wait for and uses a zero timeout.
 */
/** A Kafka producer shared by the lanes, closed when its last holder releases it. */
final class ProducerHandle {
  private static final Logger log = LoggerFactory.getLogger(ProducerHandle.class);

  private final Producer<byte[], byte[]> producer;
  private final long generation;
  private final AtomicInteger holders = new AtomicInteger(1);
  private final Consumer<ProducerHandle> onClosed;

  ProducerHandle(
      Producer<byte[], byte[]> producer, long generation, Consumer<ProducerHandle> onClosed) {
    this.producer = producer;
    this.generation = generation;
    this.onClosed = onClosed;
  }

  Producer<byte[], byte[]> producer() {
    return producer;
  }

  long generation() {
    return generation;
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
        log.warn("closing Kafka producer generation {} failed", generation, e);
      }
    }
  }
}
