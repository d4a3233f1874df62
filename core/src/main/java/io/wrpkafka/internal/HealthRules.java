package io.wrpkafka.internal;

import io.wrpkafka.BufferState;
import io.wrpkafka.CircuitState;
import io.wrpkafka.Health;
import io.wrpkafka.SpoolBacklog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/*
 * The rules of Health's Javadoc, in code. Pure, so the table in HealthRulesTest is the rule
 * book: every reason that applies is listed, and the status is the worst of them.
 */
/** Judges a publisher's health from its figures. Pure; thread-safe. */
final class HealthRules {
  /** The buffer fill above which the publisher is DEGRADED. */
  static final double FULL_BUFFER = 0.8;

  /**
   * What the judgement rests on.
   *
   * @param notRunning why the publisher is not running ({@code not started}, {@code stopped});
   *     null while it runs
   * @param openReason why the circuit opened, shown while it is not closed
   * @param quietFor time since the last acknowledgement, or since the start when there was none
   * @param ackStaleAfter how long records may wait without any acknowledgement
   */
  record Facts(
      String notRunning,
      CircuitState circuit,
      String openReason,
      BufferState buffer,
      Optional<SpoolBacklog> spool,
      Optional<Duration> sinceLastAcknowledgement,
      Duration quietFor,
      Duration ackStaleAfter,
      double errorsPerSecond,
      double deadLettersPerSecond) {}

  private HealthRules() {}

  static Health judge(Facts f) {
    List<String> down = new ArrayList<>();
    List<String> degraded = new ArrayList<>();
    if (f.notRunning() != null) {
      down.add("publisher " + f.notRunning());
    }
    switch (f.circuit()) {
      case OPEN -> down.add("circuit open: " + f.openReason());
      case HALF_OPEN -> down.add("circuit half-open, probing the cluster: " + f.openReason());
      case CLOSED -> { }
    }
    BufferState buffer = f.buffer();
    if (buffer.utilisation() > FULL_BUFFER) {
      degraded.add(String.format(Locale.ROOT, "buffer %.0f%% full (%d%s records, %d/%d bytes)",
          buffer.utilisation() * 100, buffer.records(),
          buffer.maxRecords() > 0 ? "/" + buffer.maxRecords() : "", buffer.bytes(),
          buffer.maxBytes()));
    }
    if (f.spool().map(SpoolBacklog::full).orElse(false)) {
      degraded.add("spool full: new records follow the in-memory QoS rules");
    }
    if (f.errorsPerSecond() > 0) {
      degraded.add(String.format(Locale.ROOT,
          "records failing or refused: %.2f/s over the last minute", f.errorsPerSecond()));
    }
    if (f.notRunning() == null && buffer.records() > 0
        && f.quietFor().compareTo(f.ackStaleAfter()) >= 0) {
      degraded.add("no acknowledgement for " + f.quietFor().toSeconds() + "s while "
          + buffer.records() + " records wait");
    }
    Health.Status status = !down.isEmpty() ? Health.Status.DOWN
        : !degraded.isEmpty() ? Health.Status.DEGRADED
        : Health.Status.UP;
    down.addAll(degraded);
    return new Health(status, down, f.circuit(), f.sinceLastAcknowledgement(), buffer, f.spool(),
        f.errorsPerSecond(), f.deadLettersPerSecond());
  }
}
