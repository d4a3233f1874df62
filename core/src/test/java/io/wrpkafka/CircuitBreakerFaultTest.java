package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker against a real broker that is killed and started again: it opens once no
 * broker was reachable for openAfter, refuses QoS 0–24 and 75–99 at once while open, and closes
 * when a probe is answered again. What only needs an open circuit uses an address where no
 * broker listens, which saves a broker restart per test.
 */
class CircuitBreakerFaultTest {
  private static final Duration OPEN_AFTER = Duration.ofSeconds(1);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  /** How long the breaker may take to open: openAfter, a probe's timeout, and a loaded machine. */
  private static final Duration OPENS_WITHIN = Duration.ofSeconds(30);

  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();
  private final List<String> transitions = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startCluster() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopCluster() {
    kafka.close();
  }

  @BeforeEach
  void brokerRuns() {
    kafka.startBroker(0);
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  /** A started publisher with a short breaker whose first record was acknowledged. */
  private Publisher publisherThatDelivered(String name) {
    Publisher publisher =
        publishers.started(
            config(kafka, allTo(topic(name)))
                .requestTimeout(Duration.ofSeconds(5))
                .recordDeliveryTimeout(DELIVERY_TIMEOUT)
                .cleanupTimeout(Duration.ofMillis(500))
                .circuitBreaker(CircuitBreakerConfig.builder()
                    .openAfter(OPEN_AFTER).probeInterval(PROBE_INTERVAL).build())
                .build(),
            new PublishListener() {
              @Override
              public void onPublish(PublishEvent event) {}

              @Override
              public void onCircuitStateChange(CircuitState from, CircuitState to, String why) {
                transitions.add(from + "->" + to);
              }
            });
    assertThat(publisher.produce(event(device(1), 90, 0)).outcome()).isEqualTo(Outcome.ACCEPTED);
    return publisher;
  }

  /** A publisher started without a cluster check on a port where nothing listens. */
  private Publisher publisherWithoutBroker(String name) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    return publishers.started(
        config(kafka, allTo(topic(name)))
            .brokers("127.0.0.1:" + closedPort)
            .verifyOnStart(false)
            .recordDeliveryTimeout(DELIVERY_TIMEOUT)
            .cleanupTimeout(Duration.ofMillis(500))
            .circuitBreaker(CircuitBreakerConfig.builder()
                .openAfter(OPEN_AFTER).probeInterval(PROBE_INTERVAL).build())
            .build());
  }

  private static void awaitCircuit(Publisher publisher, CircuitState state, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(20))
        .until(() -> publisher.health().circuitState() == state);
  }

  /** The circuit opened and is not probing right now (half-open refuses the same way). */
  private static void awaitOpen(Publisher publisher) {
    await().atMost(OPENS_WITHIN).pollInterval(Duration.ofMillis(20))
        .until(() -> publisher.health().circuitState() != CircuitState.CLOSED);
  }

  @Test
  void qos80FailsAtOnceWithCircuitOpenOnceNoBrokerWasReachableForOpenAfter() {
    Publisher publisher = publisherThatDelivered("open-qos80");
    kafka.killBroker(0);
    awaitOpen(publisher);

    long start = System.nanoTime();
    ProduceResult result = publisher.produce(event(device(2), 80, 1));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.CIRCUIT_OPEN);
    assertThat(result.error().getMessage()).contains("no broker reachable for 1000ms");
    // Without the breaker the call would wait the delivery timeout (30 s).
    assertThat(took).isLessThan(DELIVERY_TIMEOUT.dividedBy(30));
  }

  @Test
  void qos10IsDroppedWithCircuitOpenAndTheCallerNeverParks() throws IOException {
    Publisher publisher = publisherWithoutBroker("open-qos10");
    awaitOpen(publisher);
    publisher.produce(event(device(3), 10, 1));

    long waitsBefore = waitsOfThisThread();
    List<ProduceResult> results = new java.util.ArrayList<>();
    for (int seq = 2; seq <= 200; seq++) {
      results.add(publisher.produce(event(device(3), 10, seq)));
    }

    assertThat(waitsOfThisThread() - waitsBefore).as("times the caller parked or blocked").isZero();
    assertThat(results).allSatisfy(result -> {
      assertThat(result.outcome()).isEqualTo(Outcome.DROPPED);
      assertThat(result.error().errorType()).isEqualTo(ErrorType.CIRCUIT_OPEN);
    });
  }

  @Test
  void qos50IsStillQueuedWhileTheCircuitIsOpen() throws IOException {
    Publisher publisher = publisherWithoutBroker("open-qos50");
    awaitOpen(publisher);

    assertThat(publisher.produce(event(device(4), 50, 1)).outcome()).isEqualTo(Outcome.QUEUED);
  }

  @Test
  void theCircuitClosesWithinAProbeIntervalOnceTheBrokerIsBack() {
    Publisher publisher = publisherThatDelivered("close");
    kafka.killBroker(0);
    awaitOpen(publisher);

    kafka.startBroker(0);

    // A probe interval, plus the probe's own round trip and reconnect backoff on a loaded machine.
    awaitCircuit(publisher, CircuitState.CLOSED, PROBE_INTERVAL.plus(Duration.ofSeconds(10)));
    assertThat(publisher.produce(event(device(5), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void listenersSeeTheOpeningAndTheClosingOnceEach() {
    Publisher publisher = publisherThatDelivered("listener");
    kafka.killBroker(0);
    awaitOpen(publisher);
    kafka.startBroker(0);
    awaitCircuit(publisher, CircuitState.CLOSED, PROBE_INTERVAL.plus(Duration.ofSeconds(10)));

    await().atMost(Duration.ofSeconds(5))
        .until(() -> !transitions.isEmpty() && transitions.get(transitions.size() - 1)
            .endsWith("->CLOSED"));
    assertThat(transitions).first().isEqualTo("CLOSED->OPEN");
    assertThat(transitions).filteredOn(t -> t.equals("CLOSED->OPEN")).hasSize(1);
    assertThat(transitions).filteredOn(t -> t.endsWith("->CLOSED")).hasSize(1);
    for (int i = 1; i < transitions.size(); i++) {
      String previousTo = transitions.get(i - 1).split("->")[1];
      assertThat(transitions.get(i)).as("each change starts where the last one ended")
          .startsWith(previousTo + "->");
    }
  }

  @Test
  void healthIsDownWhileTheCircuitIsOpenAndUpOnceItClosed() {
    Publisher publisher = publisherThatDelivered("health");
    assertThat(publisher.health().status()).isEqualTo(Health.Status.UP);
    kafka.killBroker(0);
    awaitOpen(publisher);

    Health down = publisher.health();
    assertThat(down.status()).isEqualTo(Health.Status.DOWN);
    assertThat(down.reasons()).anySatisfy(r -> assertThat(r).startsWith("circuit"));

    kafka.startBroker(0);
    awaitCircuit(publisher, CircuitState.CLOSED, PROBE_INTERVAL.plus(Duration.ofSeconds(10)));
    assertThat(publisher.health().reasons()).noneSatisfy(r -> assertThat(r).startsWith("circuit"));
    assertThat(publisher.health().status()).isNotEqualTo(Health.Status.DOWN);
  }

  /** How often this thread has waited (parked, Object.wait, sleep) or blocked on a monitor. */
  private static long waitsOfThisThread() {
    ThreadInfo info =
        ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
    return info.getWaitedCount() + info.getBlockedCount();
  }
}
