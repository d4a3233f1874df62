package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TailCommandTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  private static void produce(String topic, byte[]... values) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, 0, "mac:112233445566".getBytes(StandardCharsets.UTF_8), value)).get();
      }
    }
  }

  private static Message withPayload(String contentType, byte[] payload) {
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("mac:112233445566")
        .destination("event:device-status/mac:112233445566/online")
        .contentType(contentType)
        .payload(payload)
        .build();
  }

  @Test
  void recordsArePrintedAsJsonLinesAndAnUndecodableOneAsAnErrorLine() throws Exception {
    kafka.createTopic("tail-mixed", 1);
    produce("tail-mixed",
        Format.MSGPACK.encode(withPayload("application/json", "{\"id\":7}".getBytes(StandardCharsets.UTF_8))),
        new byte[] {1, 2, 3},
        Format.MSGPACK.encode(withPayload("application/octet-stream", new byte[] {(byte) 0xff, 0, 1})));

    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "tail-mixed",
        "--from-beginning", "--max", "3");

    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonObject> lines = run.out().lines().map(JsonObject::new).toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).getString("key")).isEqualTo("mac:112233445566");
    assertThat(lines.get(0).getJsonObject("message").getJsonObject("payload").getInteger("id")).isEqualTo(7);
    assertThat(lines.get(0).getJsonObject("message").getString("dest"))
        .isEqualTo("event:device-status/mac:112233445566/online");
    assertThat(lines.get(1).getLong("offset")).isEqualTo(1L);
    assertThat(lines.get(1).getString("error")).contains("offset 1").contains("not a WRP msgpack message");
    assertThat(lines.get(2).getJsonObject("message").getString("payload_base64")).isEqualTo("/wAB");
  }

  @Test
  void jsonValuedRecordsAreRecognisedAndPrintedLikeMsgpackOnes() throws Exception {
    kafka.createTopic("tail-formats", 1);
    Message message = withPayload("application/json", "{\"id\":8}".getBytes(StandardCharsets.UTF_8));
    produce("tail-formats", Format.JSON.encode(message), Format.MSGPACK.encode(message));

    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "tail-formats",
        "--from-beginning", "--max", "2");

    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonObject> lines = run.out().lines().map(JsonObject::new).toList();
    assertThat(lines).extracting(line -> line.getString("valueFormat")).containsExactly("json", "msgpack");
    assertThat(lines.get(0).getJsonObject("message")).isEqualTo(lines.get(1).getJsonObject("message"));
    assertThat(lines.get(0).getJsonObject("message").getJsonObject("payload").getInteger("id")).isEqualTo(8);
  }

  @Test
  void aForcedValueFormatReportsARecordOfTheOtherFormatAsAnErrorLine() throws Exception {
    kafka.createTopic("tail-forced", 1);
    produce("tail-forced", Format.MSGPACK.encode(withPayload("text/plain", new byte[] {'h', 'i'})));

    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "tail-forced",
        "--from-beginning", "--max", "1", "--value-format", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(new JsonObject(run.out().strip()).getString("error"))
        .contains("offset 0").contains("not a WRP JSON message");
  }

  @Test
  void anUnknownValueFormatIsABadCommandLine() {
    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "x",
        "--value-format", "avro");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'avro' is not a value format (expected auto, msgpack or json)");
  }

  @Test
  void missingTopicExitsOneNamingIt() {
    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "no-such-topic",
        "--timeout", "5s");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("topic no-such-topic does not exist");
  }
}
