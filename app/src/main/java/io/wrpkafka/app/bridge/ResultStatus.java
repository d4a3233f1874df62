package io.wrpkafka.app.bridge;

import io.wrpkafka.ErrorType;
import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;

/** The HTTP status of a publish result (DESIGN §7). Pure; thread-safe. */
final class ResultStatus {
  private ResultStatus() {}

  /**
   * ACCEPTED 200; QUEUED and ATTEMPTED 202; DROPPED 503, except a QoS 0–24 message no route
   * takes (dropped with no_topic_match): 422 like any unroutable message, since sending it again
   * cannot help; FAILED by cause: timeout 504,
   * unroutable or a header that cannot be built 422, not encodable 400, too large 413, publisher
   * not running, circuit open or spool full 503, else (the cluster said no: authentication, authorization,
   * missing topic, too few replicas) 502.
   */
  static int of(ProduceResult result) {
    return switch (result.outcome()) {
      case ACCEPTED -> 200;
      case QUEUED, ATTEMPTED -> 202;
      case DROPPED -> result.error().errorType() == ErrorType.NO_TOPIC_MATCH ? 422 : 503;
      case FAILED -> ofFailure(result.error().errorType());
    };
  }

  static int ofFailure(ErrorType type) {
    return switch (type) {
      case TIMEOUT -> 504;
      case NO_TOPIC_MATCH, VALIDATION_ERROR, HEADER_EXTRACTION_ERROR -> 422;
      case ENCODING_ERROR -> 400;
      case RECORD_TOO_LARGE -> 413;
      case NOT_STARTED, PUBLISHER_CLOSED, BUFFER_FULL, SPOOL_FULL, CIRCUIT_OPEN -> 503;
      case BROKER_ERROR, AUTHENTICATION_ERROR, AUTHORIZATION_ERROR, TOPIC_NOT_FOUND,
          NOT_ENOUGH_REPLICAS, DEAD_LETTER_FAILED, MISSING_METADATA_FIELD, UNKNOWN -> 502;
    };
  }

  /** Whether a 503 for this result should carry {@code Retry-After}: the caller may try again. */
  static boolean isRetryable(ProduceResult result) {
    return of(result) == 503;
  }

  static boolean isSuccess(Outcome outcome) {
    return outcome == Outcome.ACCEPTED || outcome == Outcome.QUEUED || outcome == Outcome.ATTEMPTED;
  }
}
