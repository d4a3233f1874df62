package io.wrpkafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/*
 * Why describeCluster: it needs a connection, a finished TLS handshake and SASL login, and an
 * answer from a broker, but no topic and no ACL, so it tests exactly "can this publisher reach
 * and log in to the cluster". The Admin client fails the call at once on an authentication
 * failure (SASL or TLS) and times out otherwise, so a wrong password or an untrusted certificate
 * is reported as what it is, not as a timeout.
 *
 * The check runs before the publisher builds anything, on a short-lived Admin client of its own
 * (client id "<clientId>-start-check"), which is closed whatever the outcome.
 */
/** Checks, before a publisher starts, that a broker of its cluster answers and accepts it. */
final class StartCheck {
  private StartCheck() {}

  /**
   * Returns once a broker of {@code config} answered within {@code config.startTimeout()}. Blocks
   * up to about that long.
   *
   * @throws PublishException {@code authentication_error} when the TLS handshake or the SASL
   *     login failed, {@code timeout} when no broker answered in time (or no broker address
   *     resolves), {@code broker_error} for any other refusal; the message names the brokers
   *     tried and the cause, never a secret
   * @throws java.io.UncheckedIOException if a TLS file cannot be read
   */
  static void verify(PublisherConfig config) {
    Duration timeout = config.startTimeout();
    Map<String, Object> properties = new java.util.LinkedHashMap<>(config.clientProperties());
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, config.clientId() + "-start-check");
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    Admin admin;
    try {
      admin = Admin.create(properties);
    } catch (KafkaException e) {
      throw failure(config, ErrorType.TIMEOUT, "no broker address resolves", e);
    }
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          // The call's own timeout ends it; the extra second only guards against a stuck client.
          .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw classify(config, e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw unanswered(config, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(config, ErrorType.TIMEOUT, "interrupted while waiting for a broker", e);
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  /** The start failure for what the Admin client reported. */
  static PublishException classify(PublisherConfig config, Throwable cause) {
    if (cause instanceof SslAuthenticationException) {
      return failure(config, ErrorType.AUTHENTICATION_ERROR,
          "TLS handshake failed: " + certificateProblem(cause), cause);
    }
    if (cause instanceof AuthenticationException) {
      String who = config.sasl()
          .map(s -> "SASL " + s.mechanism().kafkaName() + " as user \"" + s.username() + "\"")
          .orElse("the client");
      return failure(config, ErrorType.AUTHENTICATION_ERROR,
          "authentication failed for " + who + ": " + describe(cause), cause);
    }
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return unanswered(config, cause);
    }
    return failure(config, ErrorType.BROKER_ERROR, describe(cause), cause);
  }

  private static PublishException unanswered(PublisherConfig config, Throwable cause) {
    return failure(config, ErrorType.TIMEOUT,
        "no broker answered within startTimeout " + config.startTimeout().toMillis()
            + "ms (unreachable: down, a wrong address or port, a firewall, or a listener that"
            + " expects another security protocol)",
        cause);
  }

  /** The innermost message of the cause chain: the certificate problem for a TLS failure. */
  private static String certificateProblem(Throwable cause) {
    String problem = describe(cause);
    for (Throwable t = cause.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        problem = t.getMessage();
      }
    }
    return problem;
  }

  private static String describe(Throwable cause) {
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private static PublishException failure(
      PublisherConfig config, ErrorType type, String reason, Throwable cause) {
    String message =
        "publisher " + config.clientId() + " cannot start: " + scrub(config, reason)
            + " (brokers tried: " + String.join(", ", config.brokers())
            + "; set verifyOnStart false to start without them)";
    return new PublishException(type, message, cause);
  }

  /** A client message should never hold the password; this makes sure ours do not either. */
  private static String scrub(PublisherConfig config, String text) {
    return config.sasl()
        .map(SaslConfig::password)
        .filter(p -> !p.isEmpty())
        .map(p -> text.replace(p, "***"))
        .orElse(text);
  }
}
