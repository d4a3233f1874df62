package io.wrpkafka.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/*
 * A thread that hands each record to another thread and then parks makes the scheduler switch
 * threads for every record, which on a two-core machine costs more CPU than the record's own
 * work. Linux counts switches per thread in /proc/self/task/<tid>/status. A snapshot keeps each
 * live thread's count; the switches since a snapshot are, for every thread alive now, its count
 * less its count in the snapshot (0 for a thread started since). A thread that ended in between
 * is missed, so the figure is a lower bound; a plain sum over live threads, subtracted, went
 * negative whenever a pool thread ended during a mode. Elsewhere the count is unknown (-1).
 */
/** Context switches of this JVM's threads, from Linux's /proc. */
final class ContextSwitches {
  private static final Path TASKS = Path.of("/proc/self/task");

  private final Map<String, Long> byThread;

  private ContextSwitches(Map<String, Long> byThread) {
    this.byThread = byThread;
  }

  /** The voluntary plus involuntary switches of each live thread so far. */
  static ContextSwitches snapshot() {
    return snapshot(TASKS);
  }

  /** As {@link #snapshot()}, from the task directories under {@code tasks}. */
  static ContextSwitches snapshot(Path tasks) {
    return new ContextSwitches(read(tasks));
  }

  /**
   * The switches of the threads alive now since {@code this} snapshot was taken, counting
   * threads started since in full; -1 when /proc has no counts (not Linux). Never negative.
   */
  long since() {
    return since(TASKS);
  }

  /** As {@link #since()}, from the task directories under {@code tasks}. */
  long since(Path tasks) {
    if (byThread == null) {
      return -1;
    }
    Map<String, Long> now = read(tasks);
    if (now == null) {
      return -1;
    }
    long total = 0;
    for (Map.Entry<String, Long> thread : now.entrySet()) {
      total += Math.max(0, thread.getValue() - byThread.getOrDefault(thread.getKey(), 0L));
    }
    return total;
  }

  /** Switches by task id under {@code tasks}; null when there is no such directory. */
  private static Map<String, Long> read(Path tasks) {
    if (!Files.isDirectory(tasks)) {
      return null;
    }
    Map<String, Long> counts = new HashMap<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
      for (Path task : all) {
        long count = 0;
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              count += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (IOException | NumberFormatException e) {
          continue; // the thread ended while we read it
        }
        counts.put(task.getFileName().toString(), count);
      }
    } catch (IOException e) {
      return null;
    }
    return counts;
  }
}
