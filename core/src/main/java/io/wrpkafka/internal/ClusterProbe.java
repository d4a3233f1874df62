package io.wrpkafka.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/*
 * Why describeCluster (as StartCheck): it needs a connection, the TLS handshake and SASL login,
 * and an answer from a broker, but no topic and no ACL, so it asks exactly "is a broker of this
 * cluster reachable". The Admin client is the probe's own (client id "<clientId>-circuit-probe")
 * with the producer's connection and security settings; its reconnect backoff is capped at the
 * probe interval so that a broker coming back is seen by the next probe.
 */
/** Asks the cluster to describe itself, to tell whether a broker is reachable. Thread-safe. */
final class ClusterProbe implements AutoCloseable {
  private final Admin admin;
  private final int timeoutMs;

  /** An Admin client with the connection and security settings of {@code producerProperties}. */
  ClusterProbe(Properties producerProperties, String clientId, Duration timeout) {
    this.timeoutMs = (int) timeout.toMillis();
    Properties adminProperties = new Properties();
    Set<String> adminNames = AdminClientConfig.configNames();
    producerProperties.forEach(
        (key, value) -> {
          if (adminNames.contains((String) key)) {
            adminProperties.put(key, value);
          }
        });
    adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-circuit-probe");
    adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    adminProperties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
        Math.min(1_000, timeoutMs));
    this.admin = Admin.create(adminProperties);
  }

  /**
   * Asks once; blocks up to the probe's timeout.
   *
   * @return null when a broker answered, else why not (the client's exception class and message,
   *     which never hold a credential)
   */
  String failure() {
    try {
      Collection<Node> nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
              .nodes()
              // The call's own timeout ends it; the extra second only guards a stuck client.
              .get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
      return nodes.isEmpty() ? "the cluster reports no live broker" : null;
    } catch (ExecutionException e) {
      return "probe failed: " + describe(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      return "probe unanswered within " + timeoutMs + "ms";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "probe interrupted";
    } catch (RuntimeException e) {
      return "probe failed: " + describe(e);
    }
  }

  private static String describe(Throwable cause) {
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  @Override
  public void close() {
    admin.close(Duration.ZERO);
  }
}
