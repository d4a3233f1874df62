package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PublisherConfig#clientProperties()}: what every client of the cluster connects with. */
class ClientPropertiesTest {

  private static PublisherConfig.Builder config() {
    return PublisherConfig.builder()
        .brokers("k1:9092", "k2:9092")
        .clientId("bridge-1")
        .initialDynamicConfig(
            DynamicConfig.builder()
                .topicMap(List.of(TopicRoute.builder().pattern("*").topic("events").build()))
                .build());
  }

  private static SaslConfig sasl() {
    return SaslConfig.builder()
        .mechanism(SaslConfig.Mechanism.SCRAM_SHA_512)
        .username("bridge")
        .password("s3cret")
        .build();
  }

  @Test
  void plaintextConfigGivesBrokersAndClientIdOnly() {
    assertThat(config().build().clientProperties())
        .containsExactly(
            Map.entry("bootstrap.servers", "k1:9092,k2:9092"), Map.entry("client.id", "bridge-1"));
  }

  @ParameterizedTest(name = "tls {0}, sasl {1}: security.protocol {2}")
  @CsvSource({
    "true, false, SSL",
    "false, true, SASL_PLAINTEXT",
    "true, true, SASL_SSL",
  })
  void securityProtocolFollowsTlsAndSasl(boolean tls, boolean withSasl, String protocol) {
    PublisherConfig.Builder builder = config().tls(TlsConfig.builder().enabled(tls).build());
    if (withSasl) {
      builder.sasl(sasl());
    }

    assertThat(builder.build().clientProperties()).containsEntry("security.protocol", protocol);
  }

  @Test
  void saslLoginIsInTheJaasConfig() {
    assertThat(config().sasl(sasl()).build().clientProperties())
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"bridge\" password=\"s3cret\";");
  }

  @Test
  void insecureSkipVerifyNamesTheTrustEverythingAlgorithmWithoutACaFile() {
    TlsConfig tls = TlsConfig.builder().insecureSkipVerify(true).build();

    assertThat(config().tls(tls).build().clientProperties())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.trustmanager.algorithm", InsecureTrust.ALGORITHM)
        .containsEntry("ssl.endpoint.identification.algorithm", "")
        .doesNotContainKey("ssl.truststore.location");
  }

  @Test
  void connectionKeysOfKafkaPropertiesOverrideAndProducerKeysAreLeftOut() {
    Map<String, String> extra =
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "OAUTHBEARER",
            "ssl.truststore.location", "/etc/ca.p12",
            "linger.ms", "99",
            "acks", "0");

    assertThat(config().kafkaProperties(extra).build().clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "OAUTHBEARER")
        .containsEntry("ssl.truststore.location", "/etc/ca.p12")
        .doesNotContainKeys("linger.ms", "acks");
  }

  @Test
  void anUnreadableCertFileIsReportedByName() {
    TlsConfig tls =
        TlsConfig.builder()
            .certFile(Path.of("/nonexistent/client.pem"))
            .keyFile(Path.of("/nonexistent/client.key"))
            .build();

    assertThatThrownBy(() -> config().tls(tls).build().clientProperties())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("/nonexistent/client.pem");
  }

  @Test
  void keyPasswordOfAnEncryptedKeyBecomesTheSslKeyPassword(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("client.pem"), "CERT");
    Path key = Files.writeString(dir.resolve("client.key"), "KEY");
    TlsConfig tls = TlsConfig.builder().certFile(cert).keyFile(key).keyPassword("key-s3cret")
        .build();

    assertThat(config().tls(tls).build().clientProperties())
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.keystore.key", "KEY")
        .containsEntry("ssl.key.password", "key-s3cret");
  }

  @Test
  void theMapCannotBeChanged() {
    Map<String, Object> props = config().build().clientProperties();

    assertThatThrownBy(() -> props.put("client.id", "other"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void producerPropertiesStartFromTheClientProperties() {
    PublisherConfig config =
        config().tls(TlsConfig.builder().insecureSkipVerify(true).build()).sasl(sasl()).build();

    assertThat(ProducerProperties.of(config, config.initialDynamicConfig()))
        .containsAllEntriesOf(config.clientProperties());
  }
}
