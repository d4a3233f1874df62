package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Publisher#disabled()}: accepts everything, publishes nothing, never fails. */
class DisabledPublisherTest {
  private final Publisher publisher = Publisher.disabled();

  @AfterEach
  void stop() {
    publisher.stop(Duration.ZERO);
  }

  private static Message message(int qos) {
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("mac:112233445566")
        .destination("event:device-status/mac:112233445566/online")
        .qualityOfService(qos)
        .build();
  }

  private static DynamicConfig routeTo(String topic) {
    return DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic(topic).build()))
        .build();
  }

  private static Set<String> kafkaThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.contains("wrpkafka") || name.contains("kafka-producer"))
        .collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "QoS {0} answers {1} before start")
  @CsvSource({"0, ATTEMPTED", "10, ATTEMPTED", "24, ATTEMPTED", "25, QUEUED", "50, QUEUED",
      "74, QUEUED", "75, ACCEPTED", "80, ACCEPTED", "99, ACCEPTED"})
  void produceAnswersTheSuccessOfTheBandWithoutStart(int qos, Outcome expected) {
    assertThat(publisher.produce(message(qos))).isEqualTo(new ProduceResult(expected, null));
  }

  @ParameterizedTest(name = "QoS {0} answers {1} after stop")
  @CsvSource({"10, ATTEMPTED", "50, QUEUED", "80, ACCEPTED"})
  void produceAnswersTheSuccessOfTheBandAfterStop(int qos, Outcome expected) {
    publisher.start();
    publisher.stop(Duration.ofSeconds(1));

    assertThat(publisher.produce(message(qos))).isEqualTo(new ProduceResult(expected, null));
  }

  @ParameterizedTest(name = "QoS {0} completes {1} at once")
  @CsvSource({"10, ATTEMPTED", "50, QUEUED", "80, ACCEPTED"})
  void produceAsyncCompletesAtOnce(int qos, Outcome expected) {
    publisher.start();

    CompletableFuture<ProduceResult> future = publisher.produceAsync(message(qos));

    assertThat(future).isCompletedWithValue(new ProduceResult(expected, null));
  }

  @Test
  void produceAllAnswersEachMessageTheSuccessOfItsBandInOrder() {
    List<ProduceResult> results =
        publisher.produceAll(List.of(message(80), message(10), message(50)));

    assertThat(results)
        .containsExactly(
            new ProduceResult(Outcome.ACCEPTED, null),
            new ProduceResult(Outcome.ATTEMPTED, null),
            new ProduceResult(Outcome.QUEUED, null));
  }

  @Test
  void produceAllAsyncCompletesAtOnceWithTheResultsInOrder() {
    CompletableFuture<List<ProduceResult>> future =
        publisher.produceAllAsync(List.of(message(50), message(80)));

    assertThat(future)
        .isCompletedWithValue(
            List.of(new ProduceResult(Outcome.QUEUED, null), new ProduceResult(Outcome.ACCEPTED, null)));
  }

  @Test
  void unroutableAndMalformedMessagesAreAcceptedToo() {
    Message noEvent = Message.builder().type(MessageType.SIMPLE_EVENT).qualityOfService(80).build();

    assertThat(Publisher.disabled(routeTo("only")).produce(noEvent).outcome())
        .isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void produceRejectsANullMessageAsAnEnabledPublisherDoes() {
    assertThatThrownBy(() -> publisher.produce(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void isNotEnabledButStartsAndStopsLikeAnyPublisher() {
    assertThat(publisher.isEnabled()).isFalse();
    assertThat(publisher.isStarted()).isFalse();

    publisher.start();
    assertThat(publisher.isStarted()).isTrue();

    publisher.stop(Duration.ofSeconds(1));
    publisher.stop(Duration.ofSeconds(1));
    assertThat(publisher.isStarted()).isFalse();
  }

  @Test
  void holdsTheGivenDynamicConfig() {
    DynamicConfig config = routeTo("events");

    assertThat(Publisher.disabled(config).dynamicConfig()).isEqualTo(config);
  }

  @Test
  void updateConfigKeepsAValidReplacement() {
    publisher.start();
    DynamicConfig replacement = routeTo("replacement").toBuilder().linger(Duration.ZERO).build();

    publisher.updateConfig(replacement);

    assertThat(publisher.dynamicConfig()).isEqualTo(replacement);
  }

  @Test
  void updateConfigRejectsAReplacementTheStaticSettingsCannotTakeAndKeepsTheOldOne() {
    DynamicConfig before = publisher.dynamicConfig();
    // linger + the default requestTimeout (30 s) must fit the default delivery timeout (2 min).
    DynamicConfig tooLong = before.toBuilder().linger(Duration.ofSeconds(91)).build();

    assertThatThrownBy(() -> publisher.updateConfig(tooLong))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("recordDeliveryTimeout: ");
    assertThat(publisher.dynamicConfig()).isEqualTo(before);
  }

  @Test
  void createsNoThreadFromCreationToStop() {
    Set<String> before = kafkaThreads();

    Publisher disabled = Publisher.disabled(routeTo("events"));
    disabled.start();
    for (int qos : new int[] {10, 50, 80}) {
      disabled.produce(message(qos));
      disabled.produceAsync(message(qos));
    }
    disabled.updateConfig(routeTo("other"));
    Set<String> during = kafkaThreads();
    disabled.stop(Duration.ofSeconds(1));

    assertThat(during).isEqualTo(before);
  }
}
