package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wrpkafka serve} with a spool, in its own JVM, killed with SIGKILL mid-stream while its
 * only broker is down, then started again on the same spool: every request answered 202 ends up
 * in Kafka. The stream runs while the broker is up first, so the duplicate window (records the
 * broker acknowledged whose acknowledgement the spool had not yet written) is measured too.
 */
class ServeSpoolKillTest {
  private static final String TOPIC = "spool-kill";

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
    kafka.createTopic(TOPIC, 1);
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @Test
  void everyRequestAnswered202IsInKafkaAfterASigkillDuringAnOutage(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("bridge.yaml");
    Files.writeString(config, String.join("\n",
        "kafka:",
        "  brokers: " + kafka.bootstrapServers(),
        "  clientId: spool-kill-test",
        "  requestTimeout: 1s",
        "  recordDeliveryTimeout: 3s",
        "  cleanupTimeout: 3s",
        "  spool: {directory: " + dir.resolve("spool") + ", fsync: never}",
        "  topicMap:",
        "    - pattern: \"*\"",
        "      topic: " + TOPIC,
        "server:",
        "  address: 127.0.0.1",
        ""));
    List<Integer> accepted = new ArrayList<>();
    int seq = 0;
    Process first = ServeProcess.start(config, dir.resolve("first.log"));
    try {
      int port = ServeProcess.awaitPort(first);
      for (; seq < 200; seq++) {
        assertThat(notify(port, seq)).as("while the broker is up").isEqualTo(202);
        accepted.add(seq);
      }
      kafka.stopBroker(0);
      for (int i = 0; i < 200; i++, seq++) {
        int status = notify(port, seq);
        assertThat(status).as("while the broker is down").isEqualTo(202);
        accepted.add(seq);
      }
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.destroyForcibly();
    }

    kafka.startBroker(0);
    Process second = ServeProcess.start(config, dir.resolve("second.log"));
    try {
      ServeProcess.awaitPort(second);
      Map<Integer, Integer> copies = readUntilAllPresent(accepted);
      int duplicates = 0;
      for (int n : copies.values()) {
        duplicates += n - 1;
      }
      System.out.println("spool SIGKILL test: " + accepted.size() + " accepted, " + duplicates
          + " duplicates");
      assertThat(copies.keySet()).containsAll(accepted);
      // At-least-once: duplicates are allowed only for what the broker had acknowledged before
      // the kill, i.e. within the records sent while it was up.
      assertThat(duplicates).isLessThanOrEqualTo(200);
    } finally {
      second.destroyForcibly();
    }
  }

  /** How often each sequence is in the topic, read until every accepted one is there. */
  private static Map<Integer, Integer> readUntilAllPresent(List<Integer> accepted) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        ByteArrayDeserializer.class.getName());
    Map<Integer, Integer> copies = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Message message = Format.MSGPACK.decode(record.value());
          copies.merge(Integer.parseInt(message.metadata().get("seq")), 1, Integer::sum);
        }
        return copies.keySet().containsAll(accepted);
      });
      consumer.poll(Duration.ofMillis(500)).forEach(record -> copies.merge(
          Integer.parseInt(Format.MSGPACK.decode(record.value()).metadata().get("seq")), 1,
          Integer::sum));
    }
    return copies;
  }

  private static int notify(int port, int seq) throws IOException, InterruptedException {
    Message message =
        Message.builder()
            .type(MessageType.SIMPLE_EVENT)
            .source("mac:112233445566")
            .destination("event:device-status/mac:112233445566")
            .metadata(Map.of("seq", Integer.toString(seq)))
            .payload("{}".getBytes(StandardCharsets.UTF_8))
            .qualityOfService(50)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v4/notify"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/msgpack")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Format.MSGPACK.encode(message)))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
