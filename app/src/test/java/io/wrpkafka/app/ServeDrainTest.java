package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wrpkafka serve} in its own JVM, stopped with SIGTERM under load. */
class ServeDrainTest {
  private static final String TOPIC = "drain";
  private static final int SENDERS = 4;

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
    kafka.createTopic(TOPIC, 3);
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @Test
  void sigtermUnderLoadExitsZeroAndLosesNothingAnsweredForQos25AndAbove(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("bridge.yaml");
    Files.writeString(config, String.join("\n",
        "kafka:",
        "  brokers: " + kafka.bootstrapServers(),
        "  clientId: drain-test",
        "  cleanupTimeout: 20s",
        "  linger: 1s",
        "  topicMap:",
        "    - pattern: \"*\"",
        "      topic: " + TOPIC,
        "server:",
        "  address: 127.0.0.1",
        "  drainTimeout: 20s",
        ""));
    Process serve =
        ServeProcess.start(config, dir.resolve("serve.log"));
    try {
      int port = ServeProcess.awaitPort(serve);
      Set<String> answered = ConcurrentHashMap.newKeySet();
      AtomicInteger sent = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      List<CompletableFuture<Void>> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        senders.add(CompletableFuture.runAsync(() -> load(port, sender, sent, answered, stop)));
      }
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 300);

      serve.destroy();

      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
      stop.set(true);
      CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertThat(serve.exitValue()).as(Files.readString(dir.resolve("serve.log"))).isZero();
      assertThat(answered.size()).isLessThan(sent.get());
      Set<String> inKafka = transactionIds(answered.size());
      assertThat(inKafka).containsAll(answered);
    } finally {
      serve.destroyForcibly();
    }
  }

  /**
   * Sends messages until the bridge stops answering and records those answered 2xx: sender 0 at
   * QoS 80, the others at QoS 50. The config's 1 s linger keeps the QoS 50 records of the last
   * second in the client's batches when SIGTERM arrives: only the drain's flush delivers them.
   */
  private static void load(
      int port, int sender, AtomicInteger sent, Set<String> answered, AtomicBoolean stop) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v4/notify");
    for (int i = 0; !stop.get(); i++) {
      String id = "tx-" + sender + "-" + i;
      String device = String.format("mac:%012x", sender * 100_000L + i % 50);
      Message message =
          Message.builder()
              .type(MessageType.SIMPLE_EVENT)
              .source(device)
              .destination("event:device-status/" + device)
              .transactionUuid(id)
              .payload("{}".getBytes(StandardCharsets.UTF_8))
              .qualityOfService(sender == 0 ? 80 : 50)
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/msgpack")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Format.MSGPACK.encode(message)))
              .build();
      sent.incrementAndGet();
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200 || response.statusCode() == 202) {
          answered.add(id);
        }
      } catch (IOException e) {
        return; // the bridge has closed its port
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The transaction ids of every record in the topic, once at least {@code atLeast} are there. */
  private static Set<String> transactionIds(int atLeast) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Set<String> ids = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(TOPIC).forEach(p -> partitions.add(new TopicPartition(TOPIC, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                  ids.add(Format.MSGPACK.decode(record.value()).transactionUuid());
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
              });
    }
    assertThat(ids).hasSizeGreaterThanOrEqualTo(atLeast);
    return ids;
  }
}
