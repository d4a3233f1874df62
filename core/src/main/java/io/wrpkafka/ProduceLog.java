package io.wrpkafka;

import io.wrpkafka.internal.FailureLog;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.wrp.Message;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.MDC;

/*
 * The per-message debug line, kept apart from Publisher so its wording and MDC handling can be
 * tested with a recording Logger. The caller asks enabled() once per produce call and calls
 * produced(...) only when it said yes: with debug off a message costs one isDebugEnabled() and
 * builds no string.
 */
/** Logs one debug line per produced message, with its transaction uuid in the MDC. */
final class ProduceLog {
  private final Logger log;

  ProduceLog(Logger log) {
    this.log = log;
  }

  /** Whether per-message lines are wanted; ask once per message. */
  boolean enabled() {
    return log.isDebugEnabled();
  }

  /**
   * Logs what became of {@code message}: its destination, the topics it was routed to (null or
   * empty when routing failed) and the outcome ({@code result} null while a {@code produceAsync}
   * future is pending). Sets {@link FailureLog#TRANSACTION_UUID} in the MDC around the line and
   * restores the caller's value after. Never logs the payload.
   */
  void produced(Message message, List<Destination> destinations, ProduceResult result) {
    String uuid = message.transactionUuid();
    boolean tagged = !uuid.isEmpty();
    String previous = tagged ? MDC.get(FailureLog.TRANSACTION_UUID) : null;
    if (tagged) {
      MDC.put(FailureLog.TRANSACTION_UUID, uuid);
    }
    try {
      log.debug("produce qos {} for {} to topics {}: {}", message.qualityOfService(),
          message.destination(), topics(destinations), outcome(result));
    } finally {
      if (tagged) {
        if (previous == null) {
          MDC.remove(FailureLog.TRANSACTION_UUID);
        } else {
          MDC.put(FailureLog.TRANSACTION_UUID, previous);
        }
      }
    }
  }

  private static String topics(List<Destination> destinations) {
    if (destinations == null || destinations.isEmpty()) {
      return "[]";
    }
    StringBuilder topics = new StringBuilder().append('[');
    for (int i = 0; i < destinations.size(); i++) {
      topics.append(i == 0 ? "" : ", ").append(destinations.get(i).topic());
    }
    return topics.append(']').toString();
  }

  private static String outcome(ProduceResult result) {
    if (result == null) {
      return "pending (produceAsync)";
    }
    if (result.error() == null) {
      return result.outcome().name();
    }
    return result.outcome().name() + " (" + result.error().errorType().label() + ": "
        + result.error().getMessage() + ")";
  }
}
