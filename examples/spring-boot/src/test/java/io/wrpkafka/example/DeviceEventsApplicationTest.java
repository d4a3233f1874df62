package io.wrpkafka.example;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application starts against a real broker and its first event arrives in Kafka. */
@SpringBootTest(properties = "example.interval=200ms")
class DeviceEventsApplicationTest {
  private static EmbeddedKafka kafka;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    kafka = EmbeddedKafka.start();
    kafka.createTopic("device-lifecycle", 1);
    kafka.createTopic("device-events", 1);
    registry.add("wrpkafka.brokers", kafka::bootstrapServers);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Autowired
  Publisher publisher;

  @Test
  void firstOnlineEventReachesTheLifecycleTopic() {
    assertThat(publisher.isStarted()).isTrue();
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "example-test",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("device-lifecycle"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }

    assertThat(records).isNotEmpty();
    ConsumerRecord<String, byte[]> first = records.get(0);
    Message message = Format.MSGPACK.decode(first.value());
    assertThat(first.key()).isEqualTo("mac:112233445500");
    assertThat(message.destination()).isEqualTo("event:device-status/mac:112233445500/online");
    assertThat(new String(first.headers().lastHeader("wrp-source").value()))
        .isEqualTo("mac:112233445500");
  }
}
