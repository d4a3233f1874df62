package io.wrpkafka.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/*
 * A thread that hands each record to another thread and then parks makes the scheduler switch
 * threads for every record, which on a two-core machine costs more CPU than the record's own
 * work. Linux counts switches per thread in /proc/self/task/<tid>/status; summing them over the
 * live threads before and after a mode gives the switches per record (threads that end in
 * between are missed). Elsewhere the count is unknown (-1).
 */
/** Context switches of this JVM's live threads, from Linux's /proc. */
final class ContextSwitches {
  private static final Path TASKS = Path.of("/proc/self/task");

  private ContextSwitches() {}

  /** Voluntary plus involuntary switches of this JVM's live threads so far; -1 if unknown. */
  static long total() {
    if (!Files.isDirectory(TASKS)) {
      return -1;
    }
    long total = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (IOException | NumberFormatException e) {
          // the thread ended while we read it
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }
}
