package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.Certificates;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The publisher against one secured broker: SASL_SSL with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512
 * users, an SSL listener that requires client certificates, and ACLs that let every user write
 * topics starting with {@code allowed-} and nothing else. Every test also checks that no password
 * reached the log.
 */
class PublisherSecurityTest {
  private static final String ALLOWED = "allowed-";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Map<SaslConfig.Mechanism, String> USERS = Map.of(
      SaslConfig.Mechanism.PLAIN, "alice",
      SaslConfig.Mechanism.SCRAM_SHA_256, "bob",
      SaslConfig.Mechanism.SCRAM_SHA_512, "carol");
  private static final String WRONG_PASSWORD = "not-the-password-9f3a";

  @TempDir static Path pki;
  private static Certificates certificates;
  private static EmbeddedKafka kafka;

  private final PublisherFixture publishers = new PublisherFixture();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeAll
  static void startSecuredBroker() {
    certificates = Certificates.generate(pki);
    EmbeddedKafkaConfig.Builder config = EmbeddedKafkaConfig.builder()
        .listener("SASL_SSL", "SASL_SSL")
        .listener("MTLS", "SSL")
        .tls(certificates)
        .plainUser("alice", password("alice"))
        .scramUser("SCRAM-SHA-256", "bob", password("bob"))
        .scramUser("SCRAM-SHA-512", "carol", password("carol"));
    for (String user : List.of("User:alice", "User:bob", "User:carol", "User:CN=client")) {
      config.acl(new AclBinding(
          new ResourcePattern(ResourceType.TOPIC, ALLOWED, PatternType.PREFIXED),
          new AccessControlEntry(user, "*", AclOperation.WRITE, AclPermissionType.ALLOW)));
    }
    kafka = EmbeddedKafka.start(config.build());
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /* slf4j-simple writes every line to the System.err of the moment. */
  @BeforeEach
  void captureLog() {
    originalErr = System.err;
    System.setErr(new PrintStream(new TeeStream(log, originalErr), true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stopPublishersAndCheckTheLog() {
    publishers.stopAll();
    System.setErr(originalErr);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .doesNotContain(password("alice"), password("bob"), password("carol"),
            certificates.keyPassword(), WRONG_PASSWORD);
  }

  private static String password(String user) {
    return user + "-secret-7c41";
  }

  private static String allowedTopic(String name) {
    String topic = topic(ALLOWED + name);
    kafka.createTopic(topic, 1);
    return topic;
  }

  private static SaslConfig sasl(SaslConfig.Mechanism mechanism, String password) {
    return SaslConfig.builder().mechanism(mechanism).username(USERS.get(mechanism))
        .password(password).build();
  }

  private static PublisherConfig.Builder overSaslSsl(String topic, SaslConfig sasl, TlsConfig tls) {
    return config(kafka, allTo(topic))
        .brokers(kafka.bootstrapServers("SASL_SSL"))
        .allowAutoTopicCreation(false)
        .startTimeout(START_TIMEOUT)
        .sasl(sasl)
        .tls(tls);
  }

  private static PublisherConfig.Builder overMutualTls(String topic, TlsConfig tls) {
    return config(kafka, allTo(topic))
        .brokers(kafka.bootstrapServers("MTLS"))
        .allowAutoTopicCreation(false)
        .startTimeout(START_TIMEOUT)
        .tls(tls);
  }

  private static TlsConfig trustingTheCa() {
    return TlsConfig.builder().caFile(certificates.caFile()).build();
  }

  private static String stackTrace(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SaslConfig.Mechanism.class)
  void saslUserPublishesAtEveryQosBandOverTls(SaslConfig.Mechanism mechanism) {
    String topic = allowedTopic(mechanism.name().toLowerCase());
    Publisher publisher = publishers.started(overSaslSsl(topic,
        sasl(mechanism, password(USERS.get(mechanism))), trustingTheCa()).build());

    assertThat(publisher.produce(event(device(1), 10, 1)).outcome()).isEqualTo(Outcome.ATTEMPTED);
    assertThat(publisher.produce(event(device(1), 50, 2)).outcome()).isEqualTo(Outcome.QUEUED);
    assertThat(publisher.produce(event(device(1), 80, 3)).outcome()).isEqualTo(Outcome.ACCEPTED);

    List<ConsumerRecord<byte[], byte[]>> records =
        KafkaRecords.readExactly(kafka.bootstrapServers(), topic, 3, WAIT);
    assertThat(records).extracting(Fixtures::seq).containsExactly(1L, 2L, 3L);
  }

  @Test
  void clientCertificateAndKeyPublishOverMutualTls() {
    String topic = allowedTopic("mtls");
    TlsConfig tls = TlsConfig.builder().caFile(certificates.caFile())
        .certFile(certificates.clientCertFile()).keyFile(certificates.clientKeyFile()).build();
    Publisher publisher = publishers.started(overMutualTls(topic, tls).build());

    assertThat(publisher.produce(event(device(2), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(KafkaRecords.readExactly(kafka.bootstrapServers(), topic, 1, WAIT)).hasSize(1);
  }

  @Test
  void encryptedClientKeyOpensWithItsKeyPassword() {
    String topic = allowedTopic("mtls-encrypted");
    TlsConfig tls = TlsConfig.builder().caFile(certificates.caFile())
        .certFile(certificates.clientCertFile()).keyFile(certificates.encryptedClientKeyFile())
        .keyPassword(certificates.keyPassword()).build();
    PublisherConfig config = overMutualTls(topic, tls).build();
    Publisher publisher = publishers.started(config);

    assertThat(publisher.produce(event(device(3), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(List.of(config.toString(), tls.toString()))
        .noneMatch(s -> s.contains(certificates.keyPassword()));
  }

  @Test
  void insecureSkipVerifyPublishesWithoutTheCa() {
    String topic = allowedTopic("insecure");
    TlsConfig tls = TlsConfig.builder().insecureSkipVerify(true)
        .certFile(certificates.clientCertFile()).keyFile(certificates.clientKeyFile()).build();
    Publisher publisher = publishers.started(overMutualTls(topic, tls).build());

    assertThat(publisher.produce(event(device(4), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SaslConfig.Mechanism.class)
  void wrongPasswordFailsStartNamingMechanismAndUserButNotThePassword(
      SaslConfig.Mechanism mechanism) {
    PublisherConfig config = overSaslSsl(allowedTopic("wrong-" + mechanism.name().toLowerCase()),
        sasl(mechanism, WRONG_PASSWORD), trustingTheCa()).build();
    Publisher publisher = publishers.built(config);
    long started = System.nanoTime();

    PublishException error = catchThrowableOfType(publisher::start, PublishException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(START_TIMEOUT);
    assertThat(error.errorType()).isEqualTo(ErrorType.AUTHENTICATION_ERROR);
    assertThat(error.retryable()).isFalse();
    assertThat(error.getMessage())
        .contains("authentication failed", mechanism.kafkaName(),
            "\"" + USERS.get(mechanism) + "\"")
        .doesNotContain("timeout");
    assertThat(stackTrace(error)).doesNotContain(WRONG_PASSWORD);
    assertThat(config.toString()).doesNotContain(WRONG_PASSWORD);
    assertThat(publisher.isStarted()).isFalse();
  }

  @Test
  void untrustedBrokerCertificateFailsStartNamingTheCertificateProblem() {
    TlsConfig untrusted = TlsConfig.builder().caFile(certificates.untrustedCaFile()).build();
    Publisher publisher = publishers.built(overSaslSsl(allowedTopic("untrusted"),
        sasl(SaslConfig.Mechanism.SCRAM_SHA_512, password("carol")), untrusted).build());
    long started = System.nanoTime();

    PublishException error = catchThrowableOfType(publisher::start, PublishException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(START_TIMEOUT);
    assertThat(error.errorType()).isEqualTo(ErrorType.AUTHENTICATION_ERROR);
    assertThat(error.getMessage())
        .contains("TLS handshake failed", "unable to find valid certification path")
        .doesNotContain("no broker answered");
    assertThat(stackTrace(error)).doesNotContain(password("carol"));
  }

  @Test
  void aclDeniedTopicFailsAsAuthorizationErrorWithoutRetryAndIsDeadLettered() {
    String denied = topic("denied");
    kafka.createTopic(denied, 1);
    String deadLetter = allowedTopic("dlq");
    List<DeadLetterEvent> deadLetters = new CopyOnWriteArrayList<>();
    PublishListener listener = new PublishListener() {
      @Override
      public void onPublish(PublishEvent event) {}

      @Override
      public void onDeadLetter(DeadLetterEvent event) {
        deadLetters.add(event);
      }
    };
    DynamicConfig routes = allTo(denied).toBuilder()
        .deadLetter(DeadLetterConfig.builder().topic(deadLetter).build()).build();
    PublisherConfig config = overSaslSsl(denied,
        sasl(SaslConfig.Mechanism.SCRAM_SHA_512, password("carol")), trustingTheCa())
        .initialDynamicConfig(routes).build();
    Publisher publisher = publishers.started(config, listener);
    long started = System.nanoTime();

    ProduceResult result = publisher.produce(event(device(5), 80, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.AUTHORIZATION_ERROR);
    assertThat(result.error().retryable()).isFalse();
    assertThat(result.error().getMessage()).contains(denied);
    // Not retried: the answer comes long before recordDeliveryTimeout would end retries.
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(config.recordDeliveryTimeout());
    ConsumerRecord<byte[], byte[]> dead =
        KafkaRecords.readExactly(kafka.bootstrapServers(), deadLetter, 1, WAIT).get(0);
    assertThat(new String(dead.headers().lastHeader("dlq.error_type").value(),
        StandardCharsets.UTF_8)).isEqualTo("authorization_error");
    await().atMost(WAIT).until(() -> deadLetters.size() == 1);
    assertThat(deadLetters.get(0).errorType()).isEqualTo(ErrorType.AUTHORIZATION_ERROR);
  }

  /** Writes to two streams: the captured log and the console. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream first;
    private final java.io.OutputStream second;

    TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
