package io.wrpkafka;

import static io.wrpkafka.Fixtures.allTo;
import static io.wrpkafka.Fixtures.config;
import static io.wrpkafka.Fixtures.device;
import static io.wrpkafka.Fixtures.event;
import static io.wrpkafka.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One caller streaming records as fast as it can, as the end-to-end benchmark does: the lanes
 * then hand records to the client many at a time (a drain lingers for more instead of ending after
 * each record). Counts, not times: what arrives, in which order, and what was dropped.
 */
class PublisherStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int DEVICES = 20;

  private static EmbeddedKafka kafka;
  private final PublisherFixture publishers = new PublisherFixture();

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @AfterEach
  void stopPublishers() {
    publishers.stopAll();
  }

  @Test
  void aStreamOfMixedQosKeepsEveryDevicesOrder() {
    String topic = topic("stream-order");
    kafka.createTopic(topic, 3);
    Publisher publisher = publishers.started(config(kafka, allTo(topic)).build());
    int perDevice = 500;

    List<ProduceResult> results = new ArrayList<>();
    for (int seq = 0; seq < perDevice; seq++) {
      for (int d = 0; d < DEVICES; d++) {
        // Mostly QoS 50 and 10; every 97th record waits for its acknowledgement, which wakes a
        // lingering lane, between records that did not.
        int n = seq * DEVICES + d;
        int qos = n % 97 == 0 ? 80 : (n % 2 == 0 ? 50 : 10);
        results.add(publisher.produce(event(device(d), qos, seq)));
      }
    }

    assertThat(results).filteredOn(r -> !r.isSuccess()).isEmpty();
    List<ConsumerRecord<byte[], byte[]>> records =
        KafkaRecords.readExactly(kafka.bootstrapServers(), topic, DEVICES * perDevice, WAIT);
    List<Long> expected = new ArrayList<>();
    for (long seq = 0; seq < perDevice; seq++) {
      expected.add(seq);
    }
    Map<String, List<Long>> sequences = Fixtures.sequencesByKey(records);
    assertThat(sequences).hasSize(DEVICES);
    assertThat(sequences).allSatisfy((key, seqs) -> assertThat(seqs).as(key).isEqualTo(expected));
  }

  @Test
  void aQos10StreamTheBrokerKeepsUpWithDropsNothing() {
    String topic = topic("stream-qos10");
    kafka.createTopic(topic, 3);
    int maxRecords = 2_000;
    Publisher publisher =
        publishers.started(
            config(kafka, allTo(topic)).maxBufferedRecords(maxRecords).build());
    int total = 20_000;

    // The broker keeps up: the caller sends chunks of a quarter of the buffer and goes on once
    // fewer than half of the buffer's records are unacknowledged, so the buffer never fills.
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (int sent = 0; sent < total; ) {
      await().atMost(WAIT).until(() -> publisher.bufferState().records() < maxRecords / 2);
      for (int i = 0; i < maxRecords / 4; i++, sent++) {
        Outcome outcome = publisher.produce(event(device(sent % DEVICES), 10, sent)).outcome();
        outcomes.merge(outcome, 1, Integer::sum);
      }
    }

    assertThat(outcomes).containsOnlyKeys(Outcome.ATTEMPTED).containsEntry(Outcome.ATTEMPTED, total);
    assertThat(KafkaRecords.readExactly(kafka.bootstrapServers(), topic, total, WAIT))
        .hasSize(total);
  }
}
