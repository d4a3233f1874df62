package io.wrpkafka.app.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ErrorType;
import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.PublishException;
import io.wrpkafka.Publisher;
import io.wrpkafka.QosBand;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * QoS dispatch without holding an event loop, and without holding any thread for an ack.
 *
 * - QoS 0-24: Publisher.produce never blocks (a full buffer drops), so it runs right on the
 *   event loop.
 * - QoS 25-74: produce blocks only while the buffer is full. When the buffer has room for this
 *   record and for everything the bridge's other calls in progress may take (ClaimedRoom), it
 *   runs right on the event loop; otherwise on the bridge's worker pool, which a full buffer can
 *   occupy. The worker hand-off costs two thread switches per request, about half of the bridge's
 *   CPU under load (see benchmarks/README.md, bridge load test), so the usual case avoids it.
 *   A QoS the spool forces to disk before produce answers (fsync: always) always takes the
 *   worker pool; an fsync never/interval append is a page-cache write, short enough for a loop.
 * - QoS 75-99: produceAsync also takes buffer room (and may wait for it), so the call runs on the
 *   worker pool too, but it returns as soon as the record is admitted: the worker is free while
 *   the broker acknowledges, and the answer is written when the future completes, back on the
 *   request's event loop. A timer bounds the wait to recordDeliveryTimeout plus a margin, in
 *   case a completion never comes.
 *
 * Requests waiting for a worker queue without holding a thread, but each holds its body: at most
 * MAX_WAITING may wait at once, and the next is answered 503 (overloaded) at once, so a buffer
 * that stays full cannot pile up requests without bound.
 *
 * A batch (POST /api/v1/messages) is one produceAll or produceAllAsync call, so its messages
 * go out in body order with one config snapshot and per-device order holds across QoS levels.
 * The batch's highest band picks the path: all 0-24, produceAll on the event loop; up to 25-74,
 * produceAll on the event loop when the whole batch fits as above, else on the worker pool (it
 * returns once every record is buffered); any 75-99 message,
 * produceAllAsync on the worker pool, which frees the worker once the records are admitted, and
 * the answer is written when the last outcome is known. In that last case a message of a lower
 * band keeps its band's answer on success (202 QUEUED or ATTEMPTED), and reports its failure
 * if it failed while the batch waited: the caller learns more, never something else.
 *
 * One code path for 25-99 (produceAsync) would do, but produce() at 25-74 reports QUEUED as soon
 * as the record is buffered, which is what that band promises the caller.
 *
 * Routing is the publisher's: it answers an unroutable message FAILED (no_topic_match or
 * validation_error, 422) before it builds a record, so the bridge does not route a second time
 * on the hot path. Only with Kafka disabled, where Publisher.disabled() accepts every message
 * without routing it, does the bridge route (with a Router of the current dynamic config, as the
 * dry run does) to answer 422 the same way.
 */
/** Publishes one decoded message per its QoS and turns the result into an {@link Answer}. */
final class Ingest {
  private static final Logger log = LoggerFactory.getLogger(Ingest.class);
  private static final long ACK_MARGIN_MILLIS = 5_000;
  static final int MAX_WAITING = 4_096;

  private record Routing(DynamicConfig config, Router router) {}

  private record Bound(DynamicConfig config, RecordBound bound) {}

  private final Publisher publisher;
  private final Duration recordDeliveryTimeout;
  private final WorkerExecutor workers;
  private final IntPredicate forcesDisk;
  private final AtomicInteger waiting = new AtomicInteger();
  private final ClaimedRoom claimed = new ClaimedRoom();
  private volatile Routing routing;
  private volatile Bound bound;

  /**
   * Publishes through {@code publisher}, which must be started (or {@link Publisher#disabled});
   * {@code recordDeliveryTimeout} is the publisher's, and bounds how long a QoS 75–99 answer waits.
   * {@code forcesDisk} tells the QoS whose produce waits for a disk force (a spool with {@code
   * fsync: always}): those never run on an event loop.
   */
  Ingest(Publisher publisher, Duration recordDeliveryTimeout, WorkerExecutor workers,
      IntPredicate forcesDisk) {
    this.publisher = publisher;
    this.recordDeliveryTimeout = recordDeliveryTimeout;
    this.workers = workers;
    this.forcesDisk = forcesDisk;
  }

  /** The current Router, rebuilt when the dynamic config changed. */
  Router router() {
    DynamicConfig current = publisher.dynamicConfig();
    Routing cached = routing;
    if (cached == null || cached.config() != current) {
      cached = new Routing(current, new Router(current));
      routing = cached;
    }
    return cached.router();
  }

  /** The size bound of the current dynamic config, rebuilt when it changed. */
  private RecordBound bound() {
    DynamicConfig current = publisher.dynamicConfig();
    Bound cached = bound;
    if (cached == null || cached.config() != current) {
      cached = new Bound(current, RecordBound.of(current));
      bound = cached;
    }
    return cached.bound();
  }

  /**
   * Publishes {@code message}, decoded from a body of {@code bodyBytes} bytes; completes on
   * {@code context}. Never fails.
   */
  Future<Answer> publish(Message message, int bodyBytes, Context context) {
    if (!publisher.isEnabled()) {
      return Future.succeededFuture(disabled(message));
    }
    QosBand band = QosBand.of(message.qualityOfService());
    RecordBound size = bound();
    long records = size.records(1);
    long bytes = size.bytes(bodyBytes, 1);
    Future<ProduceResult> result;
    if (band == QosBand.FIRE_AND_FORGET) {
      claimed.claim(records, bytes);
      result = Future.succeededFuture(produceClaimed(message, records, bytes));
    } else if (band == QosBand.QUEUED
        && !forcesDisk.test(message.qualityOfService())
        && claimed.tryClaim(publisher.bufferState(), records, bytes)) {
      result = Future.succeededFuture(produceClaimed(message, records, bytes));
    } else if (waiting.incrementAndGet() > MAX_WAITING) {
      waiting.decrementAndGet();
      return Future.succeededFuture(
          Answer.error(503, "overloaded",
              MAX_WAITING + " requests are already waiting for buffer room; retry later"));
    } else if (band == QosBand.QUEUED) {
      result = workers.executeBlocking(() -> {
        waiting.decrementAndGet();
        claimed.claim(records, bytes);
        return produceClaimed(message, records, bytes);
      }, false);
    } else {
      result =
          workers
              .executeBlocking(() -> {
                waiting.decrementAndGet();
                claimed.claim(records, bytes);
                try {
                  return publisher.produceAsync(message);
                } finally {
                  claimed.release(records, bytes);
                }
              }, false)
              .compose(future -> acknowledged(future, context,
                  timeout -> new ProduceResult(Outcome.FAILED, timeout)));
    }
    return result
        .map(Ingest::answer)
        .otherwise(Ingest::unexpected);
  }

  /** {@link Publisher#produce}, then releases the claim made for it. */
  private ProduceResult produceClaimed(Message message, long records, long bytes) {
    try {
      return publisher.produce(message);
    } finally {
      claimed.release(records, bytes);
    }
  }

  /** {@link Publisher#produceAll}, then releases the claim made for it. */
  private List<ProduceResult> produceAllClaimed(List<Message> messages, long records, long bytes) {
    try {
      return publisher.produceAll(messages);
    } finally {
      claimed.release(records, bytes);
    }
  }

  /**
   * Publishes a batch in order (see the notes above), decoded from a body of {@code bodyBytes}
   * bytes; completes on {@code context} with one answer per message, in order. Never fails.
   */
  Future<List<Answer>> publishAll(List<Message> messages, int bodyBytes, Context context) {
    if (messages.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (!publisher.isEnabled()) {
      List<Answer> answers = new ArrayList<>(messages.size());
      for (Message message : messages) {
        answers.add(disabled(message));
      }
      return Future.succeededFuture(answers);
    }
    QosBand highest = QosBand.FIRE_AND_FORGET;
    boolean diskBound = false;
    for (Message message : messages) {
      QosBand band = QosBand.of(message.qualityOfService());
      if (band.compareTo(highest) > 0) {
        highest = band;
      }
      diskBound |= forcesDisk.test(message.qualityOfService());
    }
    RecordBound size = bound();
    long records = size.records(messages.size());
    long bytes = size.bytes(bodyBytes, messages.size());
    Future<List<ProduceResult>> results;
    if (highest == QosBand.FIRE_AND_FORGET) {
      claimed.claim(records, bytes);
      results = Future.succeededFuture(produceAllClaimed(messages, records, bytes));
    } else if (highest == QosBand.QUEUED
        && !diskBound
        && claimed.tryClaim(publisher.bufferState(), records, bytes)) {
      results = Future.succeededFuture(produceAllClaimed(messages, records, bytes));
    } else if (waiting.incrementAndGet() > MAX_WAITING) {
      waiting.decrementAndGet();
      Answer overloaded = Answer.error(503, "overloaded",
          MAX_WAITING + " requests are already waiting for buffer room; retry later");
      return Future.succeededFuture(Collections.nCopies(messages.size(), overloaded));
    } else if (highest == QosBand.QUEUED) {
      results = workers.executeBlocking(() -> {
        waiting.decrementAndGet();
        claimed.claim(records, bytes);
        return produceAllClaimed(messages, records, bytes);
      }, false);
    } else {
      results =
          workers
              .executeBlocking(() -> {
                waiting.decrementAndGet();
                claimed.claim(records, bytes);
                try {
                  return publisher.produceAllAsync(messages);
                } finally {
                  claimed.release(records, bytes);
                }
              }, false)
              .compose(future -> acknowledged(future, context, timeout -> Collections.nCopies(
                  messages.size(), new ProduceResult(Outcome.FAILED, timeout))))
              .map(outcomes -> asTheirBandAnswers(messages, outcomes));
    }
    return results
        .map(produced -> {
          List<Answer> answers = new ArrayList<>(produced.size());
          for (ProduceResult result : produced) {
            answers.add(answer(result));
          }
          return answers;
        })
        .otherwise(failure -> Collections.nCopies(messages.size(), unexpected(failure)));
  }

  /** Final outcomes, with a lower band's success shown as that band's immediate answer. */
  private static List<ProduceResult> asTheirBandAnswers(
      List<Message> messages, List<ProduceResult> outcomes) {
    List<ProduceResult> shown = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      ProduceResult outcome = outcomes.get(i);
      QosBand band = QosBand.of(messages.get(i).qualityOfService());
      shown.add(!outcome.isSuccess() ? outcome : switch (band) {
        case FIRE_AND_FORGET -> new ProduceResult(Outcome.ATTEMPTED, null);
        case QUEUED -> new ProduceResult(Outcome.QUEUED, null);
        case ACKNOWLEDGED -> outcome;
      });
    }
    return shown;
  }

  /** Logs a publishing failure that no outcome covers, and answers 500. */
  static Answer unexpected(Throwable failure) {
    log.error("publishing a message failed unexpectedly", failure);
    return Answer.error(500, "unknown", "publishing failed unexpectedly; see the bridge's log");
  }

  /**
   * Completes on {@code context} with {@code future}'s value, or with {@code onTimeout}'s after
   * recordDeliveryTimeout plus a margin, in case a completion never comes.
   */
  private <T> Future<T> acknowledged(
      CompletableFuture<T> future, Context context, Function<PublishException, T> onTimeout) {
    Promise<T> promise = Promise.promise();
    long timeoutMillis = recordDeliveryTimeout.toMillis() + ACK_MARGIN_MILLIS;
    long timer =
        context
            .owner()
            .setTimer(
                timeoutMillis,
                id ->
                    promise.tryComplete(
                        onTimeout.apply(
                            new PublishException(
                                ErrorType.TIMEOUT,
                                "no acknowledgement within "
                                    + TimeUnit.MILLISECONDS.toSeconds(timeoutMillis)
                                    + " s"))));
    future.whenComplete(
        (produced, failure) ->
            context.runOnContext(
                ignored -> {
                  context.owner().cancelTimer(timer);
                  if (failure != null) {
                    promise.tryFail(failure);
                  } else {
                    promise.tryComplete(produced);
                  }
                }));
    return promise.future();
  }

  /** Kafka disabled: routed for a 422 when unroutable, else 202 DISABLED. */
  private Answer disabled(Message message) {
    try {
      router().route(message);
    } catch (PublishException e) {
      return Answer.refused(e);
    }
    return new Answer(
        202,
        new JsonObject()
            .put("outcome", "DISABLED")
            .put("reason", "Kafka publishing is disabled in the configuration (kafka.enabled: false)"));
  }

  private static Answer answer(ProduceResult produced) {
    int status = ResultStatus.of(produced);
    JsonObject body = new JsonObject().put("outcome", produced.outcome().name());
    PublishException error = produced.error();
    if (error != null) {
      body.put("error", error.getMessage()).put("errorType", error.errorType().label());
    }
    return new Answer(status, body);
  }
}
