package io.wrpkafka.app.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.NotSslRecordException;
import io.wrpkafka.internal.FailureLog;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;

/*
 * A wrong password in Talaria's configuration refuses every event it sends, and a password guesser
 * sends thousands of requests a second: either way one line per request would bury the log. The
 * lines go through FailureLog (one per endpoint every 10 s, with the count of the ones left out);
 * the counter counts every refusal. Neither says what was presented: not the user name (people
 * paste passwords into it), not the scheme's text, not the header.
 */
/**
 * Counts and logs callers refused for their credentials: requests answered 401, metric {@value
 * #METRIC}
 * ({@code wrpkafka_http_auth_failures_total} in Prometheus) with tags {@code method}, {@code
 * endpoint} (the route, e.g. {@code /api/v4/notify}) and {@code reason} ({@code missing} or {@code
 * invalid}); and, with HTTPS, connections whose TLS handshake failed (no or an untrusted client
 * certificate, a client that does not trust the bridge, plain HTTP to the HTTPS port): metric
 * {@value #HANDSHAKE_METRIC}. Thread-safe.
 */
final class AuthFailures {
  /** The counter's name in Micrometer. */
  static final String METRIC = "wrpkafka.http.auth.failures";
  /** The counter of failed TLS handshakes, {@code wrpkafka_http_tls_handshake_failures_total}. */
  static final String HANDSHAKE_METRIC = "wrpkafka.http.tls.handshake.failures";

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
  private final Logger logger;
  private final FailureLog log;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile Counter handshakes;

  AuthFailures(MeterRegistry registry, Logger log) {
    this.registry = registry;
    this.logger = log;
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

  /** Creates the handshake failure counter at zero; call once when the bridge serves HTTPS. */
  void registerHandshakes() {
    handshakes = Counter.builder(HANDSHAKE_METRIC)
        .description("HTTPS connections refused because their TLS handshake failed")
        .register(registry);
  }

  /**
   * Counts a failed TLS handshake and logs it rate-limited with the reason the TLS engine gave.
   * The text of anything else the connection failed with is left out: it may quote what the
   * client sent (Netty's "not an SSL/TLS record" carries the bytes, an Authorization header
   * among them when a client speaks plain HTTP). A connection closed before its handshake
   * finished is counted and logged at debug level only: TCP health checks of load balancers do
   * that every few seconds.
   */
  void handshakeFailed(Throwable failure) {
    if (handshakes == null) {
      registerHandshakes();
    }
    handshakes.increment();
    if (failure instanceof ClosedChannelException) {
      logger.debug("an HTTPS connection was closed before its TLS handshake finished");
      return;
    }
    log.failed("tls_handshake_failed", "tls",
        "an HTTPS connection was refused: " + handshakeReason(failure), null);
  }

  /** A line saying why a handshake failed, never quoting the client's bytes. */
  static String handshakeReason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NotSslRecordException) {
        return "the client did not speak TLS (plain HTTP to the HTTPS port?)";
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
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
