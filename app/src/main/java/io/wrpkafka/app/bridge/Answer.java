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

  /**
   * The body as JSON text with {@code id} (the correlation id; null or empty for none) added as
   * {@code transactionUuid}. The common answer, an outcome alone (202 QUEUED for every accepted
   * QoS 50 message), is written directly without changing the body: going through Jackson took
   * about 4 % of the bridge's CPU samples under load. Any other body gets the field and
   * is encoded by Vert.x.
   */
  String encode(String id) {
    boolean hasId = id != null && !id.isEmpty();
    if (body.size() == 1 && body.getValue("outcome") instanceof String outcome) {
      StringBuilder json = new StringBuilder(hasId ? 48 + id.length() : 24).append("{\"outcome\":");
      quote(outcome, json);
      if (hasId) {
        json.append(",\"").append(CorrelationId.FIELD).append("\":");
        quote(id, json);
      }
      return json.append('}').toString();
    }
    if (hasId) {
      body.put(CorrelationId.FIELD, id);
    }
    return body.encode();
  }

  /** Appends {@code value} as a JSON string: quotes, backslashes and controls escaped. */
  private static void quote(String value, StringBuilder json) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }

  /** 503 answers ask the caller to come back later. */
  boolean wantsRetryAfter() {
    return status == 503;
  }
}
