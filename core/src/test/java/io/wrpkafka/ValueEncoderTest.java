package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The record value format through a real broker: msgpack by default, JSON, an encoder of one's own. */
class ValueEncoderTest {
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

  private ConsumerRecord<byte[], byte[]> readOne(String topic) {
    return KafkaRecords.readExactly(kafka.bootstrapServers(), topic, 1, WAIT).get(0);
  }

  private static List<String> headerKeys(ConsumerRecord<byte[], byte[]> record) {
    return java.util.Arrays.stream(record.headers().toArray()).map(Header::key).toList();
  }

  @Test
  void theDefaultValueIsMsgpackAndTheRecordGetsNoContentTypeHeader() {
    String topic = topic("value-default");
    PublisherConfig config = config(kafka, allTo(topic)).build();
    Publisher publisher = publishers.started(config);
    Message message = event(device(1), 80, 1);

    assertThat(publisher.produce(message).outcome()).isEqualTo(Outcome.ACCEPTED);

    ConsumerRecord<byte[], byte[]> record = readOne(topic);
    assertThat(config.valueEncoder()).isSameAs(ValueEncoder.msgpack());
    assertThat(record.value()).isEqualTo(Format.MSGPACK.encode(message));
    assertThat(headerKeys(record)).isEmpty();
  }

  @Test
  void theJsonEncoderWritesWrpGoJsonThatDecodesToTheMessage() {
    String topic = topic("value-json");
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).valueEncoder(ValueEncoder.json()).build());
    Message message = event(device(1), 80, 1);

    assertThat(publisher.produce(message).outcome()).isEqualTo(Outcome.ACCEPTED);

    ConsumerRecord<byte[], byte[]> record = readOne(topic);
    assertThat(new String(record.value(), StandardCharsets.UTF_8))
        .startsWith("{")
        .contains("\"transaction_uuid\":\"tx-" + device(1) + "-1\"");
    assertThat(Format.JSON.decode(record.value())).isEqualTo(message);
    assertThat(headerKeys(record)).isEmpty();
  }

  @Test
  void aContentTypeHeaderIsWrittenOnlyWhenTheHeadersAskForIt() {
    String topic = topic("value-json-header");
    DynamicConfig withContentType =
        allTo(topic).toBuilder()
            .headers(Map.of("content-type", List.of(ValueEncoder.json().contentType())))
            .build();
    Publisher publisher =
        publishers.started(
            config(kafka, withContentType).valueEncoder(ValueEncoder.json()).build());

    assertThat(publisher.produce(event(device(1), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);

    Header header = readOne(topic).headers().lastHeader("content-type");
    assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("application/json");
  }

  @Test
  void anEncoderOfOnesOwnGivesTheRecordValueAsReturned() {
    String topic = topic("value-custom");
    ValueEncoder sourceOnly =
        new ValueEncoder() {
          @Override
          public byte[] encode(Message message) {
            return message.source().getBytes(StandardCharsets.UTF_8);
          }

          @Override
          public String contentType() {
            return "text/plain";
          }
        };
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).valueEncoder(sourceOnly).build());

    assertThat(publisher.produce(event(device(1), 80, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);

    assertThat(new String(readOne(topic).value(), StandardCharsets.UTF_8))
        .isEqualTo("mac:" + device(1));
  }

  @Test
  void anEncoderThatThrowsFailsThatMessageWithEncodingErrorAndTheNextStillGoesOut() {
    String topic = topic("value-throwing");
    ValueEncoder refusingSeq1 =
        new ValueEncoder() {
          @Override
          public byte[] encode(Message message) {
            if (message.metadata().get("seq").equals("1")) {
              throw new IllegalArgumentException("no schema for this message");
            }
            return Format.MSGPACK.encode(message);
          }

          @Override
          public String contentType() {
            return "application/msgpack";
          }
        };
    Publisher publisher =
        publishers.started(config(kafka, allTo(topic)).valueEncoder(refusingSeq1).build());

    ProduceResult failed = publisher.produce(event(device(1), 80, 1));
    ProduceResult accepted = publisher.produce(event(device(1), 80, 2));

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.error().errorType()).isEqualTo(ErrorType.ENCODING_ERROR);
    assertThat(failed.error()).hasMessageContaining("no schema for this message");
    assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(Fixtures.seq(readOne(topic))).isEqualTo(2L);
  }

  @Test
  void aDeadLetteredJsonRecordKeepsItsValueBytes() {
    String missing = topic("value-dl-missing");
    String deadLetter = topic("value-dl");
    kafka.createTopic(deadLetter, 1);
    DynamicConfig dynamic =
        allTo(missing).toBuilder()
            .deadLetter(DeadLetterConfig.builder().topic(deadLetter).build())
            .build();
    Publisher publisher =
        publishers.started(
            config(kafka, dynamic)
                .allowAutoTopicCreation(false)
                .valueEncoder(ValueEncoder.json())
                .build());
    Message message = event(device(1), 50, 1);

    assertThat(publisher.produce(message).outcome()).isEqualTo(Outcome.QUEUED);

    assertThat(readOne(deadLetter).value()).isEqualTo(Format.JSON.encode(message));
  }
}
