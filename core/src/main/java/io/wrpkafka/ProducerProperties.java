package io.wrpkafka;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/*
 * The one place where our configuration becomes Kafka producer settings; core/README.md
 * ("## Publisher") has the same mapping as a table. Brokers, client id, TLS and SASL come from
 * ClientProperties, shared with every other client of the cluster. Derived settings and why:
 *
 *  - delivery.timeout.ms = recordDeliveryTimeout; Kafka refuses a value below linger.ms +
 *    request.timeout.ms, which PublisherConfig.checkDynamicConfig rejects up front.
 *  - request.timeout.ms = requestTimeout; a zero requestTimeout (the Go "no timeout") becomes
 *    the longest request the delivery timeout allows, delivery.timeout.ms - linger.ms: Kafka has
 *    no unlimited request timeout, and Integer.MAX_VALUE beside a bounded delivery timeout is
 *    refused by the client's own rule above.
 *  - retries from maxRetries with the Go meanings: -1 none (0 for Kafka), 0 unlimited
 *    (Integer.MAX_VALUE: the delivery timeout bounds retrying), n > 0 that many.
 *  - enable.idempotence only with acks=all and retries enabled (Kafka's own preconditions);
 *    then up to 5 requests in flight keep order. Without idempotence but with retries, one
 *    request in flight keeps a retried batch from overtaking the next one; without retries
 *    nothing is re-sent, so nothing can overtake, and 5 are allowed.
 *  - retry.backoff.ms / retry.backoff.max.ms = retryBackoff / retryBackoffMax: the client's own
 *    exponential backoff; the publisher never re-sends a record itself.
 *  - max.block.ms = recordDeliveryTimeout: only lanes call send(), so this bounds how long a
 *    lane waits for a topic's metadata, never a caller.
 *  - buffer.memory: the client allocates whole batches (batch.size) per partition, so a buffer
 *    of maxBufferedBytes can take much more client memory than its bytes. Twice our limit plus
 *    room for 64 open batches, and at least Kafka's 32 MiB default, keeps the client from
 *    blocking a lane in the usual case.
 *
 * kafkaProperties are applied last and win, so users keep full control.
 */
/** Maps a {@link PublisherConfig} and a {@link DynamicConfig} to Kafka producer properties. */
final class ProducerProperties {
  static final long MIN_BUFFER_MEMORY = 32L * 1024 * 1024;

  private ProducerProperties() {}

  /**
   * The producer properties for {@code config} with {@code dynamic}'s compression, linger, batch
   * size and acks, starting from {@link ClientProperties#of}: reads the TLS PEM files named in
   * the config; with {@code insecureSkipVerify} it registers the {@link InsecureTrust} provider in
   * the JVM.
   *
   * @throws UncheckedIOException if a TLS file cannot be read
   */
  static Properties of(PublisherConfig config, DynamicConfig dynamic) {
    Properties props = new Properties();
    props.putAll(ClientProperties.of(config));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

    props.put(ProducerConfig.ACKS_CONFIG, dynamic.acks().kafkaValue());
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, dynamic.compression().kafkaName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(dynamic.linger().toMillis()));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(dynamic.batchMaxBytes()));

    long deliveryTimeoutMs = config.recordDeliveryTimeout().toMillis();
    long requestTimeoutMs = requestTimeoutMs(config.requestTimeout(), deliveryTimeoutMs,
        dynamic.linger().toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeoutMs));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeoutMs));
    props.put(
        ProducerConfig.MAX_BLOCK_MS_CONFIG,
        Long.toString(config.recordDeliveryTimeout().toMillis()));

    int retries = retries(config.maxRetries());
    boolean idempotent = dynamic.acks() == Acks.ALL && retries > 0;
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(retries));
    props.put(
        ProducerConfig.RETRY_BACKOFF_MS_CONFIG, Long.toString(config.retryBackoff().toMillis()));
    props.put(
        ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG,
        Long.toString(config.retryBackoffMax().toMillis()));
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(idempotent));
    props.put(
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
        idempotent || retries == 0 ? "5" : "1");

    props.put(
        ProducerConfig.BUFFER_MEMORY_CONFIG,
        Long.toString(bufferMemory(config.maxBufferedBytes(), dynamic.batchMaxBytes())));

    for (Map.Entry<String, String> entry : config.kafkaProperties().entrySet()) {
      props.put(entry.getKey(), entry.getValue());
    }
    return props;
  }

  /** Kafka's {@code retries} for a {@code maxRetries} with the Go meanings (-1, 0, n). */
  static int retries(int maxRetries) {
    if (maxRetries == PublisherConfig.NO_RETRIES) {
      return 0;
    }
    return maxRetries == PublisherConfig.UNLIMITED_RETRIES ? Integer.MAX_VALUE : maxRetries;
  }

  /** Kafka's {@code request.timeout.ms}: as configured, or for zero what delivery leaves. */
  static long requestTimeoutMs(Duration requestTimeout, long deliveryTimeoutMs, long lingerMs) {
    if (!requestTimeout.isZero()) {
      return requestTimeout.toMillis();
    }
    return Math.min(Integer.MAX_VALUE, deliveryTimeoutMs - lingerMs);
  }

  static long bufferMemory(long maxBufferedBytes, int batchMaxBytes) {
    return Math.max(MIN_BUFFER_MEMORY, 2 * maxBufferedBytes + 64L * batchMaxBytes);
  }
}
