package io.wrpkafka.internal;

import io.wrpkafka.DynamicConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The client stage. The Kafka client fixes compression, linger, batch size and acks when it is
 * built, so a hot reload that changes them builds a new producer (a generation) and makes it
 * current; each lane, before its next send, flushes the producer it used and moves to the
 * current one (Lane.switchIfReplaced), so a partition never has records in two producers at once.
 * The registry holds every generation not yet closed, for stop().
 */
/** The Kafka producers of a publisher: the current one and those still draining. Thread-safe. */
public final class ProducerGenerations {
  private static final Logger log = LoggerFactory.getLogger(ProducerGenerations.class);

  private final Function<DynamicConfig, Producer<byte[], byte[]>> factory;
  private final Object lock = new Object();
  private final List<ProducerGeneration> live = new ArrayList<>();
  private long count;
  private volatile ProducerGeneration current;

  /** @param factory builds a Kafka producer for a dynamic config; may throw */
  public ProducerGenerations(Function<DynamicConfig, Producer<byte[], byte[]>> factory) {
    this.factory = factory;
  }

  /** Builds the first producer. Throws what the factory throws; then nothing is held. */
  public void start(DynamicConfig dynamic) {
    ProducerGeneration first = build(dynamic);
    synchronized (lock) {
      current = first;
      live.add(first);
    }
  }

  /**
   * Builds a producer for {@code dynamic} and makes it current; the previous one closes once
   * every lane has moved off it (call {@link Lanes#scheduleAll()} after this).
   *
   * @return the new generation's number, for the log
   */
  public long replace(DynamicConfig dynamic) {
    ProducerGeneration replacement = build(dynamic);
    ProducerGeneration old;
    synchronized (lock) {
      old = current;
      current = replacement;
      live.add(replacement);
    }
    old.release();
    return replacement.number();
  }

  /** The current generation; null before {@link #start}. Lock-free. */
  ProducerGeneration current() {
    return current;
  }

  /** The current generation with one more holder, for a lane that moves to it. */
  ProducerGeneration retainCurrent() {
    synchronized (lock) {
      ProducerGeneration generation = current;
      generation.retain();
      return generation;
    }
  }

  /** The current producer's metrics; empty before {@link #start}. Lock-free. */
  public Map<MetricName, ? extends Metric> metrics() {
    ProducerGeneration generation = current;
    return generation == null ? Map.of() : generation.producer().metrics();
  }

  /** Closes every producer not yet closed, each waiting at most {@code timeout}. */
  public void closeAll(Duration timeout) {
    List<ProducerGeneration> toClose;
    synchronized (lock) {
      toClose = List.copyOf(live);
    }
    for (ProducerGeneration generation : toClose) {
      try {
        generation.producer().close(timeout);
      } catch (RuntimeException e) {
        log.warn("closing producer generation {} failed", generation.number(), e);
      }
    }
  }

  private ProducerGeneration build(DynamicConfig dynamic) {
    Producer<byte[], byte[]> producer = factory.apply(dynamic);
    long number;
    synchronized (lock) {
      number = ++count;
    }
    return new ProducerGeneration(
        producer,
        number,
        dynamic.linger().toNanos(),
        closed -> {
          synchronized (lock) {
            live.remove(closed);
          }
        });
  }
}
