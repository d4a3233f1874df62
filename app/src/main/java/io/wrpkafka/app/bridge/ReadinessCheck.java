package io.wrpkafka.app.bridge;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Tells whether the bridge can publish. Implementations never block the caller. */
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

  /** This check, then {@code next} only when this one passes. */
  default ReadinessCheck then(ReadinessCheck next) {
    return () -> problem().thenCompose(
        problem -> problem.isPresent() ? CompletableFuture.completedFuture(problem) : next.problem());
  }

  /** A check that always passes (Kafka disabled, or no probe wanted). */
  static ReadinessCheck alwaysReady() {
    return () -> CompletableFuture.completedFuture(Optional.empty());
  }
}
