package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.routing.Destination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a lane hands records to the client: in queue order, and, while records keep coming, many
 * per wake-up of its drain. The client is the Kafka client's MockProducer, used only to see which
 * records were sent in which order and from which drain; Kafka's own behaviour (order on a
 * partition, across hot reloads) is tested against a real broker in PublisherConcurrencyTest and
 * PublisherStreamTest. The drain runs on a thread of the test, started when the lane schedules it,
 * so the test counts how often it was scheduled.
 */
class LaneTest {
  private static final Duration LONG = Duration.ofMinutes(5);

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final List<Runnable> scheduled = new CopyOnWriteArrayList<>();
  private final List<Thread> drains = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Executor executor =
      task -> {
        scheduled.add(task);
        Thread drain = new Thread(task, "lane-test-drain");
        drain.setDaemon(true);
        drains.add(drain);
        drain.start();
      };

  @AfterEach
  void endDrains() throws InterruptedException {
    stopping.set(true);
    for (Thread drain : drains) {
      LockSupport.unpark(drain);
      drain.join(10_000);
    }
  }

  @Test
  void aDrainSendsEveryQueuedRecordInQueueOrder() {
    Executor held = scheduled::add;
    Lane lane = new Lane("t", generations(Duration.ZERO), held, LONG, null, stopping::get, LONG);

    for (int i = 0; i < 100; i++) {
      lane.enqueue(record(i, 50));
    }
    assertThat(scheduled).hasSize(1);
    scheduled.get(0).run();

    assertThat(sentValues()).containsExactlyElementsOf(range(0, 100));
    assertThat(lane.isIdle()).isTrue();
  }

  @Test
  void recordsAppendedWhileADrainLingersWaitForThatDrainWithoutSchedulingAnother()
      throws InterruptedException {
    Lane lane = lane(Duration.ofHours(1), LONG);
    lane.enqueue(record(0, 50));
    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
    awaitLingering();

    for (int i = 1; i <= 50; i++) {
      lane.enqueue(record(i, 50));
    }

    assertThat(scheduled).hasSize(1);
    assertThat(producer.history()).hasSize(1);
    stopping.set(true);
    lane.schedule();
    drains.get(0).join(10_000);
    assertThat(sentValues()).containsExactlyElementsOf(range(0, 51));
    assertThat(scheduled).hasSize(1);
  }

  @Test
  void aQos80RecordWakesALingeringDrain() {
    Lane lane = lane(Duration.ofHours(1), LONG);
    lane.enqueue(record(0, 50));
    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
    awaitLingering();

    lane.enqueue(record(1, 50));
    lane.enqueue(record(2, 80));

    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 3);
    assertThat(sentValues()).containsExactly("0", "1", "2");
    assertThat(scheduled).hasSize(1);
  }

  @Test
  void withoutLingerADrainEndsOnceTheQueueIsEmpty() {
    Lane lane = lane(Duration.ZERO, LONG);
    lane.enqueue(record(0, 50));
    await().atMost(Duration.ofSeconds(10)).until(lane::isIdle);

    lane.enqueue(record(1, 50));

    await().atMost(Duration.ofSeconds(10)).until(lane::isIdle);
    assertThat(scheduled).hasSize(2);
    assertThat(sentValues()).containsExactly("0", "1");
  }

  @Test
  void aStoppingPublishersLaneDoesNotLinger() {
    stopping.set(true);
    Lane lane = lane(Duration.ofHours(1), LONG);

    lane.enqueue(record(0, 50));

    await().atMost(Duration.ofSeconds(10)).until(lane::isIdle);
    assertThat(sentValues()).containsExactly("0");
  }

  private void awaitLingering() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> drains.get(0).getState() == Thread.State.TIMED_WAITING);
  }

  private Lane lane(Duration producerLinger, Duration maxLinger) {
    return new Lane(
        "t", generations(producerLinger), executor, LONG, null, stopping::get, maxLinger);
  }

  private ProducerGenerations generations(Duration linger) {
    ProducerGenerations generations = new ProducerGenerations(dynamic -> producer);
    generations.start(
        DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topic("t").build()))
            .linger(linger)
            .build());
    return generations;
  }

  private static PendingRecord record(int i, int qos) {
    byte[] value = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
    Destination destination = new Destination("t", "mac:112233445566", List.of(), "single", "x");
    return new PendingRecord(
        new ProducerRecord<>("t", value),
        destination,
        qos,
        System.nanoTime(),
        value.length,
        null,
        false,
        (record, exception) -> {});
  }

  private List<String> sentValues() {
    List<String> values = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> sent : producer.history()) {
      values.add(new String(sent.value(), StandardCharsets.UTF_8));
    }
    return values;
  }

  private static List<String> range(int from, int to) {
    List<String> values = new ArrayList<>();
    for (int i = from; i < to; i++) {
      values.add(Integer.toString(i));
    }
    return values;
  }
}
