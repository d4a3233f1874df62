package io.wrpkafka.app.bridge;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A check {@code /readyz} makes beside the publisher's health (the topic check). Implementations
 * never block the caller.
 */
@FunctionalInterface
interface ReadinessCheck {

  /** Why the bridge is not ready: a reason, and the missing topics when that is the reason. */
  record NotReady(String reason, List<String> missingTopics) {
    public NotReady {
      missingTopics = List.copyOf(missingTopics);
    }

    static NotReady because(String reason) {
      return new NotReady(reason, List.of());
    }
  }

  /** Completes with empty when ready, else with the reason; never completes exceptionally. */
  CompletionStage<Optional<NotReady>> problem();

  /** A check that always passes (Kafka disabled, or topics may be created). */
  static ReadinessCheck alwaysReady() {
    return () -> CompletableFuture.completedFuture(Optional.empty());
  }
}
