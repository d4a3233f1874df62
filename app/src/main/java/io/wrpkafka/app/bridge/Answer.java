package io.wrpkafka.app.bridge;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.PublishException;

/**
 * An HTTP answer: status and JSON body. Bodies name an outcome or an error and its type, never
 * the payload or a secret.
 */
record Answer(int status, JsonObject body) {

  static Answer error(int status, String errorType, String message) {
    return new Answer(status, new JsonObject().put("error", message).put("errorType", errorType));
  }

  /** A message refused by routing, answered with the status its error type maps to. */
  static Answer refused(PublishException e) {
    return error(ResultStatus.ofFailure(e.errorType()), e.errorType().label(), e.getMessage());
  }

  /** 503 answers ask the caller to come back later. */
  boolean wantsRetryAfter() {
    return status == 503;
  }
}
