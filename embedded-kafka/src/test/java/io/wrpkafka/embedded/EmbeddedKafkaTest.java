package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void closeBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String newTopic() {
    return "embedded-test-" + TOPICS.incrementAndGet();
  }

  @Test
  void recordProducedToANewTopicIsConsumedBack() throws Exception {
    String topic = newTopic();
    kafka.createTopic(topic, 3);

    TestClients.send(kafka.bootstrapServers(), topic, "device-1", "hello");

    assertThat(TestClients.readValues(kafka.bootstrapServers(), topic, 3, 1))
        .containsExactly("hello");
  }

  @Test
  void recordsSurviveAGracefulRestart() throws Exception {
    String topic = newTopic();
    kafka.createTopic(topic, 3);
    TestClients.send(kafka.bootstrapServers(), topic, "device-1", "before");

    kafka.restartBroker(0);
    TestClients.send(kafka.bootstrapServers(), topic, "device-1", "after");

    assertThat(TestClients.readValues(kafka.bootstrapServers(), topic, 3, 2))
        .containsExactly("before", "after");
  }

  @Test
  void recordsSurviveAKillAndStart() throws Exception {
    String topic = newTopic();
    kafka.createTopic(topic, 3);
    TestClients.send(kafka.bootstrapServers(), topic, "device-1", "before");

    kafka.killBroker(0);
    assertThat(kafka.isRunning(0)).isFalse();
    kafka.startBroker(0);
    TestClients.send(kafka.bootstrapServers(), topic, "device-1", "after");

    assertThat(TestClients.readValues(kafka.bootstrapServers(), topic, 3, 2))
        .containsExactly("before", "after");
  }

  @Test
  void creatingAnExistingTopicFailsNamingIt() {
    String topic = newTopic();
    kafka.createTopic(topic, 1);

    assertThatThrownBy(() -> kafka.createTopic(topic, 1))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("createTopic(\"" + topic + "\"")
        .hasMessageContaining("TopicExistsException");
  }

  @Test
  void unknownNodeIsRejectedWithTheValidRange() {
    assertThatThrownBy(() -> kafka.killBroker(1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("node: 1 does not exist (expected 0 to 0)");
    assertThat(kafka.isRunning(0)).isTrue();
  }
}
