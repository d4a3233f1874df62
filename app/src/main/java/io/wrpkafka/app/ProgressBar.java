package io.wrpkafka.app;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn a few times a second; on a non-terminal output it prints only
 * the final line, so logs stay readable.
 */
final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final LongSupplier done;
  private final boolean interactive;
  private final ScheduledExecutorService ticker;
  private final long startNanos = System.nanoTime();

  private ProgressBar(PrintStream out, String label, long total, LongSupplier done) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.done = done;
    this.interactive = System.console() != null;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "wrpkafka-progress");
      thread.setDaemon(true);
      return thread;
    });
  }

  static ProgressBar start(PrintStream out, String label, long total, LongSupplier done) {
    ProgressBar bar = new ProgressBar(out, label, total, done);
    if (bar.interactive) {
      bar.ticker.scheduleAtFixedRate(() -> bar.draw('\r'), 0, 200, TimeUnit.MILLISECONDS);
    }
    return bar;
  }

  private synchronized void draw(char end) {
    long now = done.getAsLong();
    int filled = (int) (WIDTH * Math.min(now, total) / total);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf("\r%s [%s%s] %,d/%,d  %,.0f msg/s%c", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
        now, total, seconds > 0 ? now / seconds : 0.0, end);
    out.flush();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw('\n');
  }
}
