package io.wrpkafka.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/*
 * Twelve five-second buckets in a ring, each stamped with the five-second period it counts. An
 * increment finds its bucket by the clock; a bucket still stamped with an older period is reset
 * first. The reset and a concurrent increment of the same bucket may race at the turn of a
 * period and lose that increment: the rate is a health figure, not an account, and the race
 * costs nothing on the paths that count (a CAS only at a period's turn, otherwise one atomic add).
 */
/** Events per second over the last minute, counted without locks. Thread-safe. */
final class RecentRate {
  private static final int BUCKETS = 12;
  private static final long BUCKET_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final double WINDOW_SECONDS = BUCKETS * 5.0;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray periods = new AtomicLongArray(BUCKETS);
  private final LongSupplier nanoClock;

  /** @param nanoClock a monotonic clock in nanoseconds, like {@link System#nanoTime()} */
  RecentRate(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    for (int i = 0; i < BUCKETS; i++) {
      periods.set(i, Long.MIN_VALUE);
    }
  }

  /** Counts one event now. Lock-free; allocates nothing. */
  void increment() {
    long period = Math.floorDiv(nanoClock.getAsLong(), BUCKET_NANOS);
    int i = (int) Math.floorMod(period, (long) BUCKETS);
    long seen = periods.get(i);
    if (seen != period && periods.compareAndSet(i, seen, period)) {
      counts.set(i, 0);
    }
    counts.incrementAndGet(i);
  }

  /** Events per second over the last minute (the current five-second period included). */
  double perSecond() {
    long now = Math.floorDiv(nanoClock.getAsLong(), BUCKET_NANOS);
    long sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long period = periods.get(i);
      if (period > now - BUCKETS && period <= now) {
        sum += counts.get(i);
      }
    }
    return sum / WINDOW_SECONDS;
  }
}
