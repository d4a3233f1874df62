package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.embedded.EmbeddedKafka;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publisher.health() over a publisher's life, with a broker that stays up. */
class PublisherHealthTest {
  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();

  @BeforeAll
  static void startCluster() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopCluster() {
    kafka.close();
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  @Test
  void aPublisherNotYetStartedIsDown() {
    Publisher publisher = publishers.built(config(kafka, allTo(topic("health-new"))).build());

    Health health = publisher.health();

    assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    assertThat(health.reasons()).containsExactly("publisher not started");
  }

  @Test
  void aStartedPublisherThatDeliveredIsUpWithItsFigures() {
    Publisher publisher = publishers.started(config(kafka, allTo(topic("health-up"))).build());
    assertThat(publisher.produce(event(device(1), 90, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);

    Health health = publisher.health();

    assertThat(health.status()).isEqualTo(Health.Status.UP);
    assertThat(health.reasons()).isEmpty();
    assertThat(health.circuitState()).isEqualTo(CircuitState.CLOSED);
    assertThat(health.sinceLastAcknowledgement()).hasValueSatisfying(
        since -> assertThat(since).isLessThan(Duration.ofMinutes(1)));
    assertThat(health.buffer().maxRecords()).isEqualTo(PublisherConfig.DEFAULT_MAX_BUFFERED_RECORDS);
    assertThat(health.spoolBacklog()).isEmpty();
    assertThat(health.errorsPerSecond()).isZero();
  }

  @Test
  void aStoppedPublisherIsDown() {
    Publisher publisher = publishers.started(config(kafka, allTo(topic("health-stop"))).build());
    publisher.close();

    assertThat(publisher.health().status()).isEqualTo(Health.Status.DOWN);
    assertThat(publisher.health().reasons()).containsExactly("publisher stopped");
  }

  @Test
  void refusedRecordsMakeItDegraded() {
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic("health-refused")).toBuilder()
            .linger(Duration.ofMillis(500)).build()).maxBufferedRecords(1).build());
    publisher.produce(event(device(2), 10, 1));

    ProduceResult dropped = publisher.produce(event(device(2), 10, 2));

    assertThat(dropped.outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(publisher.health().status()).isEqualTo(Health.Status.DEGRADED);
    assertThat(publisher.health().reasons())
        .anySatisfy(r -> assertThat(r).startsWith("records failing or refused"));
  }

  @Test
  void aDisabledPublisherIsUpAndSaysItIsDisabled() {
    Publisher disabled = Publisher.disabled();

    assertThat(disabled.health().status()).isEqualTo(Health.Status.UP);
    assertThat(disabled.health().reasons()).containsExactly("disabled");
  }
}
