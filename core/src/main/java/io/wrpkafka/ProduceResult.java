package io.wrpkafka;

import java.util.Objects;

/**
 * The result of producing one message.
 *
 * @param outcome what became of the message, never null
 * @param error why it was not delivered: non-null exactly when {@code outcome} is {@link
 *     Outcome#FAILED} or {@link Outcome#DROPPED}
 */
public record ProduceResult(Outcome outcome, PublishException error) {

  /** Checks that {@code error} is present exactly for {@code FAILED} and {@code DROPPED}. */
  public ProduceResult {
    Objects.requireNonNull(outcome, "outcome");
    boolean failed = outcome == Outcome.FAILED || outcome == Outcome.DROPPED;
    if (failed != (error != null)) {
      throw new IllegalArgumentException(
          "error must be " + (failed ? "present" : "null") + " for outcome " + outcome);
    }
  }

  /** Whether the message was taken ({@code ACCEPTED}, {@code QUEUED} or {@code ATTEMPTED}). */
  public boolean isSuccess() {
    return error == null;
  }
}
