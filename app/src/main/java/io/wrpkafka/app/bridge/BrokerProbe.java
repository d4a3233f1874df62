package io.wrpkafka.app.bridge;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/*
 * One describeCluster at a time, and its answer reused for CACHE_FOR: readiness probes arrive
 * every few seconds from every kubelet and load balancer, and each would otherwise cost a
 * round trip to the controller. The admin client's calls are asynchronous (KafkaFuture), so the
 * caller's thread never waits.
 */
/**
 * A {@link ReadinessCheck} that asks the cluster to describe itself with a Kafka admin client.
 * Answers are cached for a few seconds. Thread-safe; the admin client stays its owner's.
 */
final class BrokerProbe implements ReadinessCheck {
  private static final Duration CACHE_FOR = Duration.ofSeconds(3);
  private static final int TIMEOUT_MS = 3_000;

  private record Checked(long atNanos, CompletableFuture<Optional<NotReady>> answer) {}

  private final Admin admin;
  private final AtomicReference<Checked> last = new AtomicReference<>();

  /** Asks through {@code admin} (see {@link ClusterAdmin}), which it does not close. */
  BrokerProbe(Admin admin) {
    this.admin = admin;
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
}
