package io.wrpkafka.spring;

import io.wrpkafka.BufferState;
import io.wrpkafka.Health;
import io.wrpkafka.Publisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The Actuator health of a {@link Publisher}, from {@link Publisher#health()}: UP, DOWN (not
 * started, or no broker reachable: the circuit is not closed) or {@link #DEGRADED} (publishing,
 * but the buffer is nearly full, records fail, or nothing was acknowledged for a while), with the
 * reasons and figures as details. Cheap and lock-free; safe to call from any thread.
 */
final class PublisherHealthIndicator implements HealthIndicator {
  /**
   * Publishing, but something needs attention. Not in Spring's default status order, so it does
   * not change the aggregate status or the HTTP code unless {@code
   * management.endpoint.health.status.order} lists it.
   */
  static final Status DEGRADED = new Status("DEGRADED");

  private final Publisher publisher;

  PublisherHealthIndicator(Publisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public org.springframework.boot.actuate.health.Health health() {
    Health health = publisher.health();
    Status status = switch (health.status()) {
      case UP -> Status.UP;
      case DEGRADED -> DEGRADED;
      case DOWN -> Status.DOWN;
    };
    return org.springframework.boot.actuate.health.Health.status(status)
        .withDetails(details(health)).build();
  }

  static Map<String, Object> details(Health health) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reasons", health.reasons());
    details.put("circuitState", health.circuitState().name());
    health.sinceLastAcknowledgement().ifPresent(d ->
        details.put("sinceLastAcknowledgement", d.toString()));
    BufferState buffer = health.buffer();
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("records", buffer.records());
    b.put("maxRecords", buffer.maxRecords());
    b.put("bytes", buffer.bytes());
    b.put("maxBytes", buffer.maxBytes());
    b.put("utilisation", buffer.utilisation());
    details.put("buffer", b);
    health.spoolBacklog().ifPresent(s -> {
      Map<String, Object> spool = new LinkedHashMap<>();
      spool.put("records", s.records());
      spool.put("bytes", s.bytes());
      s.oldestEntryAge().ifPresent(age -> spool.put("oldestEntryAge", age.toString()));
      spool.put("full", s.full());
      details.put("spoolBacklog", spool);
    });
    details.put("errorsPerSecond", health.errorsPerSecond());
    details.put("deadLettersPerSecond", health.deadLettersPerSecond());
    return details;
  }
}
