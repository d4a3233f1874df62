package io.wrpkafka.app.bridge;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/*
 * One describeCluster at a time, and its answer reused for CACHE_FOR: readiness probes arrive
 * every few seconds from every kubelet and load balancer, and each would otherwise cost a
 * round trip to the controller. The admin client's calls are asynchronous (KafkaFuture), so the
 * caller's thread never waits.
 */
/**
 * A {@link ReadinessCheck} that asks the cluster to describe itself with a Kafka admin client.
 * Answers are cached for a few seconds. Thread-safe; close it to release the client.
 */
final class BrokerProbe implements ReadinessCheck, AutoCloseable {
  private static final Duration CACHE_FOR = Duration.ofSeconds(3);
  private static final int TIMEOUT_MS = 3_000;

  private record Checked(long atNanos, CompletableFuture<Optional<NotReady>> answer) {}

  private final Admin admin;
  private final AtomicReference<Checked> last = new AtomicReference<>();

  /**
   * Creates the admin client from connection properties ({@code bootstrap.servers} and any
   * security settings, as {@link io.wrpkafka.PublisherConfig#clientProperties()} gives them),
   * with its own {@code client.id}. Does not connect yet.
   */
  BrokerProbe(Map<String, Object> connection) {
    Properties props = new Properties();
    props.putAll(connection);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "wrpkafka-readiness");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    this.admin = Admin.create(props);
  }

  @Override
  public CompletionStage<Optional<NotReady>> problem() {
    long now = System.nanoTime();
    Checked previous = last.get();
    if (previous != null
        && (!previous.answer().isDone() || now - previous.atNanos() < CACHE_FOR.toNanos())) {
      return previous.answer();
    }
    CompletableFuture<Optional<NotReady>> answer = new CompletableFuture<>();
    if (!last.compareAndSet(previous, new Checked(now, answer))) {
      return last.get().answer();
    }
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
          .nodes()
          .whenComplete(
              (nodes, failure) -> {
                if (failure != null) {
                  answer.complete(
                      notReady(
                          "Kafka brokers unreachable: " + failure.getClass().getSimpleName()
                              + (failure.getMessage() == null ? "" : ": " + failure.getMessage())));
                } else if (nodes.isEmpty()) {
                  answer.complete(notReady("Kafka cluster reports no live brokers"));
                } else {
                  answer.complete(Optional.empty());
                }
              });
    } catch (RuntimeException e) {
      answer.complete(notReady("Kafka readiness check failed: " + e.getMessage()));
    }
    return answer;
  }

  private static Optional<NotReady> notReady(String reason) {
    return Optional.of(NotReady.because(reason));
  }

  /** Closes the admin client, waiting at most a second. */
  @Override
  public void close() {
    admin.close(Duration.ofSeconds(1));
  }
}
