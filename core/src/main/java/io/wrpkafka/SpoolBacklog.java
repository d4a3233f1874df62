package io.wrpkafka;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a publisher's durable spool holds and has not yet delivered, as {@link Health} shows it.
 *
 * @param records entries not yet acknowledged by the broker or dead-lettered
 * @param bytes their size on disk
 * @param oldestEntryAge how long the oldest of them has waited; empty when there is none
 * @param full whether the spool reached its {@code maxBytes}: new records then follow the
 *     in-memory QoS rules
 */
public record SpoolBacklog(long records, long bytes, Optional<Duration> oldestEntryAge,
    boolean full) {
  /** @throws NullPointerException if {@code oldestEntryAge} is null */
  public SpoolBacklog {
    Objects.requireNonNull(oldestEntryAge, "oldestEntryAge");
  }
}
