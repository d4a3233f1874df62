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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wrpkafka serve} in its own JVM, stopped with SIGTERM after its only broker went down. */
class ServeBrokerDownDrainTest {
  private static final String TOPIC = "drain-down";

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
  void sigtermWhileTheBrokerIsDownExitsZeroWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bridge.yaml");
    Files.writeString(config, String.join("\n",
        "kafka:",
        "  brokers: " + kafka.bootstrapServers(),
        "  clientId: drain-down-test",
        "  cleanupTimeout: 3s",
        "  topicMap:",
        "    - pattern: \"*\"",
        "      topic: " + TOPIC,
        "server:",
        "  address: 127.0.0.1",
        "  drainTimeout: 5s",
        ""));
    Path log = dir.resolve("serve.log");
    Process serve =
        ServeProcess.start(config, log);
    try {
      int port = ServeProcess.awaitPort(serve);
      assertThat(notify(port, 80)).as("published while the broker is up").isEqualTo(200);
      kafka.stopBroker(0);
      // Held by the client while no broker answers: the drain's flush has to give it up.
      assertThat(notify(port, 50)).isEqualTo(202);

      serve.destroy();

      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
      String stderr = Files.readString(log);
      assertThat(serve.exitValue()).as(stderr).isZero();
      assertThat(stderr.lines()).as(stderr).noneMatch(line -> line.startsWith("\tat "))
          .noneMatch(line -> line.startsWith("Caused by"));
    } finally {
      serve.destroyForcibly();
    }
  }

  private static int notify(int port, int qos) throws IOException, InterruptedException {
    Message message =
        Message.builder()
            .type(MessageType.SIMPLE_EVENT)
            .source("mac:112233445566")
            .destination("event:device-status/mac:112233445566")
            .payload("{}".getBytes(StandardCharsets.UTF_8))
            .qualityOfService(qos)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v4/notify"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/msgpack")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Format.MSGPACK.encode(message)))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
