package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to a real broker whose certificate is self-signed (made with the JDK's keytool): trusted
 * through a PEM {@code caFile}, accepted with {@code insecureSkipVerify}, refused otherwise.
 */
class PublisherTlsTest {
  private static final String PASSWORD = "test-only-password";

  @TempDir static Path dir;
  private static Path caFile;
  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();

  @BeforeAll
  static void startTlsBroker() throws Exception {
    Path keystore = dir.resolve("broker.p12");
    caFile = dir.resolve("ca.pem");
    keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=embedded-broker", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-file", caFile.toString());
    kafka =
        EmbeddedKafka.start(
            EmbeddedKafkaConfig.builder()
                .listener("TLS", "SSL")
                .brokerProperty("listener.name.tls.ssl.keystore.type", "PKCS12")
                .brokerProperty("listener.name.tls.ssl.keystore.location", keystore.toString())
                .brokerProperty("listener.name.tls.ssl.keystore.password", PASSWORD)
                .brokerProperty("listener.name.tls.ssl.key.password", PASSWORD)
                .build());
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private PublisherConfig tlsConfig(String topic, TlsConfig tls) {
    kafka.createTopic(topic, 1);
    return config(kafka, allTo(topic).toBuilder().linger(Duration.ZERO).build())
        .brokers(kafka.bootstrapServers("TLS"))
        .tls(tls)
        .requestTimeout(Duration.ofSeconds(2))
        .recordDeliveryTimeout(Duration.ofSeconds(4))
        .build();
  }

  @Test
  void aPemCaFileTrustsTheBrokerCertificate() {
    String topic = topic("tls-ca");
    Publisher publisher =
        publishers.started(tlsConfig(topic, TlsConfig.builder().caFile(caFile).build()));

    assertThat(publisher.produce(event(device(1), 90, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(KafkaRecords.readExactly(kafka.bootstrapServers(), topic, 1, Duration.ofSeconds(30)))
        .hasSize(1);
  }

  @Test
  void insecureSkipVerifyAcceptsAnUntrustedBrokerCertificate() {
    String topic = topic("tls-insecure");
    Publisher publisher =
        publishers.started(tlsConfig(topic, TlsConfig.builder().insecureSkipVerify(true).build()));

    assertThat(publisher.produce(event(device(1), 90, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void anAdminClientWithTheClientPropertiesOfInsecureSkipVerifyReachesTheBroker() throws Exception {
    PublisherConfig config =
        tlsConfig(topic("tls-admin"), TlsConfig.builder().insecureSkipVerify(true).build());

    try (Admin admin = Admin.create(config.clientProperties())) {
      assertThat(
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(10_000))
                  .nodes()
                  .get(15, TimeUnit.SECONDS))
          .isNotEmpty();
    }
  }

  @Test
  void anUntrustedBrokerCertificateIsRefused() {
    String topic = topic("tls-untrusted");
    // Without the start check, so that the refusal reaches the record.
    Publisher publisher =
        publishers.started(
            tlsConfig(topic, TlsConfig.builder().build()).toBuilder().verifyOnStart(false).build());

    ProduceResult result = publisher.produce(event(device(1), 90, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void startFailsNamingTheCertificateProblemWhenTheBrokerCertificateIsUntrusted() {
    PublisherConfig config =
        tlsConfig(topic("tls-start-untrusted"), TlsConfig.builder().build()).toBuilder()
            .startTimeout(Duration.ofSeconds(20))
            .build();
    Publisher publisher = publishers.built(config);

    PublishException error = catchThrowableOfType(publisher::start, PublishException.class);

    assertThat(error.errorType()).isEqualTo(ErrorType.AUTHENTICATION_ERROR);
    assertThat(error.getMessage())
        .contains("TLS handshake failed", "unable to find valid certification path",
            kafka.bootstrapServers("TLS"));
    assertThat(publisher.isStarted()).isFalse();
  }
}
