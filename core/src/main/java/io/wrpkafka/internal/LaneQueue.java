package io.wrpkafka.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * A linked queue of many producers and one consumer (D. Vyukov's intrusive MPSC queue), whose
 * nodes are the records themselves (PendingRecord.next): appending allocates nothing, where a
 * ConcurrentLinkedQueue allocates a 24-byte node per record, which a record buffered behind a
 * down broker also keeps on the heap.
 *
 * An append swaps the tail (one atomic exchange, no retry loop) and then links the previous tail
 * to the new record. Between those two steps the record is in the queue but not yet reachable
 * from the head: poll then waits for the link, which the appender writes in its next
 * instructions, rather than report an empty queue that isEmpty() would call non-empty.
 *
 * `head` is the last record polled (or the stub, before the first poll): the consumer owns it,
 * and unlinks it from the record after it, so that a polled record, which the client keeps
 * until its acknowledgement, holds no later record on the heap. A record is appended once in its
 * life, so its `next` is linked once and cleared once.
 */
/** The queue of one lane: appends from any thread, never blocking; polls by one thread at a time. */
final class LaneQueue {
  private static final VarHandle TAIL;
  private static final VarHandle HEAD;
  private static final VarHandle NEXT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TAIL = lookup.findVarHandle(LaneQueue.class, "tail", PendingRecord.class);
      HEAD = lookup.findVarHandle(LaneQueue.class, "head", PendingRecord.class);
      NEXT = lookup.findVarHandle(PendingRecord.class, "next", PendingRecord.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Written by the consumer only; read by others (isEmpty) with acquire. */
  @SuppressWarnings("unused")
  private PendingRecord head;
  /** The last record appended; the head when empty. */
  @SuppressWarnings("unused")
  private volatile PendingRecord tail;

  LaneQueue() {
    PendingRecord stub = PendingRecord.stub();
    head = stub;
    tail = stub;
  }

  /** Appends {@code record}, which must never have been appended before. Lock-free. */
  void add(PendingRecord record) {
    PendingRecord previous = (PendingRecord) TAIL.getAndSet(this, record);
    NEXT.setRelease(previous, record);
  }

  /**
   * The oldest record, removed; null when empty. Only one thread at a time may poll (the lane's
   * drain, which the lane's {@code scheduled} flag makes exclusive).
   */
  PendingRecord poll() {
    PendingRecord current = (PendingRecord) HEAD.get(this);
    PendingRecord next = (PendingRecord) NEXT.getAcquire(current);
    if (next == null) {
      if (current == tail) {
        return null;
      }
      // Appended but not linked yet: the appender is between its two steps. It may have been
      // descheduled there (two cores, many threads), so after a short spin give it the CPU.
      for (int spins = 0; (next = (PendingRecord) NEXT.getAcquire(current)) == null; spins++) {
        if (spins < 100) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }
    NEXT.set(current, null);
    HEAD.setRelease(this, next);
    return next;
  }

  /** Whether nothing is queued; from any thread. */
  boolean isEmpty() {
    return HEAD.getAcquire(this) == tail;
  }
}
