package io.wrpkafka.app.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wrpkafka.BufferState;
import io.wrpkafka.Health;
import io.wrpkafka.SpoolBacklog;

/** A publisher's {@link Health} as the JSON of {@code /readyz} and {@code /healthz}. Pure. */
final class HealthJson {
  private HealthJson() {}

  /**
   * {@code status}, {@code reasons}, {@code circuitState}, {@code sinceLastAcknowledgementMs}
   * (null if none), {@code buffer}, {@code spoolBacklog} (null without a spool), {@code
   * errorsPerSecond}, {@code deadLettersPerSecond}.
   */
  static JsonObject of(Health health) {
    BufferState buffer = health.buffer();
    return new JsonObject()
        .put("status", health.status().name())
        .put("reasons", new JsonArray(health.reasons()))
        .put("circuitState", health.circuitState().name())
        .put("sinceLastAcknowledgementMs",
            health.sinceLastAcknowledgement().map(d -> d.toMillis()).orElse(null))
        .put("buffer", new JsonObject()
            .put("records", buffer.records()).put("maxRecords", buffer.maxRecords())
            .put("bytes", buffer.bytes()).put("maxBytes", buffer.maxBytes())
            .put("utilisation", buffer.utilisation()))
        .put("spoolBacklog", health.spoolBacklog().map(HealthJson::spool).orElse(null))
        .put("errorsPerSecond", health.errorsPerSecond())
        .put("deadLettersPerSecond", health.deadLettersPerSecond());
  }

  private static JsonObject spool(SpoolBacklog spool) {
    return new JsonObject()
        .put("records", spool.records())
        .put("bytes", spool.bytes())
        .put("oldestEntryAgeMs", spool.oldestEntryAge().map(d -> d.toMillis()).orElse(null))
        .put("full", spool.full());
  }
}
