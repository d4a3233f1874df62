package io.wrpkafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code wrpkafka} health follows the broker: DOWN once the only broker has been unreachable
 * for {@code wrpkafka.circuit-breaker.open-after} (1 s here, 10 s by default), UP again once a
 * probe (every 500 ms here) is answered. Kills a broker, so it has a class (and a broker) of its
 * own.
 */
class WrpKafkaHealthBrokerKillTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void healthGoesDownWhenTheBrokerIsKilledAndUpWhenItReturns() {
    String topic = "health-kill-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WrpKafkaAutoConfiguration.class,
            WrpKafkaHealthAutoConfiguration.class))
        .withPropertyValues("wrpkafka.brokers=" + kafka.bootstrapServers(),
            "wrpkafka.topic-map[0].pattern=*", "wrpkafka.topic-map[0].topic=" + topic,
            "wrpkafka.cleanup-timeout=2s", "wrpkafka.circuit-breaker.open-after=1s",
            "wrpkafka.circuit-breaker.probe-interval=500ms")
        .run(context -> {
          HealthIndicator health =
              context.getBean("wrpkafkaHealthIndicator", HealthIndicator.class);
          assertThat(health.health().getStatus()).isEqualTo(Status.UP);

          kafka.killBroker(0);
          // open-after plus a probe; the rest is slack for a loaded machine.
          await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            org.springframework.boot.actuate.health.Health down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails().get("circuitState")).isNotEqualTo("CLOSED");
          });

          kafka.startBroker(0); // returns once the broker serves
          await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
              assertThat(health.health().getStatus()).isEqualTo(Status.UP));
        });
  }
}
