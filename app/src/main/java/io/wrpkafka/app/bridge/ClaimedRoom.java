package io.wrpkafka.app.bridge;

import io.wrpkafka.BufferState;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Why claims. Publisher.produce at QoS 25-74 waits only while the buffer is full, so an event
 * loop may call it when the record is sure to find room. Between reading bufferState() and the
 * publisher taking the room, other calls may take room too; in the bridge those are its own
 * publish calls, on other event loops and on the worker pool. Each call claims a bound of what it
 * can take (RecordBound) before it calls the publisher and releases the claim after: a claim
 * made before this check is counted in it, and one made after sees this one. A record counted
 * both in the buffer and in a claim is counted twice, which errs on the safe side.
 *
 * The only room taken outside these calls is a dead-letter record's, which replaces a record
 * that failed; a reserve of 1/16 of each limit covers those. So an event-loop call that passed
 * tryClaim takes its room without waiting.
 */
/**
 * Room of the publisher's buffer that the bridge's publish calls in progress may take, and the
 * test whether one more call fits without waiting. Thread-safe and lock-free.
 */
final class ClaimedRoom {
  /** The share of each limit left to room taken outside the bridge's calls (dead letters). */
  static final int RESERVE_DIVISOR = 16;

  private final AtomicLong records = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  /** Claims room for a call that may wait for it (the worker pool, or QoS 0–24, which drops). */
  void claim(long recordCount, long byteCount) {
    records.addAndGet(recordCount);
    bytes.addAndGet(byteCount);
  }

  /**
   * Claims room for a call that must not wait, if {@code state} plus every claim in progress plus
   * this one stays within the limits less the reserve; false (and nothing claimed) otherwise.
   */
  boolean tryClaim(BufferState state, long recordCount, long byteCount) {
    long claimedRecords = records.addAndGet(recordCount);
    long claimedBytes = bytes.addAndGet(byteCount);
    if (fits(state, claimedRecords, claimedBytes)) {
      return true;
    }
    release(recordCount, byteCount);
    return false;
  }

  /** Returns a claim once its call has returned. */
  void release(long recordCount, long byteCount) {
    records.addAndGet(-recordCount);
    bytes.addAndGet(-byteCount);
  }

  /** Whether {@code claimedRecords} and {@code claimedBytes} more fit into {@code state}. */
  static boolean fits(BufferState state, long claimedRecords, long claimedBytes) {
    long maxBytes = state.maxBytes();
    if (state.bytes() + claimedBytes > maxBytes - maxBytes / RESERVE_DIVISOR) {
      return false;
    }
    long maxRecords = state.maxRecords();
    return maxRecords <= 0
        || state.records() + claimedRecords <= maxRecords - maxRecords / RESERVE_DIVISOR;
  }
}
