package io.wrpkafka.internal;

import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.PublishException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/*
 * The completion stage. Every admitted record ends here exactly once (PendingRecord's `ended`
 * flag): from the client's callback, on its I/O thread, or from a lane that gave up before
 * sending. In that order it
 *   1. classifies a failure (Failures),
 *   2. reports the outcome once (PendingRecord.claimReport) to the record's future, if any, and
 *      to the listeners (a QoS 75-99 caller that stopped waiting may have reported first),
 *   3. logs a failure, rate-limited, so that no failed record goes unseen even at QoS 0-74,
 *      with the record's transaction uuid in the MDC for that line,
 *   4. offers a failure to the failure stage (the dead-letter topic), which keeps the record's
 *      buffer room until it is done with it; otherwise returns the room at once.
 * With the spool on, a spooled record's end is told to the Spool first: an acknowledgement
 * acknowledges its entry, a failure that may pass keeps it for a re-send (not reported), and a
 * final failure acknowledges the entry once the failure stage let the record go.
 * Nothing here blocks: the I/O thread must stay free for acknowledgements.
 */
/** What happens when the client reports a record's end: room back, outcome reported, failure handed on. */
public final class Outcomes implements Completion {
  private static final ProduceResult ACCEPTED = new ProduceResult(Outcome.ACCEPTED, null);

  private final RecordBuffer buffer;
  private final EventDispatcher events;
  private final FailureLog failureLog;
  private final FailureStage failures;
  private final BooleanSupplier stopping;
  private final Vitals vitals;
  private final Spool spool;

  /**
   * @param failures offered every failed record after its outcome was reported
   * @param stopping whether the publisher is stopping, for the classification of failures
   * @param vitals told of every acknowledgement and failure (health, circuit breaker)
   * @param spool the durable spool, or null when off: told of every spooled record's end, it may
   *     keep a failed one for a re-send instead of its being reported
   */
  Outcomes(
      RecordBuffer buffer,
      EventDispatcher events,
      FailureLog failureLog,
      FailureStage failures,
      BooleanSupplier stopping,
      Vitals vitals,
      Spool spool) {
    this.buffer = buffer;
    this.events = events;
    this.failureLog = failureLog;
    this.failures = failures;
    this.stopping = stopping;
    this.vitals = vitals;
    this.spool = spool;
  }

  @Override
  public void completed(PendingRecord record, Exception exception) {
    if (spool != null) {
      spool.ended(record);
    }
    if (exception == null) {
      buffer.release(record.size());
      vitals.acknowledged();
      if (spool != null) {
        spool.acknowledged(record);
      }
      CompletableFuture<ProduceResult> future = record.future();
      if (future == null && record.spoolSeq() < 0) {
        // Nobody else can report this record (no caller waits, the spool does not hold it), so
        // the claim's CAS is skipped: one atomic write less per QoS 0-74 acknowledgement.
        if (events.hasListeners()) {
          events.outcome(record.destination(), record.qos(), record.startNanos(), null);
        }
      } else if (record.claimReport()) {
        if (future != null) {
          future.complete(ACCEPTED);
        }
        if (events.hasListeners()) {
          events.outcome(record.destination(), record.qos(), record.startNanos(), null);
        }
      }
      return;
    }
    boolean stopped = stopping.getAsBoolean();
    PublishException error = Failures.classify(record.topic(), exception, stopped);
    vitals.failed(error, stopped);
    if (spool != null && spool.retain(record, error)) {
      buffer.release(record.size());
      return;
    }
    report(record, error);
    failureLog.failed(
        error.errorType(), record.topic(), error.getMessage(), record.transactionUuid());
    Runnable release = () -> buffer.release(record.size());
    if (spool != null) {
      release = spool.releaser(record, release);
    }
    if (!failures.take(record, error, release)) {
      release.run();
    }
  }

  /**
   * Reports {@code error} as the record's outcome unless another outcome was reported first;
   * returns the outcome that stands. Used by a QoS 75–99 caller that stops waiting: the record
   * stays in the client and ends later as usual.
   */
  public ProduceResult report(PendingRecord record, PublishException error) {
    if (record.claimReport()) {
      ProduceResult result = new ProduceResult(Outcome.FAILED, error);
      if (record.future() != null) {
        record.future().complete(result);
      }
      events.outcome(record.destination(), record.qos(), record.startNanos(), error);
      return result;
    }
    return record.future() == null ? null : record.future().join();
  }
}
