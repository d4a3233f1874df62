package io.wrpkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/*
 * The one place where our configuration becomes Kafka producer settings; core/README.md
 * ("## Publisher") has the same mapping as a table. Derived settings and why:
 *
 *  - delivery.timeout.ms = recordDeliveryTimeout; Kafka refuses a value below linger.ms +
 *    request.timeout.ms, which PublisherConfig.checkDynamicConfig rejects up front.
 *  - enable.idempotence only with acks=all and retries > 0 (Kafka's own preconditions); then
 *    up to 5 requests in flight keep order. Without idempotence but with retries, one request
 *    in flight keeps a retried batch from overtaking the next one.
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
   * size and acks. Reads the TLS PEM files named in the config; with {@code insecureSkipVerify}
   * it registers the {@link InsecureTrust} provider in the JVM.
   *
   * @throws UncheckedIOException if a TLS file cannot be read
   */
  static Properties of(PublisherConfig config, DynamicConfig dynamic) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.brokers()));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

    props.put(ProducerConfig.ACKS_CONFIG, dynamic.acks().kafkaValue());
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, dynamic.compression().kafkaName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(dynamic.linger().toMillis()));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(dynamic.batchMaxBytes()));

    long requestTimeoutMs = config.requestTimeout().toMillis();
    long deliveryTimeoutMs = config.recordDeliveryTimeout().toMillis();
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeoutMs));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeoutMs));
    props.put(
        ProducerConfig.MAX_BLOCK_MS_CONFIG,
        Long.toString(config.recordDeliveryTimeout().toMillis()));

    int retries = config.maxRetries();
    boolean idempotent = dynamic.acks() == Acks.ALL && retries > 0;
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(retries));
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(idempotent));
    props.put(
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
        idempotent || retries == 0 ? "5" : "1");

    props.put(
        ProducerConfig.BUFFER_MEMORY_CONFIG,
        Long.toString(bufferMemory(config.maxBufferedBytes(), dynamic.batchMaxBytes())));

    TlsConfig tls = config.tls().orElse(null);
    SaslConfig sasl = config.sasl().orElse(null);
    boolean useTls = tls != null && tls.enabled();
    if (useTls || sasl != null) {
      String protocol = useTls ? (sasl != null ? "SASL_SSL" : "SSL") : "SASL_PLAINTEXT";
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
    }
    if (useTls) {
      putTls(props, tls);
    }
    if (sasl != null) {
      putSasl(props, sasl);
    }

    for (Map.Entry<String, String> entry : config.kafkaProperties().entrySet()) {
      props.put(entry.getKey(), entry.getValue());
    }
    return props;
  }

  static long bufferMemory(long maxBufferedBytes, int batchMaxBytes) {
    return Math.max(MIN_BUFFER_MEMORY, 2 * maxBufferedBytes + 64L * batchMaxBytes);
  }

  private static void putTls(Properties props, TlsConfig tls) {
    if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
      props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read(tls.certFile().get()));
      props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read(tls.keyFile().get()));
    }
    if (tls.caFile().isPresent()) {
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.caFile().get().toString());
    }
    if (tls.insecureSkipVerify()) {
      InsecureTrust.register();
      props.put(SslConfigs.SSL_TRUSTMANAGER_ALGORITHM_CONFIG, InsecureTrust.ALGORITHM);
      props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
    }
  }

  private static void putSasl(Properties props, SaslConfig sasl) {
    props.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism().kafkaName());
    String module =
        sasl.mechanism() == SaslConfig.Mechanism.PLAIN
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    props.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        module
            + " required username=\""
            + jaasEscape(sasl.username())
            + "\" password=\""
            + jaasEscape(sasl.password())
            + "\";");
  }

  private static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("tls: cannot read " + file, e);
    }
  }
}
