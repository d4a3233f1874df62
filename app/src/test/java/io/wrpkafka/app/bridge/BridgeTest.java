package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishEvent;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Black-box tests of a running bridge against a real broker: requests in, records out. */
class BridgeTest {
  private static final String USER = "talaria";
  private static final String PASSWORD = "s3cret";
  private static final String AUTH = Http.basic(USER, PASSWORD);
  private static final String ADMIN_TOKEN = "admin-token-1";
  private static final String MSGPACK = "application/msgpack";
  private static final List<String> TOPICS =
      List.of("lifecycle", "acked", "queued", "attempted", "batch", "metrics", "rerouted", "json", "ordered");

  private static EmbeddedKafka kafka;
  private static Publisher publisher;
  private static Bridge bridge;
  private static Http http;
  private static DynamicConfig initial;

  @BeforeAll
  static void startBridge() {
    kafka = EmbeddedKafka.start();
    for (String topic : TOPICS) {
      kafka.createTopic(topic, 2);
    }
    initial =
        DynamicConfig.builder()
            .topicMap(
                List.of(
                    route("online", "lifecycle"),
                    route("acked", "acked"),
                    route("queued", "queued"),
                    route("attempted", "attempted"),
                    route("batch", "batch"),
                    route("metrics", "metrics"),
                    route("json", "json"),
                    route("ordered", "ordered"),
                    route("missing", "no-such-topic")))
            .headers(Map.of("wrp-source", List.of("wrp.Source"), "wrp-device", List.of("wrp.Metadata./hw-deviceid")))
            .linger(Duration.ofMillis(1))
            .build();
    PublisherConfig config =
        PublisherConfig.builder()
            .brokers(kafka.bootstrapServers())
            .clientId("bridge-test")
            .requestTimeout(Duration.ofSeconds(10))
            .recordDeliveryTimeout(Duration.ofSeconds(30))
            .initialDynamicConfig(initial)
            .build();
    publisher = Publisher.builder().config(config).build();
    publisher.start();
    bridge =
        Bridge.builder()
            .settings(
                BridgeSettings.local(0)
                    .withIngestAuth(IngestAuth.basic(USER, PASSWORD))
                    .withAdminToken(ADMIN_TOKEN)
                    .withMaxBodyBytes(64 * 1024))
            .publisher(publisher, config.recordDeliveryTimeout(), config.cleanupTimeout())
            .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .configCodec(new YamlDynamicConfigCodec())
            .start();
    http = new Http(bridge.port());
  }

  @AfterAll
  static void stopBridge() {
    if (bridge != null) {
      bridge.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static TopicRoute route(String pattern, String topic) {
    return TopicRoute.builder().pattern(pattern).topic(topic).build();
  }

  private static Message event(String eventType, String device, int qos) {
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source(device)
        .destination("event:" + eventType + "/" + device)
        .contentType("application/json")
        .payload("{\"ok\":true}".getBytes(StandardCharsets.UTF_8))
        .qualityOfService(qos)
        .build();
  }

  private static HttpResponse<String> notify(Message message) {
    return http.post("/api/v4/notify", MSGPACK, Format.MSGPACK.encode(message), "Authorization", AUTH);
  }

  private static byte[] talariaBody() throws IOException {
    try (InputStream in = BridgeTest.class.getResourceAsStream("/talaria-online-v3.msgpack")) {
      return in.readAllBytes();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void talariaOnlineEventLandsOnTheRoutedTopicWithDeviceKeyAndHeaders() throws IOException {
    HttpResponse<String> response =
        http.post("/api/v4/notify", "Application/MsgPack; charset=binary", talariaBody(),
            "Authorization", AUTH);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("outcome")).isEqualTo("ATTEMPTED");
    assertThat(body.fieldNames()).containsExactly("outcome");

    List<ConsumerRecord<byte[], byte[]>> records = KafkaRecords.read(kafka.bootstrapServers(), "lifecycle", 1);
    assertThat(records).hasSize(1);
    ConsumerRecord<byte[], byte[]> record = records.get(0);
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("mac:112233445566");
    assertThat(header(record, "wrp-source")).isEqualTo("dns:talaria-0.xmidt.example.com");
    assertThat(header(record, "wrp-device")).isEqualTo("mac:112233445566");
    Message landed = Format.MSGPACK.decode(record.value());
    assertThat(landed.destination()).isEqualTo("event:device-status/mac:112233445566/online");
    assertThat(landed.metadata()).containsEntry("/hw-deviceid", "mac:112233445566");
    assertThat(landed.spans()).containsExactly(List.of("talaria-send", "1732269600", "1200"));
  }

  @Test
  void qos80IsAnsweredOkOnceTheBrokerAcknowledged() {
    HttpResponse<String> response = notify(event("acked", "mac:000000000080", 80));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("outcome")).isEqualTo("ACCEPTED");
    assertThat(KafkaRecords.read(kafka.bootstrapServers(), "acked", 1)).hasSize(1);
  }

  @Test
  void qos50IsAnsweredAcceptedForDeliveryAsQueued() {
    HttpResponse<String> response = notify(event("queued", "mac:000000000050", 50));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(new JsonObject(response.body()).getString("outcome")).isEqualTo("QUEUED");
    assertThat(KafkaRecords.read(kafka.bootstrapServers(), "queued", 1)).hasSize(1);
  }

  @Test
  void qos10IsAnsweredAcceptedForDeliveryAsAttempted() {
    HttpResponse<String> response = notify(event("attempted", "mac:000000000010", 10));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(new JsonObject(response.body()).getString("outcome")).isEqualTo("ATTEMPTED");
    assertThat(KafkaRecords.read(kafka.bootstrapServers(), "attempted", 1)).hasSize(1);
  }

  @Test
  void jsonBodyIsAcceptedLikeMsgpack() {
    byte[] json = Format.JSON.encode(event("json", "mac:0000000000a1", 60));

    HttpResponse<String> response =
        http.post("/api/v4/notify", "application/json; charset=utf-8", json, "Authorization", AUTH);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(KafkaRecords.read(kafka.bootstrapServers(), "json", 1)).hasSize(1);
  }

  @Test
  void truncatedMsgpackIsAnsweredBadRequestWithTheReason() throws IOException {
    byte[] body = talariaBody();

    HttpResponse<String> response =
        http.post("/api/v4/notify", MSGPACK, Arrays.copyOf(body, body.length / 2), "Authorization", AUTH);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = new JsonObject(response.body());
    assertThat(error.getString("errorType")).isEqualTo("malformed_wrp");
    assertThat(error.getString("error")).startsWith("malformed WRP message: ").hasSizeGreaterThan(30);
  }

  @Test
  void wrongContentTypeIsAnsweredUnsupportedMediaType() throws IOException {
    HttpResponse<String> response =
        http.post("/api/v4/notify", "text/plain", talariaBody(), "Authorization", AUTH);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(new JsonObject(response.body()).getString("error"))
        .contains("text/plain")
        .contains("application/msgpack");
  }

  @Test
  void bodyOverTheLimitIsAnsweredPayloadTooLarge() {
    byte[] body = new byte[64 * 1024 + 1];

    HttpResponse<String> response = http.post("/api/v4/notify", MSGPACK, body, "Authorization", AUTH);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(response.body()).getString("error")).contains("65536 bytes");
  }

  @Test
  void messageNoRouteMatchesIsAnsweredUnprocessable() {
    HttpResponse<String> response = notify(event("nothing-matches-this", "mac:000000000422", 50));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(new JsonObject(response.body()).getString("errorType")).isEqualTo("no_topic_match");
  }

  @Test
  void fireAndForgetMessageNoRouteMatchesIsDroppedButAnsweredUnprocessable() {
    HttpResponse<String> response = notify(event("nothing-matches-this", "mac:000000000423", 10));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("errorType")).isEqualTo("no_topic_match");
    assertThat(body.getString("outcome")).isEqualTo("DROPPED");
  }

  @Test
  void missingCredentialsAreAnsweredUnauthorizedWithAChallenge() throws IOException {
    HttpResponse<String> response = http.post("/api/v4/notify", MSGPACK, talariaBody());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"wrpkafka\"");
    assertThat(new JsonObject(response.body()).getString("error")).contains("Authorization");
  }

  @Test
  void wrongPasswordIsAnsweredUnauthorizedWithoutEchoingIt() throws IOException {
    HttpResponse<String> response =
        http.post("/api/v4/notify", MSGPACK, talariaBody(), "Authorization", Http.basic(USER, "guess"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("guess").doesNotContain(Http.basic(USER, "guess"));
  }

  @Test
  void batchAnswersEachMessageAndAMalformedLineDoesNotStopTheOthers() {
    String ndjson =
        new String(Format.JSON.encode(event("batch", "mac:0000000000b1", 50)), StandardCharsets.UTF_8)
            + "\n{\"msg_type\": \"not a number\"}\n"
            + new String(Format.JSON.encode(event("batch", "mac:0000000000b2", 80)), StandardCharsets.UTF_8)
            + "\n";

    HttpResponse<String> response =
        http.post("/api/v1/messages", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8),
            "Authorization", AUTH);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray results = new JsonObject(response.body()).getJsonArray("results");
    assertThat(results.size()).isEqualTo(3);
    assertThat(results.getJsonObject(0).getInteger("status")).isEqualTo(202);
    assertThat(results.getJsonObject(1).getInteger("status")).isEqualTo(400);
    assertThat(results.getJsonObject(1).getString("error")).contains("msg_type");
    assertThat(results.getJsonObject(2).getInteger("status")).isEqualTo(200);
    assertThat(KafkaRecords.read(kafka.bootstrapServers(), "batch", 2)).hasSize(2);
  }

  @Test
  void batchRecordsOfOneDeviceKeepTheBodyOrderAcrossQosLevels() {
    int[] qos = {10, 50, 80};
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      Message message =
          event("ordered", "mac:0000000000d1", qos[i % 3]).toBuilder().transactionUuid("ord-" + i).build();
      ndjson.append(new String(Format.JSON.encode(message), StandardCharsets.UTF_8)).append('\n');
    }

    HttpResponse<String> response =
        http.post("/api/v1/messages", "application/x-ndjson", ndjson.toString().getBytes(StandardCharsets.UTF_8),
            "Authorization", AUTH);

    JsonArray results = new JsonObject(response.body()).getJsonArray("results");
    assertThat(results.stream().map(r -> ((JsonObject) r).getInteger("status")).toList())
        .containsExactly(202, 202, 200, 202, 202, 200, 202, 202, 200, 202, 202, 200);
    assertThat(KafkaRecords.read(kafka.bootstrapServers(), "ordered", 12))
        .extracting(r -> Format.MSGPACK.decode(r.value()).transactionUuid())
        .containsExactly("ord-0", "ord-1", "ord-2", "ord-3", "ord-4", "ord-5", "ord-6", "ord-7", "ord-8",
            "ord-9", "ord-10", "ord-11");
  }

  @Test
  void notifyAnswersCarryTheMessagesTransactionUuidInBodyAndHeader() {
    Message message = event("acked", "mac:0000000000f1", 80).toBuilder().transactionUuid("tx-f1").build();

    HttpResponse<String> response =
        http.post("/api/v4/notify", MSGPACK, Format.MSGPACK.encode(message), "Authorization", AUTH,
            "X-Webpa-Transaction-Id", "header-loses");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Webpa-Transaction-Id")).contains("tx-f1");
    assertThat(new JsonObject(response.body()).getString("transactionUuid")).isEqualTo("tx-f1");
  }

  @Test
  void aMessageWithoutTransactionUuidIsAnsweredWithTheWebpaHeadersId() {
    HttpResponse<String> response =
        http.post("/api/v4/notify", MSGPACK, Format.MSGPACK.encode(event("queued", "mac:0000000000f2", 50)),
            "Authorization", AUTH, "X-Webpa-Transaction-Id", "webpa-f2", "X-Request-Id", "request-f2");

    assertThat(response.headers().firstValue("X-Webpa-Transaction-Id")).contains("webpa-f2");
    assertThat(new JsonObject(response.body()).getString("transactionUuid")).isEqualTo("webpa-f2");
  }

  @Test
  void withoutTransactionUuidOrWebpaHeaderTheRequestIdIsAnswered() {
    HttpResponse<String> response =
        http.post("/api/v4/notify", MSGPACK, Format.MSGPACK.encode(event("queued", "mac:0000000000f3", 50)),
            "Authorization", AUTH, "X-Request-Id", "request-f3");

    assertThat(response.headers().firstValue("X-Webpa-Transaction-Id")).contains("request-f3");
    assertThat(new JsonObject(response.body()).getString("transactionUuid")).isEqualTo("request-f3");
  }

  @Test
  void aRequestRefusedBeforeItsBodyIsReadStillCarriesItsRequestId() {
    HttpResponse<String> response =
        http.post("/api/v4/notify", "text/plain", new byte[] {1}, "Authorization", AUTH,
            "X-Request-Id", "request-f4");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("X-Webpa-Transaction-Id")).contains("request-f4");
    assertThat(new JsonObject(response.body()).getString("transactionUuid")).isEqualTo("request-f4");
  }

  @Test
  void anAnswerWithoutAnyIdHasNoTransactionUuid() {
    HttpResponse<String> response = notify(event("queued", "mac:0000000000f5", 50));

    assertThat(response.headers().firstValue("X-Webpa-Transaction-Id")).isEmpty();
    assertThat(new JsonObject(response.body()).containsKey("transactionUuid")).isFalse();
  }

  @Test
  void batchResultsCarryEachMessagesTransactionUuidOrTheRequestsId() {
    String ndjson =
        new String(Format.JSON.encode(event("batch", "mac:0000000000f6", 50).toBuilder()
            .transactionUuid("tx-f6").build()), StandardCharsets.UTF_8)
            + "\n" + new String(Format.JSON.encode(event("batch", "mac:0000000000f7", 50)), StandardCharsets.UTF_8)
            + "\n{\"msg_type\": \"not a number\"}\n";

    HttpResponse<String> response =
        http.post("/api/v1/messages", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8),
            "Authorization", AUTH, "X-Request-Id", "request-batch");

    JsonObject body = new JsonObject(response.body());
    assertThat(body.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("transactionUuid")))
        .containsExactly("tx-f6", "request-batch", "request-batch");
    assertThat(body.getString("transactionUuid")).isEqualTo("request-batch");
    assertThat(response.headers().firstValue("X-Webpa-Transaction-Id")).contains("request-batch");
  }

  @Test
  void aMessageThatFailsIsLoggedWithItsTransactionUuid() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new TeeOutputStream(original, captured), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          notify(event("missing", "mac:0000000000f8", 80).toBuilder().transactionUuid("tx-f8").build());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(captured.toString(StandardCharsets.UTF_8))
              .contains("POST /api/v4/notify (transaction tx-f8) answered 502 topic_not_found"));
    } finally {
      System.setErr(original);
    }
  }

  /** Writes to two streams: the captured log stays visible in the test output. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeOutputStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }

  @Test
  void concatenatedMsgpackBatchIsSplitIntoItsMessages() {
    byte[] first = Format.MSGPACK.encode(event("nothing-matches-this", "mac:0000000000c1", 10));
    byte[] second = Format.MSGPACK.encode(event("metrics", "mac:0000000000c2", 80));
    byte[] body = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, body, first.length, second.length);

    HttpResponse<String> response = http.post("/api/v1/messages", MSGPACK, body, "Authorization", AUTH);

    JsonArray results = new JsonObject(response.body()).getJsonArray("results");
    assertThat(results.size()).isEqualTo(2);
    assertThat(results.getJsonObject(0).getInteger("status")).isEqualTo(422);
    assertThat(results.getJsonObject(1).getInteger("status")).isEqualTo(200);
  }

  @Test
  void dryRunShowsTopicKeyHeadersAndStrategyWithoutPublishing() throws IOException {
    HttpResponse<String> response =
        http.post("/api/v1/route", MSGPACK, talariaBody(), "Authorization", AUTH);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject destination = new JsonObject(response.body()).getJsonArray("destinations").getJsonObject(0);
    assertThat(destination.getString("topic")).isEqualTo("lifecycle");
    assertThat(destination.getString("key")).isEqualTo("mac:112233445566");
    assertThat(destination.getString("shardStrategy")).isEqualTo("single");
    assertThat(destination.getString("eventType")).isEqualTo("online");
    assertThat(destination.getJsonArray("headers").encode()).contains("{\"key\":\"wrp-device\",\"value\":\"mac:112233445566\"}");
  }

  @Test
  void metricsShowHttpRequestsAndMoveWithTraffic() {
    notify(event("metrics", "mac:0000000000d1", 80));
    String before = http.get("/metrics").body();
    notify(event("metrics", "mac:0000000000d2", 80));
    HttpResponse<String> after = http.get("/metrics");

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(requestCount(after.body(), "/api/v4/notify", "200"))
        .isEqualTo(requestCount(before, "/api/v4/notify", "200") + 1);
  }

  /** The value of vertx_http_server_requests_total for a route and status, 0 when absent. */
  private static double requestCount(String scrape, String route, String code) {
    return scrape.lines()
        .filter(line -> line.startsWith("vertx_http_server_requests_total{"))
        .filter(line -> line.contains("route=\"" + route + "\"") && line.contains("code=\"" + code + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void putOfANewConfigReroutesTheNextMessageAndGetShowsIt() {
    String yaml = String.join("\n",
        "topicMap:",
        "  - pattern: reroute-me",
        "    topic: rerouted",
        "linger: 1ms",
        "");
    try {
      HttpResponse<String> put = http.put("/api/v1/config", "application/yaml", yaml,
          "Authorization", "Bearer " + ADMIN_TOKEN);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

      HttpResponse<String> response = notify(event("reroute-me", "mac:0000000000e1", 80));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(KafkaRecords.read(kafka.bootstrapServers(), "rerouted", 1)).hasSize(1);
      JsonObject shown = new JsonObject(http.get("/api/v1/config", "Authorization", AUTH).body());
      assertThat(shown.getJsonArray("topicMap").getJsonObject(0).getString("pattern")).isEqualTo("reroute-me");
      assertThat(notify(event("acked", "mac:0000000000e2", 10)).statusCode()).isEqualTo(422);
    } finally {
      publisher.updateConfig(initial);
    }
  }

  @Test
  void putOfAnInvalidConfigListsItsProblemsAndKeepsTheOldOne() {
    String json = "{\"topicMap\": [{\"pattern\": \"x\", \"topic\": \"a\", \"shardBy\": \"hash\"}], \"lingr\": \"5ms\"}";

    HttpResponse<String> put = http.put("/api/v1/config", "application/json", json,
        "Authorization", "Bearer " + ADMIN_TOKEN);

    assertThat(put.statusCode()).isEqualTo(400);
    JsonArray problems = new JsonObject(put.body()).getJsonArray("problems");
    assertThat(problems.encode()).contains("lingr");
    assertThat(publisher.dynamicConfig()).isEqualTo(initial);
  }

  @Test
  void putWithoutTheAdminTokenIsRefused() {
    String yaml = "topicMap:\n  - pattern: \"*\"\n    topic: rerouted\n";

    HttpResponse<String> none = http.put("/api/v1/config", "application/yaml", yaml, "Authorization", AUTH);
    HttpResponse<String> wrong = http.put("/api/v1/config", "application/yaml", yaml,
        "Authorization", "Bearer not-the-token");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("not-the-token").doesNotContain(ADMIN_TOKEN);
    assertThat(publisher.dynamicConfig()).isEqualTo(initial);
  }

  @Test
  void rejectedRequestsNeverPublishARecord() throws IOException {
    List<PublishEvent> events = new CopyOnWriteArrayList<>();
    Runnable remove = publisher.addListener(events::add);
    try {
      byte[] body = talariaBody();
      assertThat(http.post("/api/v4/notify", MSGPACK, Arrays.copyOf(body, 9), "Authorization", AUTH).statusCode())
          .isEqualTo(400);
      assertThat(http.post("/api/v4/notify", "text/plain", body, "Authorization", AUTH).statusCode()).isEqualTo(415);
      assertThat(http.post("/api/v4/notify", MSGPACK, new byte[70_000], "Authorization", AUTH).statusCode())
          .isEqualTo(413);
      assertThat(http.post("/api/v4/notify", MSGPACK, body).statusCode()).isEqualTo(401);
      assertThat(notify(event("nothing-matches-this", "mac:0000000000f1", 80)).statusCode()).isEqualTo(422);

      assertThat(notify(event("metrics", "mac:0000000000f2", 80)).statusCode()).isEqualTo(200);

      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
      assertThat(events)
          .as("publish events: the publisher refusing the unroutable message, then the accepted one")
          .extracting(PublishEvent::topic, PublishEvent::errorType)
          .containsExactly(tuple("", ErrorType.NO_TOPIC_MATCH), tuple("metrics", null));
    } finally {
      remove.run();
    }
  }

  @Test
  void healthAndReadinessAnswerOkWhileServing() {
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = http.get("/readyz");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
  }

  @Test
  void readinessCarriesThePublishersHealthAsJson() {
    HttpResponse<String> ready = http.get("/readyz");

    JsonObject health = new JsonObject(ready.body()).getJsonObject("health");
    assertThat(health.getString("status")).isIn("UP", "DEGRADED");
    assertThat(health.getString("circuitState")).isEqualTo("CLOSED");
    assertThat(health.getJsonObject("buffer").containsKey("maxRecords")).isTrue();
    assertThat(health.getValue("spoolBacklog")).isNull();
  }

  @Test
  void unknownPathIsAnsweredNotFoundAsJson() {
    HttpResponse<String> response = http.get("/api/v9/nothing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(response.body()).getString("errorType")).isEqualTo("not_found");
  }

  @Test
  void settingsNeverShowTheAdminToken() {
    assertThat(BridgeSettings.local(0).withAdminToken(ADMIN_TOKEN).toString()).doesNotContain(ADMIN_TOKEN);
    assertThat(IngestAuth.of(Map.of(USER, PASSWORD), List.of("tok")).toString()).doesNotContain(PASSWORD);
  }
}
