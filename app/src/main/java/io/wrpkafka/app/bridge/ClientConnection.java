package io.wrpkafka.app.bridge;

import io.wrpkafka.PublisherConfig;
import io.wrpkafka.SaslConfig;
import io.wrpkafka.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The connection part of a publisher's settings (brokers, TLS, SASL) as Kafka client
 * properties, for the bridge's other clients (the readiness probe). Pure apart from reading the
 * PEM files named by the TLS settings.
 */
public final class ClientConnection {
  private ClientConnection() {}

  /**
   * {@code bootstrap.servers}, {@code security.protocol} and the TLS/SASL settings of {@code
   * config}. With {@code insecureSkipVerify}, host names are not verified; the certificate chain
   * still is, against {@code caFile} when given.
   *
   * @throws UncheckedIOException if a PEM file cannot be read
   */
  public static Map<String, Object> properties(PublisherConfig config) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.brokers()));
    TlsConfig tls = config.tls().filter(TlsConfig::enabled).orElse(null);
    SaslConfig sasl = config.sasl().orElse(null);
    if (tls != null || sasl != null) {
      props.put(
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
          tls != null ? (sasl != null ? "SASL_SSL" : "SSL") : "SASL_PLAINTEXT");
    }
    if (tls != null) {
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
        props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
      }
    }
    if (sasl != null) {
      props.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism().kafkaName());
      String module =
          sasl.mechanism() == SaslConfig.Mechanism.PLAIN
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule";
      props.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          module + " required username=\"" + escape(sasl.username()) + "\" password=\""
              + escape(sasl.password()) + "\";");
    }
    return props;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
