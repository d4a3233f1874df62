package io.wrpkafka.app;

import java.time.Instant;
import java.util.Set;

/**
 * Which dead-letter records {@code replay} sends back: by error type, by failure time, and only
 * records it has somewhere to send. Immutable.
 *
 * @param errorTypes the {@code dlq.error_type} labels to replay; empty means all
 * @param since replay only records that failed at or after this instant; null for no bound
 * @param until replay only records that failed before this instant; null for no bound
 * @param reroute whether records go through the current routing rather than back to their
 *     original topic (so unroutable records can be replayed too)
 */
record ReplaySelection(Set<String> errorTypes, Instant since, Instant until, boolean reroute) {

  static final String NOT_DEAD_LETTER = "not a dead-letter record (no dlq.original_topic header)";
  static final String OTHER_ERROR_TYPE = "error type not selected (--error-type)";
  static final String NO_FAILURE_TIME = "no readable dlq.failed_at (--since/--until)";
  static final String BEFORE_SINCE = "failed before --since";
  static final String NOT_BEFORE_UNTIL = "failed at or after --until";
  static final String UNROUTABLE = "unroutable: matched no route (replay it with --reroute)";

  ReplaySelection {
    errorTypes = Set.copyOf(errorTypes);
  }

  /** Why {@code record} is skipped, or null when it is replayed. */
  String skipReason(DeadLetterRecord record) {
    if (record.originalTopic() == null) {
      return NOT_DEAD_LETTER;
    }
    if (!errorTypes.isEmpty() && !errorTypes.contains(record.errorType())) {
      return OTHER_ERROR_TYPE;
    }
    if (since != null || until != null) {
      if (record.failedAt() == null) {
        return NO_FAILURE_TIME;
      }
      if (since != null && record.failedAt().isBefore(since)) {
        return BEFORE_SINCE;
      }
      if (until != null && !record.failedAt().isBefore(until)) {
        return NOT_BEFORE_UNTIL;
      }
    }
    if (record.isUnroutable() && !reroute) {
      return UNROUTABLE;
    }
    return null;
  }
}
