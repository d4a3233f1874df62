package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrpkafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code start()} checks that a broker answers before the publisher starts (verifyOnStart). */
class PublisherStartCheckTest {
  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  /** A port on which nothing listens: bound once by the OS, then released. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void startSucceedsWhenTheBrokerAnswers() {
    String topic = topic("start-ok");
    kafka.createTopic(topic, 1);

    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).startTimeout(Duration.ofSeconds(20)).build());

    assertThat(publisher.isStarted()).isTrue();
    assertThat(publisher.produce(event(device(1), 90, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void startFailsWithinStartTimeoutNamingTheBrokerWhenNothingListens() throws IOException {
    String broker = "127.0.0.1:" + freePort();
    Publisher publisher =
        publishers.built(
            config(kafka, allTo(topic("start-nobody")))
                .brokers(broker)
                .startTimeout(Duration.ofSeconds(2))
                .build());

    long begin = System.nanoTime();
    PublishException error = catchThrowableOfType(publisher::start, PublishException.class);
    Duration took = Duration.ofNanos(System.nanoTime() - begin);

    assertThat(error.errorType()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(error.getMessage())
        .contains("cannot start", "no broker answered within startTimeout 2000ms", broker);
    assertThat(took).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aFailedStartLeavesThePublisherUnstartedWithNothingOpen() throws IOException {
    PublisherConfig config =
        config(kafka, allTo(topic("start-nothing-open")))
            .brokers("127.0.0.1:" + freePort())
            .startTimeout(Duration.ofSeconds(1))
            .build();
    Publisher publisher = publishers.built(config);

    catchThrowableOfType(publisher::start, PublishException.class);

    assertThat(publisher.isStarted()).isFalse();
    assertThat(publisher.kafkaMetrics()).isEmpty();
    assertThat(publisher.produce(event(device(1), 10, 1)).error().errorType())
        .isEqualTo(ErrorType.NOT_STARTED);
    // stopAll (after each test) waits until no thread named after the client id is left.
  }

  @Test
  void withoutVerifyOnStartAPublisherStartsWhileNothingListens() throws IOException {
    Publisher publisher =
        publishers.started(
            config(kafka, allTo(topic("start-lazy")))
                .brokers("127.0.0.1:" + freePort())
                .verifyOnStart(false)
                .cleanupTimeout(Duration.ZERO)
                .build());

    assertThat(publisher.isStarted()).isTrue();
  }
}
