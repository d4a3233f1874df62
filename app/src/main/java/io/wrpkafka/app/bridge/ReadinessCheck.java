package io.wrpkafka.app.bridge;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Tells whether the Kafka cluster can be reached. Implementations never block the caller. */
@FunctionalInterface
interface ReadinessCheck {

  /** Completes with empty when reachable, else with the reason; never completes exceptionally. */
  CompletionStage<Optional<String>> problem();

  /** A check that always passes (Kafka disabled, or no probe wanted). */
  static ReadinessCheck alwaysReady() {
    return () -> java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
  }
}
