package io.wrpkafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wrpkafka.ConfigException;
import io.wrpkafka.Outcome;
import io.wrpkafka.PublishEvent;
import io.wrpkafka.PublishListener;
import io.wrpkafka.Publisher;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.micrometer.PublisherMetrics;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configured beans against a real broker (one for the class, a topic per test). */
class WrpKafkaAutoConfigurationTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private static String topic(String name) {
    String topic = name + "-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    return topic;
  }

  private static ApplicationContextRunner runner(String topic) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WrpKafkaAutoConfiguration.class,
            WrpKafkaMetricsAutoConfiguration.class, WrpKafkaHealthAutoConfiguration.class))
        .withPropertyValues("wrpkafka.brokers=" + kafka.bootstrapServers(),
            "wrpkafka.topic-map[0].pattern=*", "wrpkafka.topic-map[0].topic=" + topic,
            "wrpkafka.cleanup-timeout=5s");
  }

  private static Message online(String device) {
    return Message.builder().type(MessageType.SIMPLE_EVENT).source("mac:" + device)
        .destination("event:device-status/mac:" + device + "/online").qualityOfService(99)
        .build();
  }

  @Test
  void messageProducedThroughTheBeanIsReadBackFromKafka() {
    String topic = topic("read-back");
    runner(topic).run(context -> {
      Publisher publisher = context.getBean(Publisher.class);
      assertThat(publisher.isStarted()).isTrue();

      assertThat(publisher.produce(online("112233445566")).outcome())
          .isEqualTo(Outcome.ACCEPTED);

      List<ConsumerRecord<String, byte[]>> records = readAll(topic, 1);
      assertThat(records).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo("mac:112233445566");
        assertThat(Format.MSGPACK.decode(r.value())).isEqualTo(online("112233445566"));
      });
    });
  }

  @Test
  void publisherIsStoppedWhenTheContextCloses() {
    List<Publisher> seen = new ArrayList<>();
    runner(topic("stop")).run(context -> seen.add(context.getBean(Publisher.class)));

    assertThat(seen).singleElement().satisfies(p -> assertThat(p.isStarted()).isFalse());
  }

  @Test
  void lifecycleStopsWithinTheCleanupTimeout() {
    runner(topic("cleanup")).run(context ->
        assertThat(context.getBean(PublisherLifecycle.class).stopTimeout())
            .isEqualTo(Duration.ofSeconds(5)));
  }

  @Test
  void publishListenerBeansHearEveryOutcome() {
    String topic = topic("listener");
    runner(topic).withUserConfiguration(ListenerConfiguration.class).run(context -> {
      context.getBean(Publisher.class).produce(online("a1b2c3d4e5f6"));

      // Listeners are called on the publisher's threads, after the outcome.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(context.getBean(RecordingListener.class).events)
              .singleElement().satisfies(e -> assertThat(e.topic()).isEqualTo(topic)));
    });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnPublisher() {
    runner(topic("own")).withUserConfiguration(OwnPublisherConfiguration.class).run(context -> {
      assertThat(context).hasSingleBean(Publisher.class)
          .doesNotHaveBean(PublisherLifecycle.class);
      assertThat(context.getBean(Publisher.class))
          .isSameAs(context.getBean(OwnPublisherConfiguration.class).publisher);
    });
  }

  @Test
  void enabledFalseGivesTheDisabledPublisherWithoutOtherProperties() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WrpKafkaAutoConfiguration.class))
        .withPropertyValues("wrpkafka.enabled=false").run(context -> {
          Publisher publisher = context.getBean(Publisher.class);
          assertThat(publisher.isEnabled()).isFalse();
          assertThat(publisher.produce(online("112233445566")).outcome())
              .isEqualTo(Outcome.ACCEPTED);
        });
  }

  @Test
  void badPropertyFailsTheStartupNamingTheProperty() {
    runner(topic("bad")).withPropertyValues("wrpkafka.acks=most").run(context ->
        assertThat(context).getFailure().rootCause().isInstanceOf(ConfigException.class)
            .hasMessageContaining("wrpkafka.acks: "));
  }

  @Test
  void metricsAreBoundToActuatorsRegistry() {
    runner(topic("metrics"))
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasSingleBean(PublisherMetrics.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          context.getBean(Publisher.class).produce(online("112233445566"));

          assertThat(registry.get("wrpkafka.buffer.max.records").gauge().value())
              .isEqualTo(10_000);
          await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
              registry.get("wrpkafka.messages.published").counter().count()).isOne());
        });
  }

  @Test
  void metricsAreBoundToTheApplicationsRegistryWithoutActuator() {
    runner(topic("metrics-plain"))
        .withClassLoader(new FilteredClassLoader(MetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .run(context -> {
          assertThat(context).hasSingleBean(PublisherMetrics.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.find("wrpkafka.buffer.max.records").gauge()).isNotNull();
        });
  }

  @Test
  void noMetricsWithoutAMeterRegistry() {
    runner(topic("no-metrics")).run(context ->
        assertThat(context).doesNotHaveBean(PublisherMetrics.class));
  }

  @Test
  void healthIsUpWithItsFiguresWhileTheBrokerServes() {
    runner(topic("health")).run(context -> {
      Health health = context.getBean("wrpkafkaHealthIndicator", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("circuitState", "CLOSED")
          .containsEntry("reasons", List.of()).containsKeys("buffer", "errorsPerSecond");
    });
  }

  @Test
  void healthIndicatorIsOffWhenTheManagementPropertySaysSo() {
    runner(topic("health-off")).withPropertyValues("management.health.wrpkafka.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("wrpkafkaHealthIndicator"));
  }

  @Test
  void healthOfTheDisabledPublisherIsUp() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WrpKafkaAutoConfiguration.class,
            WrpKafkaHealthAutoConfiguration.class))
        .withPropertyValues("wrpkafka.enabled=false").run(context ->
            assertThat(context.getBean("wrpkafkaHealthIndicator", HealthIndicator.class)
                .health().getStatus()).isEqualTo(Status.UP));
  }

  // Assigned, not subscribed: joining a consumer group costs seconds a read-back does not need.
  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
    Map<String, Object> config =
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO)
          .until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= expected;
          });
    }
    return records;
  }

  static final class RecordingListener implements PublishListener {
    final List<PublishEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onPublish(PublishEvent event) {
      events.add(event);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ListenerConfiguration {
    @Bean
    RecordingListener recordingListener() {
      return new RecordingListener();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnPublisherConfiguration {
    final Publisher publisher = Publisher.disabled();

    @Bean
    Publisher ownPublisher() {
      return publisher;
    }
  }
}
