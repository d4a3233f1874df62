package io.wrpkafka.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/*
 * Java 17 has no JVM-wide allocation counter, only per-thread ones (com.sun.management
 * ThreadMXBean, on by default in HotSpot). A snapshot keeps every live thread's count; the
 * difference of two snapshots counts threads born in between from zero. Threads that die in
 * between are missed, so callers that end during a measurement add their own count
 * (currentThread()) before they exit.
 */
/** Bytes allocated by the threads of this JVM, summed over threads. */
final class AllocationCounter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> byThread;

  private AllocationCounter(Map<Long, Long> byThread) {
    this.byThread = byThread;
  }

  /** The allocated bytes of every live thread now. */
  static AllocationCounter snapshot() {
    long[] ids = THREADS.getAllThreadIds();
    long[] bytes = THREADS.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        byThread.put(ids[i], bytes[i]);
      }
    }
    return new AllocationCounter(byThread);
  }

  /** The bytes the calling thread has allocated in its life. */
  static long currentThread() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /** The bytes allocated between {@code earlier} and this snapshot by threads alive now. */
  long since(AllocationCounter earlier) {
    long total = 0;
    for (Map.Entry<Long, Long> entry : byThread.entrySet()) {
      total += entry.getValue() - earlier.byThread.getOrDefault(entry.getKey(), 0L);
    }
    return total;
  }
}
