package io.wrpkafka.app.bridge;

import io.vertx.core.json.JsonObject;

/**
 * An HTTP answer: status and JSON body. Bodies name an outcome or an error and its type, never
 * the payload or a secret.
 */
record Answer(int status, JsonObject body) {

  static Answer error(int status, String errorType, String message) {
    return new Answer(status, new JsonObject().put("error", message).put("errorType", errorType));
  }

  /** 503 answers ask the caller to come back later. */
  boolean wantsRetryAfter() {
    return status == 503;
  }
}
