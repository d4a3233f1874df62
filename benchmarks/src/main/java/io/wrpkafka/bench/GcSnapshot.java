package io.wrpkafka.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The collection count and time of all garbage collectors of this JVM at one instant.
 *
 * @param count collections so far
 * @param millis collection time so far
 */
record GcSnapshot(long count, long millis) {

  /** Reads the collectors now. */
  static GcSnapshot now() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new GcSnapshot(count, millis);
  }

  /** The collections between {@code earlier} and this snapshot. */
  GcSnapshot since(GcSnapshot earlier) {
    return new GcSnapshot(count - earlier.count, millis - earlier.millis);
  }
}
