package io.wrpkafka.internal;

import io.wrpkafka.BufferState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordBufferTest {

  @Test
  void tryAcquireRefusesTheRecordBeyondMaxRecords() {
    RecordBuffer buffer = new RecordBuffer(2, 1000);

    assertThat(buffer.tryAcquire(10)).isTrue();
    assertThat(buffer.tryAcquire(10)).isTrue();
    assertThat(buffer.tryAcquire(10)).isFalse();
    assertThat(buffer.state()).isEqualTo(new BufferState(2, 2, 20, 1000));
  }

  @ParameterizedTest(name = "maxRecords {0}: no record limit, reported as 0")
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void maxRecordsBelowOneLimitsOnlyTheBytes(long maxRecords) {
    RecordBuffer buffer = new RecordBuffer(maxRecords, 1000);

    for (int i = 0; i < 100; i++) {
      assertThat(buffer.tryAcquire(10)).isTrue();
    }
    assertThat(buffer.tryAcquire(10)).isFalse();
    assertThat(buffer.state()).isEqualTo(new BufferState(100, 0, 1000, 1000));
  }

  @Test
  void tryAcquireRefusesBytesBeyondMaxBytesAndKeepsTheRecordCount() {
    RecordBuffer buffer = new RecordBuffer(10, 100);

    assertThat(buffer.tryAcquire(60)).isTrue();
    assertThat(buffer.tryAcquire(60)).isFalse();
    assertThat(buffer.state()).isEqualTo(new BufferState(1, 10, 60, 100));
  }

  @Test
  void aRecordLargerThanMaxBytesIsAdmittedIntoAnEmptyBuffer() {
    RecordBuffer buffer = new RecordBuffer(10, 100);

    assertThat(buffer.tryAcquire(500)).isTrue();
    assertThat(buffer.tryAcquire(1)).isFalse();
  }

  @Test
  void releaseReturnsTheRoom() {
    RecordBuffer buffer = new RecordBuffer(1, 100);
    buffer.tryAcquire(40);

    buffer.release(40);

    assertThat(buffer.state()).isEqualTo(new BufferState(0, 1, 0, 100));
    assertThat(buffer.tryAcquire(40)).isTrue();
  }

  @Test
  void acquireWaitsUntilRoomIsReleased() throws Exception {
    RecordBuffer buffer = new RecordBuffer(1, 100);
    buffer.tryAcquire(10);

    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(() -> acquire(buffer, Duration.ofSeconds(30)));
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
        .until(() -> !waiter.isDone());
    buffer.release(10);

    assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(buffer.state().records()).isEqualTo(1);
  }

  @Test
  void acquireGivesUpAfterItsTimeout() {
    RecordBuffer buffer = new RecordBuffer(1, 100);
    buffer.tryAcquire(10);

    assertThat(acquire(buffer, Duration.ofMillis(50))).isFalse();
    assertThat(buffer.state().records()).isEqualTo(1);
  }

  @Test
  void closeWakesWaitersWithoutRoom() throws Exception {
    RecordBuffer buffer = new RecordBuffer(1, 100);
    buffer.tryAcquire(10);
    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(() -> acquire(buffer, Duration.ofMinutes(5)));
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
        .until(() -> !waiter.isDone());

    buffer.close();

    assertThat(waiter.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void utilisationIsTheFullerOfTheTwoLimits() {
    assertThat(new BufferState(5, 10, 90, 100).utilisation()).isEqualTo(0.9);
    assertThat(new BufferState(10, 10, 0, 100).utilisation()).isEqualTo(1.0);
  }

  private static boolean acquire(RecordBuffer buffer, Duration timeout) {
    try {
      return buffer.acquire(10, timeout.toNanos());
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
