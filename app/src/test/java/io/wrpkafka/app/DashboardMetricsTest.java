package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.app.bridge.Bridge;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in {@code dashboards/wrpkafka.json} queries only metrics the project
 * exports: every metric name in its PromQL is checked against the {@code /metrics} scrape of a
 * running bridge (publisher, Micrometer binding, Kafka client metrics, HTTP server metrics)
 * publishing to an embedded broker.
 */
class DashboardMetricsTest {
  private static final Path DASHBOARD = Path.of("../dashboards/wrpkafka.json");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static Bridge bridge;
  private static String scrape;

  @BeforeAll
  static void scrapeARunningBridge() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopic("dashboard-online", 1);
    kafka.createTopic("dashboard-dlq", 1);
    Path file = dir.resolve("bridge.yaml");
    Files.writeString(file, String.join("\n",
        "kafka:",
        "  brokers: " + kafka.bootstrapServers(),
        "  clientId: dashboard-test",
        "  topicMap:",
        "    - {pattern: online, topic: dashboard-online}",
        "  deadLetter: {topic: dashboard-dlq, minQos: 0, unroutable: true}",
        "server:",
        "  address: 127.0.0.1",
        "  adminToken: dashboard-admin-token", // so the refused-credentials series exist
        ""));
    bridge = Bridge.builder().config(WrpKafkaConfig.load(file, Map.of()), file).port(0).start();

    // Published records, and one that matches no route: a failure (no_topic_match) that the
    // dead-letter topic then takes, so the lazily created series exist.
    assertThat(notify(event("online", 80)).statusCode()).isEqualTo(200);
    assertThat(notify(event("online", 10)).statusCode()).isEqualTo(202);
    notify(event("unrouted", 80));
    assertThat(get("/no-such-path").statusCode()).isEqualTo(404);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      scrape = get("/metrics").body();
      assertThat(scrape).contains("wrpkafka_dead_lettered_total{", "kafka_producer_request_latency_avg{",
          "vertx_http_server_requests_total{");
    });
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Message event(String eventType, int qos) {
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("mac:112233445566")
        .destination("event:" + eventType + "/mac:112233445566")
        .payload("{}".getBytes(StandardCharsets.UTF_8))
        .qualityOfService(qos)
        .build();
  }

  private static HttpResponse<String> notify(Message message) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri("/api/v4/notify"))
            .header("Content-Type", "application/msgpack")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Format.MSGPACK.encode(message)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + bridge.port() + path);
  }

  @Test
  void everyMetricTheDashboardQueriesIsInTheBridgeScrape() throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
    Map<String, String> families = DashboardQueries.families(scrape);

    List<String> exprs = DashboardQueries.expressions(dashboard);
    List<String> unknown = new ArrayList<>();
    for (String expr : exprs) {
      for (String name : DashboardQueries.metricNames(expr)) {
        if (!DashboardQueries.exported(name, families)) {
          unknown.add(name + " in: " + expr);
        }
      }
    }

    assertThat(exprs).isNotEmpty();
    assertThat(unknown)
        .as("metric names the dashboard queries but the bridge does not export; exported: %s",
            new TreeSet<>(families.keySet()))
        .isEmpty();
  }

  @Test
  void everyPanelQueriesTheDatasourceVariable() throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));

    assertThat(dashboard.getJsonObject("templating").getJsonArray("list").stream()
            .map(JsonObject.class::cast)
            .filter(v -> v.getString("name").equals("datasource")))
        .singleElement()
        .satisfies(v -> assertThat(v.getString("type")).isEqualTo("datasource"))
        .satisfies(v -> assertThat(v.getString("query")).isEqualTo("prometheus"));
    assertThat(dashboard.getJsonArray("panels").stream()
            .map(JsonObject.class::cast)
            .filter(p -> !p.getString("type").equals("row")))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.getJsonObject("datasource").getString("uid")).isEqualTo("${datasource}"));
  }
}
