package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/**
 * The reference counting of producer generations alone. The producers are the client's
 * MockProducer: only whether and when they are closed is observed, no Kafka behaviour.
 */
class ProducerGenerationsTest {
  private final List<MockProducer<byte[], byte[]>> built = new ArrayList<>();
  private final ProducerGenerations generations =
      new ProducerGenerations(
          dynamic -> {
            MockProducer<byte[], byte[]> producer = new MockProducer<>();
            built.add(producer);
            return producer;
          });
  private final DynamicConfig dynamic =
      DynamicConfig.builder()
          .topicMap(List.of(TopicRoute.builder().pattern("*").topic("t").build()))
          .build();

  @Test
  void aReplacedProducerWithoutLanesClosesAtOnce() {
    generations.start(dynamic);

    long number = generations.replace(dynamic);

    assertThat(number).isEqualTo(2);
    assertThat(built.get(0).closed()).isTrue();
    assertThat(built.get(1).closed()).isFalse();
  }

  @Test
  void aReplacedProducerClosesWhenItsLastLaneMovesOn() {
    generations.start(dynamic);
    ProducerGeneration laneA = generations.retainCurrent();
    ProducerGeneration laneB = generations.retainCurrent();

    generations.replace(dynamic);
    laneA.release();
    assertThat(built.get(0).closed()).isFalse();
    laneB.release();

    assertThat(built.get(0).closed()).isTrue();
    assertThat(generations.current().number()).isEqualTo(2);
  }

  @Test
  void closeAllClosesEveryGenerationNotYetClosed() {
    generations.start(dynamic);
    ProducerGeneration lane = generations.retainCurrent();
    generations.replace(dynamic);

    generations.closeAll(Duration.ZERO);

    assertThat(built).allSatisfy(producer -> assertThat(producer.closed()).isTrue());
    lane.release();
  }
}
