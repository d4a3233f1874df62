package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProducerPropertiesTest {

  private static final DynamicConfig DYNAMIC =
      DynamicConfig.builder()
          .topicMap(List.of(TopicRoute.builder().pattern("*").topic("events").build()))
          .compression(Compression.LZ4)
          .linger(Duration.ofMillis(20))
          .batchMaxBytes(65536)
          .acks(Acks.ALL)
          .build();

  private static PublisherConfig.Builder config() {
    return PublisherConfig.builder()
        .brokers("k1:9092", "k2:9092")
        .clientId("bridge-1")
        .requestTimeout(Duration.ofSeconds(7))
        .recordDeliveryTimeout(Duration.ofSeconds(45))
        .maxBufferedBytes(1_000_000)
        .initialDynamicConfig(DYNAMIC);
  }

  @Test
  void staticAndDynamicSettingsMapToTheirKafkaNames() {
    Properties props = ProducerProperties.of(config().build(), DYNAMIC);

    assertThat(props)
        .containsEntry("bootstrap.servers", "k1:9092,k2:9092")
        .containsEntry("client.id", "bridge-1")
        .containsEntry("acks", "all")
        .containsEntry("compression.type", "lz4")
        .containsEntry("linger.ms", "20")
        .containsEntry("batch.size", "65536")
        .containsEntry("request.timeout.ms", "7000")
        .containsEntry("delivery.timeout.ms", "45000")
        .containsEntry("max.block.ms", "45000")
        .containsEntry("buffer.memory", Long.toString(32L * 1024 * 1024))
        .doesNotContainKey("security.protocol");
  }

  @ParameterizedTest(name = "acks {0}, maxRetries {1}: retries {2}, idempotence {3}, in flight {4}")
  @CsvSource({
    "ALL,     0, 2147483647, true,  5",
    "ALL,     3, 3,          true,  5",
    "ALL,    -1, 0,          false, 5",
    "LEADER,  0, 2147483647, false, 1",
    "LEADER,  3, 3,          false, 1",
    "NONE,    3, 3,          false, 1",
    "LEADER, -1, 0,          false, 5"
  })
  void maxRetriesKeepsTheGoMeaningsAndIdempotenceNeedsAcksAllAndRetries(
      Acks acks, int maxRetries, int retries, boolean idempotent, int inFlight) {
    DynamicConfig dynamic = DYNAMIC.toBuilder().acks(acks).build();

    Properties props = ProducerProperties.of(
        config().maxRetries(maxRetries).initialDynamicConfig(dynamic).build(), dynamic);

    assertThat(props)
        .containsEntry("enable.idempotence", Boolean.toString(idempotent))
        .containsEntry("retries", Integer.toString(retries))
        .containsEntry("max.in.flight.requests.per.connection", Integer.toString(inFlight));
  }

  @ParameterizedTest(name = "requestTimeout {0}, delivery {1}, linger {2}: request.timeout.ms {3}")
  @CsvSource({
    "PT7S,    PT45S,       PT0.02S, 7000",
    "PT0S,    PT45S,       PT0.02S, 44980",
    "PT-1S,   PT45S,       PT0.02S, 44980",
    "PT0S,    PT0.1S,      PT0S,    100",
    "PT0S,    PT596H31M23.647S, PT0S, 2147483647"
  })
  void zeroRequestTimeoutGetsWhatTheDeliveryTimeoutLeavesAfterLinger(
      Duration request, Duration delivery, Duration linger, long expectedMs) {
    DynamicConfig dynamic = DYNAMIC.toBuilder().linger(linger).build();

    Properties props = ProducerProperties.of(config().requestTimeout(request)
        .recordDeliveryTimeout(delivery).initialDynamicConfig(dynamic).build(), dynamic);

    assertThat(props).containsEntry("request.timeout.ms", Long.toString(expectedMs));
  }

  @Test
  void bufferMemoryGrowsWithMaxBufferedBytes() {
    assertThat(ProducerProperties.bufferMemory(100L * 1024 * 1024, 16384))
        .isEqualTo(200L * 1024 * 1024 + 64L * 16384);
  }

  @ParameterizedTest(name = "{0} logs in with {1}")
  @CsvSource({
    "PLAIN, org.apache.kafka.common.security.plain.PlainLoginModule",
    "SCRAM_SHA_256, org.apache.kafka.common.security.scram.ScramLoginModule",
    "SCRAM_SHA_512, org.apache.kafka.common.security.scram.ScramLoginModule"
  })
  void saslSetsMechanismAndJaasConfig(SaslConfig.Mechanism mechanism, String loginModule) {
    SaslConfig sasl =
        SaslConfig.builder().mechanism(mechanism).username("bridge").password("s3\"cret").build();

    Properties props = ProducerProperties.of(config().sasl(sasl).build(), DYNAMIC);

    assertThat(props)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", mechanism.kafkaName())
        .containsEntry(
            "sasl.jaas.config",
            loginModule + " required username=\"bridge\" password=\"s3\\\"cret\";");
  }

  @Test
  void tlsWithCaFileUsesAPemTrustStore() {
    TlsConfig tls =
        TlsConfig.builder().caFile(java.nio.file.Path.of("/etc/kafka/ca.pem")).insecureSkipVerify(true).build();

    Properties props = ProducerProperties.of(config().tls(tls).build(), DYNAMIC);

    assertThat(props)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", "/etc/kafka/ca.pem")
        .containsEntry("ssl.endpoint.identification.algorithm", "")
        .containsEntry("ssl.trustmanager.algorithm", InsecureTrust.ALGORITHM);
  }

  @Test
  void insecureSkipVerifyTrustsAnyChainThroughJca() throws Exception {
    TlsConfig tls = TlsConfig.builder().insecureSkipVerify(true).build();
    Properties props = ProducerProperties.of(config().tls(tls).build(), DYNAMIC);

    javax.net.ssl.TrustManagerFactory factory =
        javax.net.ssl.TrustManagerFactory.getInstance(props.getProperty("ssl.trustmanager.algorithm"));
    factory.init((java.security.KeyStore) null);

    javax.net.ssl.X509TrustManager manager =
        (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
    manager.checkServerTrusted(new java.security.cert.X509Certificate[0], "RSA");
    assertThat(manager.getAcceptedIssuers()).isEmpty();
  }

  @Test
  void verifiedTlsKeepsTheDefaultTrustManager() {
    Properties props =
        ProducerProperties.of(config().tls(TlsConfig.builder().build()).build(), DYNAMIC);

    assertThat(props).containsEntry("security.protocol", "SSL")
        .doesNotContainKey("ssl.trustmanager.algorithm")
        .doesNotContainKey("ssl.endpoint.identification.algorithm");
  }

  @Test
  void kafkaPropertiesOverrideEverythingElse() {
    Properties props =
        ProducerProperties.of(
            config().kafkaProperties(Map.of("linger.ms", "99", "metadata.max.idle.ms", "600000")).build(),
            DYNAMIC);

    assertThat(props).containsEntry("linger.ms", "99").containsEntry("metadata.max.idle.ms", "600000");
  }
}
