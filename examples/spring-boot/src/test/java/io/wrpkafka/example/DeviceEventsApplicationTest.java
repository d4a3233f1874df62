package io.wrpkafka.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.Publisher;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application starts against a real broker and its first event arrives in Kafka. The broker
 * is a bean of the test's context, closed after the class: the publisher stops (flushing) while
 * the broker still serves, rather than waiting its cleanup timeout for a broker already gone.
 */
@SpringBootTest(properties = "example.interval=200ms")
@DirtiesContext
class DeviceEventsApplicationTest {
  private static EmbeddedKafka kafka;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    kafka = EmbeddedKafka.start();
    kafka.createTopic("device-lifecycle", 1);
    kafka.createTopic("device-events", 1);
    registry.add("wrpkafka.brokers", kafka::bootstrapServers);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Broker {
    /** Closed with the context, after its lifecycle beans (the publisher) have stopped. */
    @Bean(destroyMethod = "close")
    EmbeddedKafka embeddedKafka() {
      return kafka;
    }
  }

  @Autowired
  Publisher publisher;

  @Test
  void firstOnlineEventReachesTheLifecycleTopic() {
    assertThat(publisher.isStarted()).isTrue();
    // Assigned, not subscribed: joining a consumer group costs seconds a read-back does not need.
    Map<String, Object> config =
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.of(new TopicPartition("device-lifecycle", 0));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO)
          .until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return !records.isEmpty();
          });
    }

    ConsumerRecord<String, byte[]> first = records.get(0);
    Message message = Format.MSGPACK.decode(first.value());
    assertThat(first.key()).isEqualTo("mac:112233445500");
    assertThat(message.destination()).isEqualTo("event:device-status/mac:112233445500/online");
    assertThat(new String(first.headers().lastHeader("wrp-source").value()))
        .isEqualTo("mac:112233445500");
  }
}
