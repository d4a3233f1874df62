package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.WrpFormatException;
import io.wrpkafka.wrp.kafka.WrpDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A plain KafkaConsumer with WrpDeserializer reads what the Publisher wrote, on a real broker. */
class WrpDeserializerConsumerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

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

  /** The consumer of the wrp README's example, configured by class name as users would. */
  private static KafkaConsumer<String, Message> consumer(String format) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, WrpDeserializer.class.getName());
    if (format != null) {
      props.put("wrp.format", format);
    }
    return new KafkaConsumer<>(props);
  }

  /** Assigns every partition of {@code topic} from the beginning. */
  private static void assignFromBeginning(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    await().atMost(WAIT)
        .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(2)), p -> !p.isEmpty())
        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  private static List<ConsumerRecord<String, Message>> pollUntil(
      KafkaConsumer<String, Message> consumer, int expected) {
    List<ConsumerRecord<String, Message>> records = new ArrayList<>();
    await().atMost(WAIT).pollInterval(Duration.ZERO).until(() -> {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      return records.size() >= expected;
    });
    return records;
  }

  @Test
  void consumerReadsTheMsgpackThePublisherWrote() {
    String topic = topic("serde-msgpack");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());
    Message sent = event(device(1), 80, 1);
    assertThat(publisher.produce(sent).outcome()).isEqualTo(Outcome.ACCEPTED);

    try (KafkaConsumer<String, Message> consumer = consumer(null)) {
      assignFromBeginning(consumer, topic);
      List<ConsumerRecord<String, Message>> records = pollUntil(consumer, 1);

      assertThat(records).singleElement().satisfies(record -> {
        assertThat(record.key()).isEqualTo("mac:" + device(1));
        assertThat(record.value()).isEqualTo(sent);
      });
    }
  }

  @Test
  void consumerWithWrpFormatJsonReadsTheJsonThePublisherWrote() {
    String topic = topic("serde-json");
    Publisher publisher = publishers.started(
        config(kafka, allTo(topic)).valueEncoder(ValueEncoder.json()).build());
    Message sent = event(device(2), 80, 1);
    assertThat(publisher.produce(sent).outcome()).isEqualTo(Outcome.ACCEPTED);

    try (KafkaConsumer<String, Message> consumer = consumer("json")) {
      assignFromBeginning(consumer, topic);

      assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly(sent);
    }
  }

  @Test
  void aRecordThatIsNotWrpFailsThePollWithOurReasonAndCanBeSkipped() throws Exception {
    String topic = topic("serde-bad");
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());
    Message good = event(device(3), 80, 2);
    assertThat(publisher.produce(event(device(3), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(props)) {
      // The publisher's key, so the bad record lands on the same partition, between the good ones.
      byte[] key = ("mac:" + device(3)).getBytes(StandardCharsets.UTF_8);
      raw.send(new ProducerRecord<>(topic, key, "not wrp".getBytes(StandardCharsets.UTF_8)))
          .get(20, TimeUnit.SECONDS);
    }
    assertThat(publisher.produce(good).outcome()).isEqualTo(Outcome.ACCEPTED);

    try (KafkaConsumer<String, Message> consumer = consumer(null)) {
      assignFromBeginning(consumer, topic);
      List<ConsumerRecord<String, Message>> read = new ArrayList<>();
      List<RecordDeserializationException> failures = new ArrayList<>();
      await().atMost(WAIT).pollInterval(Duration.ZERO).until(() -> {
        try {
          consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        } catch (RecordDeserializationException e) {
          failures.add(e);
          consumer.seek(e.topicPartition(), e.offset() + 1);   // skip it, as an error handler would
        }
        return read.size() >= 2;
      });

      assertThat(read).extracting(r -> r.value().metadata().get("seq")).containsExactly("1", "2");
      assertThat(failures).singleElement().satisfies(e -> {
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.getCause()).isInstanceOf(SerializationException.class)
            .hasMessageContaining("is not a WRP msgpack message")
            .hasCauseInstanceOf(WrpFormatException.class);
      });
    }
  }
}
