package io.wrpkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/*
 * The one place where brokers, TLS and SASL become Kafka client properties; ProducerProperties
 * starts from this map, and PublisherConfig.clientProperties() hands it to other clients of the
 * same cluster (an admin client for readiness, a consumer). core/README.md ("Kafka producer
 * settings") has the mapping as a table.
 *
 * Among kafkaProperties, only the connection keys (bootstrap.servers, security.protocol, ssl.*,
 * sasl.*) are copied here: they must agree between the producer and any other client, while the
 * rest (linger.ms, acks, ...) are producer settings another client would warn about.
 */
/** Maps a {@link PublisherConfig}'s brokers, client id, TLS and SASL to Kafka client properties. */
final class ClientProperties {
  private ClientProperties() {}

  /**
   * The connection properties of {@code config}, in a new unmodifiable map of string values.
   * Reads the TLS PEM files; with {@code insecureSkipVerify} it registers the {@link
   * InsecureTrust} provider in the JVM.
   *
   * @throws UncheckedIOException if a TLS file cannot be read
   */
  static Map<String, Object> of(PublisherConfig config) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.brokers()));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.clientId());
    TlsConfig tls = config.tls().filter(TlsConfig::enabled).orElse(null);
    SaslConfig sasl = config.sasl().orElse(null);
    if (tls != null || sasl != null) {
      String protocol = tls != null ? (sasl != null ? "SASL_SSL" : "SSL") : "SASL_PLAINTEXT";
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
    }
    if (tls != null) {
      putTls(props, tls);
    }
    if (sasl != null) {
      putSasl(props, sasl);
    }
    config.kafkaProperties().forEach((key, value) -> {
      if (isConnectionKey(key)) {
        props.put(key, value);
      }
    });
    return Collections.unmodifiableMap(props);
  }

  /** Whether a Kafka property key says how to reach or log in to the cluster. */
  private static boolean isConnectionKey(String key) {
    return key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
        || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
        || key.startsWith("ssl.")
        || key.startsWith("sasl.");
  }

  private static void putTls(Map<String, Object> props, TlsConfig tls) {
    if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
      props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read(tls.certFile().get()));
      props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read(tls.keyFile().get()));
      tls.keyPassword().ifPresent(p -> props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, p));
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

  private static void putSasl(Map<String, Object> props, SaslConfig sasl) {
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
