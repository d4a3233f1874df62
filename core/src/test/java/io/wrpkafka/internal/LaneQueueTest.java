package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.routing.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The lane's queue: records in append order, each exactly once, under concurrent appends. */
class LaneQueueTest {

  @Test
  void anEmptyQueuePollsNull() {
    LaneQueue queue = new LaneQueue();

    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.poll()).isNull();
  }

  @Test
  void recordsComeOutInAppendOrder() {
    LaneQueue queue = new LaneQueue();
    List<PendingRecord> appended = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      PendingRecord record = record(0, i);
      appended.add(record);
      queue.add(record);
    }

    List<PendingRecord> polled = new ArrayList<>();
    PendingRecord record;
    while ((record = queue.poll()) != null) {
      polled.add(record);
    }

    assertThat(polled).containsExactlyElementsOf(appended);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void aPolledRecordHoldsNoLaterRecord() {
    LaneQueue queue = new LaneQueue();
    PendingRecord first = record(0, 0);
    queue.add(first);
    queue.add(record(0, 1));

    assertThat(queue.poll()).isSameAs(first);
    queue.poll();

    assertThat(first.next).isNull();
  }

  @Test
  void concurrentAppendersLoseNothingAndKeepEachAppendersOrder() throws InterruptedException {
    int appenders = 4;
    int perAppender = 50_000;
    LaneQueue queue = new LaneQueue();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int a = 0; a < appenders; a++) {
      int appender = a;
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perAppender; i++) {
          queue.add(record(appender, i));
        }
      });
      thread.start();
      threads.add(thread);
    }
    go.countDown();

    int[] nextSeq = new int[appenders];
    int polled = 0;
    while (polled < appenders * perAppender) {
      PendingRecord record = queue.poll();
      if (record == null) {
        continue;
      }
      int appender = record.qos();
      assertThat(record.startNanos()).isEqualTo(nextSeq[appender]);
      nextSeq[appender]++;
      polled++;
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(queue.poll()).isNull();
    assertThat(nextSeq).containsOnly(perAppender);
  }

  /** A record whose QoS names its appender and whose start time is its sequence number. */
  private static PendingRecord record(int appender, long seq) {
    return new PendingRecord(
        new ProducerRecord<>("t", new byte[0]),
        new Destination("t", null, List.of(), "single", "x"),
        appender,
        seq,
        0,
        null,
        false,
        (record, exception) -> {});
  }
}
