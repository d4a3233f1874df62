package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kafka.enabled: false}: the bridge checks and routes, publishes nothing, and says so. */
class BridgeKafkaDisabledTest {
  private static Bridge bridge;
  private static Http http;

  @BeforeAll
  static void start() {
    bridge =
        Bridge.builder()
            .settings(BridgeSettings.local(0))
            .kafkaDisabled(
                DynamicConfig.builder()
                    .topicMap(List.of(TopicRoute.builder().pattern("online").topic("lifecycle").build()))
                    .build())
            .start();
    http = new Http(bridge.port());
  }

  @AfterAll
  static void stop() {
    bridge.close();
  }

  private static HttpResponse<String> notify(String eventType) {
    return notify(eventType, 80);
  }

  private static HttpResponse<String> notify(String eventType, int qos) {
    Message message =
        Message.builder().type(MessageType.SIMPLE_EVENT).source("mac:112233445566")
            .destination("event:" + eventType + "/mac:112233445566").qualityOfService(qos).build();
    return http.post("/api/v4/notify", "application/msgpack", Format.MSGPACK.encode(message));
  }

  @Test
  void routableMessageIsAnsweredAcceptedWithOutcomeDisabled() {
    HttpResponse<String> response = notify("online");

    assertThat(response.statusCode()).isEqualTo(202);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("outcome")).isEqualTo("DISABLED");
    assertThat(body.getString("reason")).contains("kafka.enabled: false");
  }

  @ParameterizedTest(name = "QoS {0} is answered 202 DISABLED")
  @ValueSource(ints = {0, 10, 50, 80, 99})
  void everyQosIsAnsweredTheSame(int qos) {
    HttpResponse<String> response = notify("online", qos);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(new JsonObject(response.body()).getString("outcome")).isEqualTo("DISABLED");
  }

  @Test
  void unroutableMessageIsStillAnsweredUnprocessable() {
    assertThat(notify("unknown").statusCode()).isEqualTo(422);
  }

  @Test
  void readinessIsOkAndSaysPublishingIsDisabled() {
    HttpResponse<String> ready = http.get("/readyz");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getString("kafka")).isEqualTo("disabled");
  }
}
