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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A wrong password is an authentication error with the client's cause, never a timeout. */
class PublisherAuthenticationTest {
  private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule"
      + " required user_alice=\"alice-secret\";";
  private static final String WRONG = "not-alices-password";

  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder()
        .listener("SASL", "SASL_PLAINTEXT")
        .brokerProperty("listener.name.sasl.sasl.enabled.mechanisms", "PLAIN")
        .brokerProperty("listener.name.sasl.plain.sasl.jaas.config", JAAS)
        .build());
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  private static PublisherConfig.Builder configAs(String password, String topic) {
    return config(kafka, allTo(topic))
        .brokers(kafka.bootstrapServers("SASL"))
        .sasl(SaslConfig.builder().mechanism(SaslConfig.Mechanism.PLAIN)
            .username("alice").password(password).build());
  }

  /** A started publisher; without the start check, so that a refusal reaches the records. */
  private Publisher publisherAs(String password, String topic, boolean autoCreate) {
    return publishers.started(
        configAs(password, topic).allowAutoTopicCreation(autoCreate).verifyOnStart(false).build());
  }

  @ParameterizedTest(name = "allowAutoTopicCreation {0}")
  @ValueSource(booleans = {false, true})
  void aWrongPasswordFailsAsAnAuthenticationErrorWithTheClientsCause(boolean autoCreate) {
    String existing = topic("auth");
    kafka.createTopic(existing, 1);
    Publisher publisher = publisherAs(WRONG, existing, autoCreate);

    ProduceResult result = publisher.produce(event(device(1), 80, 1));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    PublishException error = result.error();
    assertThat(error.errorType()).isEqualTo(ErrorType.AUTHENTICATION_ERROR);
    assertThat(error.retryable()).isFalse();
    assertThat(error).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    assertThat(error.getMessage()).doesNotContain("exists within").doesNotContain(WRONG);
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(WRONG);
  }

  @Test
  void theRightPasswordIsAccepted() {
    String existing = topic("auth-ok");
    kafka.createTopic(existing, 1);
    Publisher publisher = publisherAs("alice-secret", existing, false);

    assertThat(publisher.produce(event(device(2), 80, 1)).outcome())
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(KafkaRecords.readExactly(kafka.bootstrapServers(), existing, 1,
        java.time.Duration.ofSeconds(30))).hasSize(1);
    assertThat(List.of(publisher.dynamicConfig().toString())).noneMatch(s -> s.contains("alice-secret"));
  }

  @Test
  void startFailsAsAnAuthenticationErrorNamingMechanismAndUserButNotThePassword() {
    Publisher publisher =
        publishers.built(
            configAs(WRONG, topic("auth-start")).startTimeout(Duration.ofSeconds(20)).build());

    PublishException error = catchThrowableOfType(publisher::start, PublishException.class);

    assertThat(error.errorType()).isEqualTo(ErrorType.AUTHENTICATION_ERROR);
    assertThat(error.getMessage())
        .contains("authentication failed", "PLAIN", "\"alice\"", kafka.bootstrapServers("SASL"))
        .doesNotContain(WRONG);
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(WRONG);
    assertThat(publisher.isStarted()).isFalse();
  }

  @Test
  void startPassesWithTheRightPassword() {
    Publisher publisher =
        publishers.built(configAs("alice-secret", topic("auth-start-ok")).build());

    publisher.start();

    assertThat(publisher.isStarted()).isTrue();
  }
}
