package io.wrpkafka.app;

import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.WrpFormatException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Where {@code replay} sends a dead-letter record: back to its original topic, or rerouted. */
interface ReplaySink extends AutoCloseable {

  /**
   * Sends {@code record}. The future completes with null once Kafka acknowledged it, or with why
   * it failed; it never completes exceptionally. May block while the client's buffer is full.
   */
  CompletableFuture<String> send(DeadLetterRecord record);

  /** Sends whatever is waiting to be batched; blocks until every earlier send has completed. */
  void flush();

  /** Waits for records still in flight, at most a few seconds, and releases the client. */
  @Override
  void close();

  /**
   * Produces each record to its {@code dlq.original_topic} with its original key, value bytes and
   * headers, through an idempotent producer with {@code acks=all}, so records of one key keep
   * their order. The record's timestamp is the time of the replay.
   */
  final class ToOriginalTopic implements ReplaySink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final ReplayTally tally;

    /**
     * @param clientProperties how to reach the cluster ({@link PublisherConfig#clientProperties()})
     * @param blockTimeout how long {@code send} may wait for a topic's metadata or buffer room
     */
    ToOriginalTopic(Map<String, Object> clientProperties, String clientId, Duration blockTimeout,
        ReplayTally tally) {
      Map<String, Object> props = new HashMap<>(clientProperties);
      props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(blockTimeout.toMillis()));
      this.producer = new KafkaProducer<>(props);
      this.tally = tally;
    }

    @Override
    public CompletableFuture<String> send(DeadLetterRecord record) {
      CompletableFuture<String> done = new CompletableFuture<>();
      String topic = record.originalTopic();
      try {
        producer.send(
            new ProducerRecord<>(topic, null, null, record.key(), record.value(),
                record.originalHeaders()),
            (metadata, error) -> {
              if (error == null) {
                tally.produced(topic);
                done.complete(null);
              } else {
                done.complete("to \"" + topic + "\": " + describe(error));
              }
            });
      } catch (KafkaException e) {
        done.complete("to \"" + topic + "\": " + describe(e));
      }
      return done;
    }

    @Override
    public void flush() {
      producer.flush();
    }

    @Override
    public void close() {
      producer.close(Duration.ofSeconds(10));
    }
  }

  /**
   * Decodes each record's value as WRP msgpack and publishes it through a {@link Publisher} with
   * the configuration's current routing, headers and QoS rules. The original key and headers are
   * not reused: the routes give them anew.
   */
  final class ThroughPublisher implements ReplaySink {
    private final Publisher publisher;
    private final Duration stopTimeout;

    ThroughPublisher(PublisherConfig config, ReplayTally tally) {
      this.publisher = Publisher.builder().config(config).listener(event -> {
        if (event.errorType() == null) {
          tally.produced(event.topic());
        }
      }).build();
      this.stopTimeout = config.cleanupTimeout();
      publisher.start();
    }

    @Override
    public CompletableFuture<String> send(DeadLetterRecord record) {
      if (record.value() == null) {
        return CompletableFuture.completedFuture("the record has no value (a tombstone)");
      }
      Message message;
      try {
        message = Format.MSGPACK.decode(record.value());
      } catch (WrpFormatException e) {
        return CompletableFuture.completedFuture("the value is not a WRP msgpack message: "
            + e.getMessage());
      }
      return publisher.produceAsync(message).handle((result, error) -> {
        if (error != null) {
          return describe(error);
        }
        return result.outcome() == Outcome.ACCEPTED ? null : failure(result);
      });
    }

    @Override
    public void flush() {
      // produceAsync's futures complete on acknowledgement; the caller joins them.
    }

    /** Stops the publisher, which also delivers the last publish events to the tally. */
    @Override
    public void close() {
      publisher.stop(stopTimeout);
    }

    private static String failure(ProduceResult result) {
      return result.error() == null
          ? result.outcome().name()
          : result.outcome() + " (" + result.error().errorType().label() + "): "
              + result.error().getMessage();
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException
        && error.getCause() != null ? error.getCause() : error;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
