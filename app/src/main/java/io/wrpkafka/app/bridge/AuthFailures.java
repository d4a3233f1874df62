package io.wrpkafka.app.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wrpkafka.internal.FailureLog;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/*
 * A wrong password in Talaria's configuration refuses every event it sends, and a password guesser
 * sends thousands of requests a second: either way one line per request would bury the log. The
 * lines go through FailureLog (one per endpoint every 10 s, with the count of the ones left out);
 * the counter counts every refusal. Neither says what was presented: not the user name (people
 * paste passwords into it), not the scheme's text, not the header.
 */
/**
 * Counts and logs requests refused for their credentials (401): metric {@value #METRIC}
 * ({@code wrpkafka_http_auth_failures_total} in Prometheus) with tags {@code method}, {@code
 * endpoint} (the route, e.g. {@code /api/v4/notify}) and {@code reason} ({@code missing} or {@code
 * invalid}).
 * Thread-safe.
 */
final class AuthFailures {
  /** The counter's name in Micrometer. */
  static final String METRIC = "wrpkafka.http.auth.failures";

  /** Why credentials were refused. */
  enum Reason {
    /** No usable {@code Authorization} header (absent, or not the expected scheme). */
    MISSING,
    /** Credentials presented that match none configured. */
    INVALID;

    /** The tag value: {@code missing} or {@code invalid}. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final FailureLog log;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  AuthFailures(MeterRegistry registry, Logger log) {
    this.registry = registry;
    this.log = new FailureLog(log);
  }

  /**
   * Creates the counters of {@code method} on {@code endpoint} at zero, so that a dashboard's
   * {@code rate()} sees the series before the first failure.
   */
  void register(String method, String endpoint) {
    for (Reason reason : Reason.values()) {
      counter(method, endpoint, reason);
    }
  }

  /**
   * Counts a refusal of {@code method} on {@code endpoint} (a route path, one of a fixed few) from
   * {@code remote} (the caller's address, for the log line) and logs it rate-limited, with {@code
   * correlationId} (may be null) in the MDC. Never blocks.
   */
  void failed(String method, String endpoint, Reason reason, String remote,
      String correlationId) {
    counter(method, endpoint, reason).increment();
    log.failed("unauthorized", method + ' ' + endpoint,
        "refused " + method + ' ' + endpoint + " from " + remote + ": " + reason.label()
            + " credentials", correlationId);
  }

  private Counter counter(String method, String endpoint, Reason reason) {
    return counters.computeIfAbsent(method + ' ' + endpoint + ' ' + reason.label(),
        key -> Counter.builder(METRIC)
        .description("Requests refused with 401 because their credentials were missing or wrong")
        .tag("method", method)
        .tag("endpoint", endpoint)
        .tag("reason", reason.label())
        .register(registry));
  }
}
