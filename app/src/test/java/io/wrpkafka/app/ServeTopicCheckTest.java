package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.app.bridge.Bridge;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With allowAutoTopicCreation false, serve names the topics its routes lack: log and /readyz. */
class ServeTopicCheckTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static EmbeddedKafka kafka;

  @TempDir Path dir;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private Bridge bridge;
  private Path file;
  private String present;
  private String absent;

  @BeforeAll
  static void startBroker() {
    // A broker that creates nothing by itself, so a missing topic stays missing.
    kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder().autoCreateTopics(false).build());
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @BeforeEach
  void captureLog() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    present = "check-present-" + id;
    absent = "check-absent-" + id;
    kafka.createTopic(present, 1);
    kafka.createTopic(present + "-dlq", 1);
    originalErr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    System.setErr(originalErr);
  }

  private String logged() {
    return log.toString(StandardCharsets.UTF_8);
  }

  private void serve(String yaml) throws Exception {
    file = dir.resolve("bridge.yaml");
    Files.writeString(file, yaml);
    bridge = Bridge.builder().config(WrpKafkaConfig.load(file, Map.of()), file).port(0).start();
  }

  private String config(String onlineTopic, String deadLetterTopic, boolean autoCreate) {
    return String.join("\n",
        "kafka:",
        "  brokers: " + kafka.bootstrapServers(),
        "  allowAutoTopicCreation: " + autoCreate,
        "  topicMap:",
        "    - {pattern: online, topic: " + onlineTopic + "}",
        "  deadLetter: {topic: " + deadLetterTopic + "}",
        "server:",
        "  address: 127.0.0.1",
        "  adminToken: topic-check-admin",
        "  watchConfig: true",
        "");
  }

  private HttpResponse<String> http(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + bridge.port() + path));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/yaml")
          .header("Authorization", "Bearer topic-check-admin");
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void startWarnsOnceForEachMissingTopicIncludingTheDeadLetterTopic() throws Exception {
    serve(config(absent, absent + "-dlq", false));

    assertThat(logged().lines().filter(line -> line.contains("WARN"))).containsExactly(
        logged().lines().filter(line -> line.contains("topic \"" + absent + "\" does not exist"))
            .findFirst().orElseThrow(),
        logged().lines().filter(line -> line.contains("topic \"" + absent + "-dlq\" does not exist"))
            .findFirst().orElseThrow());
  }

  @Test
  void startSaysNothingWhenEveryTopicExists() throws Exception {
    serve(config(present, present + "-dlq", false));

    assertThat(logged()).doesNotContain("WARN");
  }

  @Test
  void readyzListsTheMissingTopicsAndTurnsReadyOnceTheyExist() throws Exception {
    serve(config(present, absent, false));

    HttpResponse<String> notReady = http("GET", "/readyz", null);
    assertThat(notReady.statusCode()).isEqualTo(503);
    JsonObject body = new JsonObject(notReady.body());
    assertThat(body.getString("errorType")).isEqualTo("not_ready");
    assertThat(body.getJsonArray("missingTopics").getList()).containsExactly(absent);

    kafka.createTopic(absent, 1);
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(
        () -> assertThat(http("GET", "/readyz", null).statusCode()).isEqualTo(200));
  }

  @Test
  void topicsAreNotCheckedWhenTheBrokersMayCreateThem() throws Exception {
    serve(config(absent, absent + "-dlq", true));

    assertThat(http("GET", "/readyz", null).statusCode()).isEqualTo(200);
    assertThat(logged()).doesNotContain("does not exist");
  }

  @Test
  void reloadThatRoutesToAMissingTopicWarnsAboutIt() throws Exception {
    serve(config(present, present + "-dlq", false));

    HttpResponse<String> put = http("PUT", "/api/v1/config",
        "topicMap: [{pattern: online, topic: " + absent + "}]\n");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logged())
        .contains("topic \"" + absent + "\" does not exist after the reload"));
  }

  @Test
  void editedConfigFileThatRoutesToAMissingTopicWarnsAboutIt() throws Exception {
    serve(config(present, present + "-dlq", false));

    Path next = dir.resolve("bridge.yaml.new");
    Files.writeString(next, config(absent, present + "-dlq", false));
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);

    Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(logged())
        .contains("topic \"" + absent + "\" does not exist after the reload"));
  }
}
