package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    DeadLetterConfig config = DeadLetterConfig.builder().build();

    assertThat(config.topic()).isEqualTo("wrp-dead-letter");
    assertThat(config.minQos()).isEqualTo(25);
    assertThat(config.unroutable()).isFalse();
  }

  @ParameterizedTest(name = "minQos {0} covers qos {1}: {2}")
  @CsvSource({"25, 24, false", "25, 25, true", "25, 99, true", "0, 0, true", "99, 98, false"})
  void coversFromMinQosUp(int minQos, int qos, boolean covered) {
    assertThat(DeadLetterConfig.builder().minQos(minQos).build().covers(qos)).isEqualTo(covered);
  }

  @ParameterizedTest(name = "{0} is rejected: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "topic=        | deadLetter.topic: \"\" is not a valid Kafka topic name",
        "topic=a b     | deadLetter.topic: \"a b\" is not a valid Kafka topic name",
        "minQos=-1     | deadLetter.minQos: must be 0 to 99 (got -1)",
        "minQos=100    | deadLetter.minQos: must be 0 to 99 (got 100)"
      })
  void invalidSettingsNameTheField(String setting, String message) {
    String[] parts = setting.split("=", -1);
    DeadLetterConfig.Builder builder = DeadLetterConfig.builder();
    if (parts[0].equals("topic")) {
      builder.topic(parts[1]);
    } else {
      builder.minQos(Integer.parseInt(parts[1]));
    }

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aDeadLetterTopicThatIsAlsoARouteTopicIsRejected() {
    DynamicConfig.Builder builder =
        DynamicConfig.builder()
            .topicMap(
                List.of(
                    TopicRoute.builder().pattern("online").topic("events").build(),
                    TopicRoute.builder().pattern("*").topics(List.of("a", "b"))
                        .shardBy("roundrobin").build()))
            .deadLetter(DeadLetterConfig.builder().topic("b").build());

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("deadLetter.topic: \"b\" is also a topic of topicMap[1]");
  }

  @Test
  void equalConfigsAreEqualAndToBuilderKeepsEverySetting() {
    DeadLetterConfig config =
        DeadLetterConfig.builder().topic("dl").minQos(50).unroutable(true).build();

    assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
    assertThat(config).hasToString("DeadLetterConfig{topic=dl, minQos=50, unroutable=true}");
  }

  @Test
  void theDeadLetterConfigIsPartOfTheDynamicConfigsEquality() {
    DynamicConfig without =
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topic("t").build()))
            .build();
    DynamicConfig with =
        without.toBuilder().deadLetter(DeadLetterConfig.builder().build()).build();

    assertThat(with).isNotEqualTo(without);
    assertThat(with.deadLetter()).contains(DeadLetterConfig.builder().build());
    assertThat(without.deadLetter()).isEmpty();
    assertThat(with.toBuilder().build()).isEqualTo(with);
  }
}
