package io.wrpkafka.internal;

import io.wrpkafka.BufferState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Two counters, records and bytes, each taken with a CAS loop, so that taking space never
 * blocks and never exceeds a limit. Only callers that wait (QoS 25 and up) touch the lock: they
 * register in `waiters` before re-checking for space under the lock, and `release` signals only
 * when `waiters` is non-zero. Because a waiter increments `waiters` before its re-check and a
 * releaser decrements the counters before reading `waiters`, one of the two always sees the
 * other, so no wake-up is lost; the lock only guards the condition.
 *
 * A maxRecords below 1 is the Go implementation's "buffering disabled": no record limit of ours
 * (the count is still kept for bufferState), reported as 0 like Go's BufferedRecords().
 *
 * The two counters are fields of this object (VarHandles), not two AtomicLong objects: the caller
 * takes room and the client's I/O thread returns it for every record, so the counters' cache
 * line moves between the two cores twice per record; adjacent fields make that one line, not two.
 *
 * A record larger than maxBytes is admitted when the buffer holds no bytes at all, so that it
 * fails (or succeeds) at the broker instead of waiting forever.
 */
/**
 * Admission, the first stage: the publisher's own bound on records and bytes taken but not yet
 * completed. Thread-safe; taking and returning room are lock-free.
 */
public final class RecordBuffer {
  private final long maxRecords;
  private final long recordLimit;
  private final long maxBytes;
  private static final VarHandle RECORDS;
  private static final VarHandle BYTES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      RECORDS = lookup.findVarHandle(RecordBuffer.class, "records", long.class);
      BYTES = lookup.findVarHandle(RecordBuffer.class, "bytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile long records;
  private volatile long bytes;
  private final AtomicInteger waiters = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private volatile boolean closed;

  /**
   * A buffer of at most {@code maxRecords} records (less than 1: no record limit) and {@code
   * maxBytes} bytes.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public RecordBuffer(long maxRecords, long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    this.maxRecords = Math.max(0, maxRecords);
    this.recordLimit = maxRecords > 0 ? maxRecords : Long.MAX_VALUE;
    this.maxBytes = maxBytes;
  }

  /** Takes room for one record of {@code size} bytes if there is some; never blocks. */
  public boolean tryAcquire(long size) {
    while (true) {
      long r = records;
      if (r >= recordLimit) {
        return false;
      }
      if (RECORDS.compareAndSet(this, r, r + 1)) {
        break;
      }
    }
    while (true) {
      long b = bytes;
      if (b + size > maxBytes && b != 0) {
        RECORDS.getAndAdd(this, -1L);
        signalIfWaiting();
        return false;
      }
      if (BYTES.compareAndSet(this, b, b + size)) {
        return true;
      }
    }
  }

  /**
   * Takes room for one record, waiting up to {@code timeoutNanos} for it.
   *
   * @return false when the time ran out or the buffer was closed
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean acquire(long size, long timeoutNanos) throws InterruptedException {
    if (tryAcquire(size)) {
      return true;
    }
    long remaining = timeoutNanos;
    waiters.incrementAndGet();
    lock.lockInterruptibly();
    try {
      while (!closed) {
        if (tryAcquire(size)) {
          return true;
        }
        if (remaining <= 0) {
          return false;
        }
        remaining = released.awaitNanos(remaining);
      }
      return false;
    } finally {
      lock.unlock();
      waiters.decrementAndGet();
    }
  }

  /** Returns the room of one record taken with {@code size}. */
  public void release(long size) {
    BYTES.getAndAdd(this, -size);
    RECORDS.getAndAdd(this, -1L);
    signalIfWaiting();
  }

  /** Wakes all waiters and makes further waits fail; taking room without waiting still works. */
  public void close() {
    closed = true;
    lock.lock();
    try {
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The fill level ({@code maxRecords} 0 without a record limit); lock-free, one small allocation. */
  public BufferState state() {
    return new BufferState(records, maxRecords, bytes, maxBytes);
  }

  private void signalIfWaiting() {
    if (waiters.get() > 0) {
      lock.lock();
      try {
        released.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
