package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Outcome;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.Routing;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordBoundTest {
  private static final List<TopicRoute> TWO_ROUTES = List.of(
      TopicRoute.builder().pattern("online").topic("a").build(),
      TopicRoute.builder().pattern("*").topic("b").build());

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "routing first makes one record a message, FIRST, 1, 1",
    "routing first makes one record each message of a batch, FIRST, 3, 3",
    "routing all makes one record per route and message, ALL, 2, 4",
  })
  void recordsCountOnePerDestination(String name, Routing routing, int messages, long records) {
    DynamicConfig config = DynamicConfig.builder().topicMap(TWO_ROUTES).routing(routing).build();
    assertThat(RecordBound.of(config).records(messages)).isEqualTo(records);
  }

  @Test
  void headerValuesAndTheirLiteralsAreCounted() {
    DynamicConfig config = DynamicConfig.builder().topicMap(TWO_ROUTES)
        .headers(Map.of("team", List.of("edge", "wrp.Source"))).build();
    assertThat(RecordBound.of(config)).isEqualTo(new RecordBound(1, 2, 22));
  }

  @Test
  void theBoundCoversWhatThePublisherCountsForATalariaEvent() {
    DynamicConfig config = DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic("t").build()))
        .headers(Map.of("wrp-type", List.of("wrp.Type"), "device-id", List.of("wrp.DeviceID"),
            "transaction-id", List.of("wrp.TransactionUUID")))
        .build();
    Message message = Message.builder().type(MessageType.SIMPLE_EVENT)
        .source("mac:112233445566").destination("event:device-status/mac:112233445566/online")
        .transactionUuid("6f4ef546-7057-48a2-ab85-add3fb496c2c").qualityOfService(10)
        .metadata(Map.of("/hw-model", "XB7", "/fw-name", "TG4482PC2_7.2p2s1_PROD_sey"))
        .payload(new byte[] {1, 2, 3}).build();
    byte[] body = Format.MSGPACK.encode(message);
    // No broker answers on port 1, so the record stays in the buffer, which shows what it counts.
    Publisher publisher = Publisher.builder().config(PublisherConfig.builder()
        .brokers("127.0.0.1:1").clientId("record-bound-test").verifyOnStart(false)
        .initialDynamicConfig(config).build()).build();
    publisher.start();
    try {
      assertThat(publisher.produce(message).outcome()).isEqualTo(Outcome.ATTEMPTED);
      long counted = publisher.bufferState().bytes();

      assertThat(counted).isPositive();
      assertThat(RecordBound.of(config).bytes(body.length, 1)).isGreaterThanOrEqualTo(counted);
    } finally {
      publisher.stop(Duration.ZERO);
    }
  }

  @Test
  void aDisabledPublishersConfigGivesABound() {
    assertThat(RecordBound.of(Publisher.disabled().dynamicConfig()).records(1)).isEqualTo(1);
  }
}
