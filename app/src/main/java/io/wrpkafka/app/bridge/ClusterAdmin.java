package io.wrpkafka.app.bridge;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The bridge's Kafka admin client for its cluster checks ({@link TopicCheck}; whether a broker
 * is reachable is the publisher's {@link io.wrpkafka.Publisher#health()}): one connection and
 * one login per broker, however many checks ask. Each check bounds its own calls; these
 * defaults only cap a call that sets no timeout.
 */
final class ClusterAdmin {
  private static final int TIMEOUT_MS = 5_000;

  private ClusterAdmin() {}

  /**
   * An admin client from connection properties ({@code bootstrap.servers} and any security
   * settings, as {@link io.wrpkafka.PublisherConfig#clientProperties()} gives them). Does not
   * connect yet; close it with {@link #close(Admin)}.
   */
  static Admin create(Map<String, Object> connection) {
    Properties props = new Properties();
    props.putAll(connection);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "wrpkafka-bridge");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    return Admin.create(props);
  }

  /** Closes {@code admin}, waiting at most a second for calls in flight. */
  static void close(Admin admin) {
    admin.close(Duration.ofSeconds(1));
  }
}
