package io.wrpkafka.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import one.profiler.AsyncProfiler;

/*
 * async-profiler (tools.profiler:async-profiler, from Maven Central; its jar carries the native
 * library and extracts it on first use) samples the CPU time of every thread, Java and kernel
 * frames alike, without the safepoint bias of JFR. Kernel frames matter here: page faults, futex
 * waits and socket calls are where a good part of a record's CPU time goes, and JFR does not see
 * them. Samples of several stretches of a run (the rounds of one side) are merged in `stacks`,
 * keyed by async-profiler's collapsed form "[thread tid=N];frame;frame;...". The collapsed file
 * is what flame graph tools read (async-profiler's converter, speedscope, flamegraph.pl).
 */
/**
 * CPU samples by stack and thread, gathered with async-profiler over chosen stretches of a run
 * and merged. Not thread-safe; one profile runs at a time in a JVM.
 */
final class CpuProfile {
  private static final String PAGE_FAULT = "asm_exc_page_fault_[k]";

  private final AsyncProfiler profiler;
  private final Map<String, Long> stacks = new HashMap<>();

  private CpuProfile(AsyncProfiler profiler) {
    this.profiler = profiler;
  }

  /**
   * Loads async-profiler's native library.
   *
   * @throws IllegalStateException when it has no library for this platform (it has one for
   *     Linux x64 and arm64 and for macOS)
   */
  static CpuProfile load() {
    try {
      return new CpuProfile(AsyncProfiler.getInstance());
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException("async-profiler cannot run on "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + e, e);
    }
  }

  /** Starts sampling CPU time every millisecond, by thread. */
  void start() throws IOException {
    profiler.execute("start,event=cpu,interval=1ms,threads");
  }

  /** Stops sampling and adds what was sampled since {@link #start} to this profile. */
  void stop() throws IOException {
    profiler.execute("stop");
    for (String line : profiler.execute("collapsed").split("\n")) {
      int space = line.lastIndexOf(' ');
      if (space > 0) {
        stacks.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)),
            Long::sum);
      }
    }
  }

  /** Writes the merged samples in collapsed form, one stack and its count per line. */
  void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    stacks.forEach((stack, count) -> text.append(stack).append(' ').append(count).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /**
   * Per thread (numbers in names folded, so the threads of a pool are one line): its share of
   * all samples, the share of its own samples in kernel page faults, and its {@code top} frames
   * by samples on the frame itself.
   */
  String summary(int top) {
    return summary(stacks, top);
  }

  /** {@link #summary(int)} of collapsed {@code stacks} and their sample counts. */
  static String summary(Map<String, Long> stacks, int top) {
    Map<String, Map<String, Long>> selfByThread = new HashMap<>();
    Map<String, long[]> counts = new HashMap<>();
    long all = 0;
    for (Map.Entry<String, Long> e : stacks.entrySet()) {
      String[] frames = e.getKey().split(";");
      String thread = frames[0].replaceAll(" tid=\\d+", "").replaceAll("\\d+", "N");
      long n = e.getValue();
      all += n;
      long[] c = counts.computeIfAbsent(thread, t -> new long[2]);
      c[0] += n;
      if (e.getKey().contains(PAGE_FAULT)) {
        c[1] += n;
      }
      selfByThread.computeIfAbsent(thread, t -> new HashMap<>())
          .merge(frames[frames.length - 1], n, Long::sum);
    }
    List<String> threads = new ArrayList<>(counts.keySet());
    threads.sort(Comparator.comparingLong((String t) -> counts.get(t)[0]).reversed());
    StringBuilder text = new StringBuilder();
    for (String thread : threads) {
      long[] c = counts.get(thread);
      text.append(String.format("%5.1f %% %s (page faults %.1f %% of its samples)%n",
          100.0 * c[0] / all, thread, 100.0 * c[1] / c[0]));
      selfByThread.get(thread).entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(top)
          .forEach(f -> text.append(String.format("          %5.1f %% %s%n",
              100.0 * f.getValue() / c[0], f.getKey())));
    }
    return text.toString();
  }
}
