package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.app.bridge.Bridge;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code serve} wires from a configuration file: auth, metrics, the config file watch. */
class ServeCommandTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String AUTH =
      "Basic " + Base64.getEncoder().encodeToString("talaria:pw".getBytes());
  private static EmbeddedKafka kafka;

  @TempDir Path dir;
  private Path file;
  private Bridge bridge;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
    kafka.createTopic("serve-lifecycle", 1);
    kafka.createTopic("serve-rerouted", 1);
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  private String config(String onlineTopic) {
    return String.join("\n",
        "kafka:",
        "  brokers: " + kafka.bootstrapServers(),
        "  clientId: serve-test",
        "  topicMap:",
        "    - pattern: online",
        "      topic: " + onlineTopic,
        "server:",
        "  address: 127.0.0.1",
        "  watchConfig: true",
        "  auth:",
        "    basic: {username: talaria, password: pw}",
        "");
  }

  @BeforeEach
  void serve() throws IOException {
    file = dir.resolve("bridge.yaml");
    Files.writeString(file, config("serve-lifecycle"));
    ServeCommand command = new ServeCommand();
    command.config = file;
    command.port = 0;
    bridge = command.start(WrpKafkaConfig.load(file, Map.of()));
  }

  @AfterEach
  void stop() {
    bridge.close();
  }

  private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + path))
            .header("Authorization", AUTH)
            .header("Content-Type", "application/msgpack")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] talaria() throws IOException {
    try (InputStream in = ServeCommandTest.class.getResourceAsStream("/talaria-online-v3.msgpack")) {
      return in.readAllBytes();
    }
  }

  @Test
  void metricsShowThePublisherTheKafkaClientAndTheHttpServer() throws Exception {
    assertThat(send("POST", "/api/v4/notify", talaria()).statusCode()).isEqualTo(202);

    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      String scrape = send("GET", "/metrics", null).body();
      assertThat(scrape)
          .contains("wrpkafka_messages_published_total{client_id=\"serve-test\",event_type=\"online\"")
          .contains("kafka_producer_record_send_total")
          .contains("vertx_http_server_requests_total");
    });
  }

  @Test
  void editedConfigFileReroutesWithoutARestart() throws Exception {
    Path next = dir.resolve("bridge.yaml.new");
    Files.writeString(next, config("serve-rerouted"));
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonObject route = new JsonObject(send("POST", "/api/v1/route", talaria()).body());
      assertThat(route.getJsonArray("destinations").getJsonObject(0).getString("topic"))
          .isEqualTo("serve-rerouted");
    });
  }

  @Test
  void ingestWithoutTheConfiguredCredentialsIsRefused() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + "/api/v4/notify"))
                .header("Content-Type", "application/msgpack")
                .POST(HttpRequest.BodyPublishers.ofByteArray(talaria()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }
}
