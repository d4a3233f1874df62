package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.CircuitBreakerConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge's answers while the only broker is down: 503 for dropped, 504 for timed out, and
 * once the circuit opened 503 with Retry-After for QoS 75–99 and on /readyz.
 */
class BridgeBrokerDownTest {
  private static EmbeddedKafka kafka;
  private Bridge bridge;

  @BeforeAll
  static void startThenStopTheBroker() {
    kafka = EmbeddedKafka.start();
    kafka.createTopic("down", 1);
    kafka.stopBroker(0);
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @AfterEach
  void closeBridge() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private Http startBridge(CircuitBreakerConfig circuitBreaker) {
    PublisherConfig config =
        PublisherConfig.builder()
            .brokers(kafka.bootstrapServers())
            .clientId("broker-down-test")
            // The point here is a bridge that starts while the broker is down (the lazy start).
            .verifyOnStart(false)
            .maxBufferedRecords(1)
            .requestTimeout(Duration.ofSeconds(1))
            .recordDeliveryTimeout(Duration.ofSeconds(3))
            .cleanupTimeout(Duration.ofMillis(500))
            .circuitBreaker(circuitBreaker)
            .initialDynamicConfig(
                DynamicConfig.builder()
                    .topicMap(List.of(TopicRoute.builder().pattern("*").topic("down").build()))
                    .linger(Duration.ofMillis(1))
                    .build())
            .build();
    Publisher publisher = Publisher.builder().config(config).build();
    publisher.start();
    bridge =
        Bridge.builder()
            .settings(BridgeSettings.local(0).withAdminToken(null))
            .publisher(publisher, config.recordDeliveryTimeout(), config.cleanupTimeout())
            .circuitBreaker(circuitBreaker)
            .start();
    return new Http(bridge.port());
  }

  private static HttpResponse<String> notify(Http http, String device, int qos) {
    Message message =
        Message.builder()
            .type(MessageType.SIMPLE_EVENT)
            .source(device)
            .destination("event:telemetry/" + device)
            .payload(new byte[] {1, 2, 3})
            .qualityOfService(qos)
            .build();
    return http.post("/api/v4/notify", "application/msgpack", Format.MSGPACK.encode(message));
  }

  @Test
  void qos10MessageIsAnsweredServiceUnavailableWithRetryAfterWhenTheBufferIsFull() {
    Http http = startBridge(CircuitBreakerConfig.defaults());
    HttpResponse<String> first = notify(http, "mac:000000000001", 10);

    HttpResponse<String> second = notify(http, "mac:000000000002", 10);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(503);
    assertThat(second.headers().firstValue("Retry-After")).isPresent();
    JsonObject body = new JsonObject(second.body());
    assertThat(body.getString("outcome")).isEqualTo("DROPPED");
    assertThat(body.getString("errorType")).isEqualTo("buffer_full");
  }

  @Test
  void qos80MessageIsAnsweredGatewayTimeoutWhenNoBrokerAcknowledges() {
    Http http = startBridge(CircuitBreakerConfig.defaults());

    HttpResponse<String> response = notify(http, "mac:000000000080", 80);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("outcome")).isEqualTo("FAILED");
    assertThat(body.getString("errorType")).isEqualTo("timeout");
  }

  /** A breaker that opens soon; its probe interval of 2 s is the Retry-After. */
  private static CircuitBreakerConfig shortBreaker() {
    return CircuitBreakerConfig.builder()
        .openAfter(Duration.ofMillis(500)).probeInterval(Duration.ofSeconds(2)).build();
  }

  private static void awaitNotReady(Http http) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> http.get("/readyz").statusCode() == 503);
  }

  @Test
  void qos80MessageIsAnsweredServiceUnavailableWithRetryAfterWhileTheCircuitIsOpen() {
    Http http = startBridge(shortBreaker());
    awaitNotReady(http);

    HttpResponse<String> response = notify(http, "mac:000000000081", 80);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("2");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("outcome")).isEqualTo("FAILED");
    assertThat(body.getString("errorType")).isEqualTo("circuit_open");
    assertThat(body.getString("error")).contains("no broker reachable");
  }

  @Test
  void readinessIsServiceUnavailableWithTheHealthWhileTheCircuitIsOpen() {
    Http http = startBridge(shortBreaker());
    awaitNotReady(http);

    HttpResponse<String> ready = http.get("/readyz");

    assertThat(ready.statusCode()).isEqualTo(503);
    JsonObject body = new JsonObject(ready.body());
    assertThat(body.getString("errorType")).isEqualTo("not_ready");
    assertThat(body.getString("error")).contains("circuit");
    JsonObject health = body.getJsonObject("health");
    assertThat(health.getString("status")).isEqualTo("DOWN");
    assertThat(health.getString("circuitState")).isIn("OPEN", "HALF_OPEN");
    assertThat(health.getJsonObject("buffer").getLong("maxRecords")).isEqualTo(1);
  }

  @Test
  void livenessStaysOkWhileTheCircuitIsOpen() {
    Http http = startBridge(shortBreaker());
    awaitNotReady(http);

    HttpResponse<String> live = http.get("/healthz");

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(live.body()).getJsonObject("health").getString("status"))
        .isEqualTo("DOWN");
  }
}
