package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.ErrorType;
import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.PublishEvent;
import io.wrpkafka.PublishException;
import io.wrpkafka.routing.Destination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class OutcomesTest {
  private final RecordBuffer buffer = new RecordBuffer(10, 1000);
  private final List<PublishException> offered = new ArrayList<>();
  private final List<Runnable> releases = new ArrayList<>();
  private boolean takes;
  private final RecordingLogger log = new RecordingLogger(false);
  private final Outcomes outcomes =
      new Outcomes(
          buffer,
          new EventDispatcher("outcomes-test"),
          new FailureLog(log.logger()),
          (record, error, release) -> {
            offered.add(error);
            releases.add(release);
            return takes;
          },
          () -> false,
          new Vitals(null, System::nanoTime),
          null);

  private PendingRecord admitted(long size) {
    assertThat(buffer.tryAcquire(size)).isTrue();
    return new PendingRecord(
        new ProducerRecord<>("t", new byte[] {1}),
        new Destination("t", "k", List.of(), "single", "telemetry"),
        80,
        System.nanoTime(),
        size,
        new CompletableFuture<>(),
        false,
        outcomes,
        "tx-outcomes");
  }

  @Test
  void aFailureIsLoggedWithTheRecordsTransactionUuidInTheMdc() throws Exception {
    PendingRecord record = admitted(100);

    // The client's I/O thread, where nothing else sets the MDC.
    Thread io = new Thread(() -> record.onCompletion(null, new RecordTooLargeException("big")));
    io.start();
    io.join(10_000);

    assertThat(log.calls("error")).singleElement().satisfies(line -> {
      assertThat(line.line()).contains("record_too_large");
      assertThat(line.transactionUuid()).isEqualTo("tx-outcomes");
    });
  }

  @Test
  void anAcknowledgedRecordReturnsItsRoomAndIsAccepted() {
    PendingRecord record = admitted(100);

    record.onCompletion(null, null);

    assertThat(buffer.state().bytes()).isZero();
    assertThat(record.future().join().outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(offered).isEmpty();
  }

  @Test
  void anAcknowledgedRecordNobodyWaitsForIsReportedToTheListenersOnce() {
    EventDispatcher events = new EventDispatcher("outcomes-test-events");
    List<PublishEvent> seen = new CopyOnWriteArrayList<>();
    events.add(seen::add);
    events.start();
    try {
      Outcomes withListener = new Outcomes(buffer, events, new FailureLog(log.logger()),
          (record, error, release) -> false, () -> false, new Vitals(null, System::nanoTime),
          null);
      assertThat(buffer.tryAcquire(100)).isTrue();
      PendingRecord record = new PendingRecord(
          new ProducerRecord<>("t", new byte[] {1}),
          new Destination("t", "k", List.of(), "single", "telemetry"),
          50, System.nanoTime(), 100, null, false, withListener, "tx-no-future");

      record.onCompletion(null, null);
      record.onCompletion(null, null);

      await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
      events.stop(Duration.ofSeconds(5).toNanos());
      assertThat(seen).singleElement().satisfies(event -> {
        assertThat(event.topic()).isEqualTo("t");
        assertThat(event.eventType()).isEqualTo("telemetry");
        assertThat(event.qos()).isEqualTo(50);
        assertThat(event.errorType()).isNull();
      });
      assertThat(buffer.state().bytes()).isZero();
    } finally {
      events.stop(0);
    }
  }

  @Test
  void aFailedRecordIsClassifiedReportedAndOfferedToTheFailureStage() {
    PendingRecord record = admitted(100);

    record.onCompletion(null, new RecordTooLargeException("big"));

    ProduceResult result = record.future().join();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.error().errorType()).isEqualTo(ErrorType.RECORD_TOO_LARGE);
    assertThat(offered).containsExactly(result.error());
  }

  @Test
  void aRecordTheFailureStageTookKeepsItsRoomUntilTheStageReleasesIt() {
    takes = true;
    PendingRecord record = admitted(100);

    record.onCompletion(null, new RecordTooLargeException("big"));

    assertThat(buffer.state().bytes()).isEqualTo(100);
    releases.get(0).run();
    assertThat(buffer.state().bytes()).isZero();
  }

  @Test
  void aRecordTheFailureStageLeftReturnsItsRoomAtOnce() {
    PendingRecord record = admitted(100);

    record.onCompletion(null, new RecordTooLargeException("big"));

    assertThat(buffer.state().records()).isZero();
  }

  @Test
  void aGiveUpIsTheOnlyReportButTheLaterFailureStillReachesTheFailureStage() {
    PendingRecord record = admitted(100);
    PublishException timeout = new PublishException(ErrorType.TIMEOUT, "gave up");

    ProduceResult givenUp = outcomes.report(record, timeout);
    record.onCompletion(null, new RecordTooLargeException("big"));

    assertThat(record.future().join()).isSameAs(givenUp);
    assertThat(givenUp.error()).isSameAs(timeout);
    assertThat(offered).singleElement()
        .satisfies(e -> assertThat(e.errorType()).isEqualTo(ErrorType.RECORD_TOO_LARGE));
  }

  @Test
  void aRecordEndsOnceHoweverOftenTheClientCalls() {
    PendingRecord record = admitted(100);

    record.onCompletion(null, null);
    record.onCompletion(null, new RecordTooLargeException("late"));
    record.fail(new PublishException(ErrorType.TIMEOUT, "later"));

    assertThat(buffer.state().records()).isZero();
    assertThat(buffer.state().bytes()).isZero();
    assertThat(offered).isEmpty();
  }
}
