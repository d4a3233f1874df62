package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One secured broker: SASL_SSL with PLAIN and SCRAM users, SSL with client certificates, and ACLs
 * that let every user write topics named {@code allowed-*} and nothing else.
 */
class EmbeddedKafkaSecurityTest {

  private static final String ALLOWED = "allowed-";

  @TempDir static Path pki;
  static Certificates certificates;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startSecuredBroker() {
    certificates = Certificates.generate(pki);
    EmbeddedKafkaConfig.Builder config = EmbeddedKafkaConfig.builder()
        .listener("SASL_SSL", "SASL_SSL")
        .listener("MTLS", "SSL")
        .tls(certificates)
        .plainUser("alice", "alice-secret")
        .scramUser("SCRAM-SHA-256", "bob", "bob-secret")
        .scramUser("SCRAM-SHA-512", "carol", "carol-secret");
    for (String principal : new String[] {"User:alice", "User:bob", "User:carol", "User:CN=client"}) {
      config.acl(writeTopicsStartingWith(ALLOWED, principal));
    }
    kafka = EmbeddedKafka.start(config.build());
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  static AclBinding writeTopicsStartingWith(String prefix, String principal) {
    return new AclBinding(new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED),
        new AccessControlEntry(principal, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
  }

  private static String topic(String prefix) {
    String name = prefix + UUID.randomUUID();
    kafka.createTopic(name, 1);
    return name;
  }

  private static Map<String, Object> trustingTheCa(String listener, String protocol) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(listener));
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
    props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.caFile().toString());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return props;
  }

  private static Map<String, Object> saslUser(String mechanism, String user, String password) {
    Map<String, Object> props = trustingTheCa("SASL_SSL", "SASL_SSL");
    String module = mechanism.equals("PLAIN")
        ? "org.apache.kafka.common.security.plain.PlainLoginModule"
        : "org.apache.kafka.common.security.scram.ScramLoginModule";
    props.put(SaslConfigs.SASL_MECHANISM, mechanism);
    props.put(SaslConfigs.SASL_JAAS_CONFIG,
        module + " required username=\"" + user + "\" password=\"" + password + "\";");
    return props;
  }

  private static Map<String, Object> clientCertificate() throws Exception {
    Map<String, Object> props = trustingTheCa("MTLS", "SSL");
    props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
        Files.readString(certificates.clientCertFile(), StandardCharsets.US_ASCII));
    props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG,
        Files.readString(certificates.clientKeyFile(), StandardCharsets.US_ASCII));
    return props;
  }

  /** Sends one record and returns what failed, or null when the broker acknowledged it. */
  private static Throwable send(Map<String, Object> props, String topic) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      return catchThrowable(() -> producer.send(new ProducerRecord<>(topic, "device", "hello"))
          .get(30, TimeUnit.SECONDS));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PLAIN, alice, alice-secret", "SCRAM-SHA-256, bob, bob-secret",
      "SCRAM-SHA-512, carol, carol-secret"})
  void saslUserWritesOverTls(String mechanism, String user, String password) {
    String topic = topic(ALLOWED);

    assertThat(send(saslUser(mechanism, user, password), topic)).isNull();

    assertThat(TestClients.readValues(kafka.bootstrapServers(), topic, 1, 1))
        .containsExactly("hello");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PLAIN, alice", "SCRAM-SHA-256, bob", "SCRAM-SHA-512, carol"})
  void wrongPasswordIsRefused(String mechanism, String user) {
    assertThat(send(saslUser(mechanism, user, "wrong"), topic(ALLOWED)))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void clientCertificateWritesOverMutualTls() throws Exception {
    String topic = topic(ALLOWED);

    assertThat(send(clientCertificate(), topic)).isNull();

    assertThat(TestClients.readValues(kafka.bootstrapServers(), topic, 1, 1))
        .containsExactly("hello");
  }

  @Test
  void clientWithoutCertificateIsRefusedByTheMutualTlsListener() {
    assertThat(send(trustingTheCa("MTLS", "SSL"), topic(ALLOWED)))
        .hasCauseInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void topicWithoutAnAclIsDenied() {
    assertThat(send(saslUser("SCRAM-SHA-512", "carol", "carol-secret"), topic("denied-")))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void brokerFilesOutsideTheConfigurationHoldNoPassword() throws Exception {
    send(saslUser("SCRAM-SHA-256", "bob", "bob-secret"), topic(ALLOWED));

    String log = Files.readString(kafka.logFile(0), StandardCharsets.UTF_8);
    assertThat(log).doesNotContain("alice-secret", "bob-secret", "carol-secret");
    assertThat(kafka.config().toString()).doesNotContain("alice-secret", "bob-secret",
        "carol-secret");
  }
}
