package io.wrpkafka.internal;

import io.wrpkafka.ErrorType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.MDC;

/*
 * An outage fails thousands of records a second; one line per record would bury everything
 * else. Per (error type, topic) this writes the first failure at once, then at most one line per
 * interval carrying the number of failures since the previous line. Between lines a failure
 * costs one map lookup and two atomic operations.
 *
 * A line that is written carries the transaction uuid of the failure that wrote it in the MDC
 * (key transaction_uuid), set just around the line and then restored, because failures complete
 * on the client's I/O thread, where nothing else sets it. The failures the line counts as "more
 * like it" have other uuids, which only the listeners see.
 */
/** Logs failures rate-limited: at most one line per error type and topic per interval. */
public final class FailureLog {
  private static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** The SLF4J MDC key under which log lines about one message carry its transaction uuid. */
  public static final String TRANSACTION_UUID = "transaction_uuid";

  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** At most one line per error type and topic every 10 seconds, on {@code log}. */
  public FailureLog(Logger log) {
    this(log, DEFAULT_INTERVAL_NANOS, System::nanoTime);
  }

  FailureLog(Logger log, long intervalNanos, LongSupplier clock) {
    this.log = log;
    this.intervalNanos = intervalNanos;
    this.clock = clock;
  }

  /** Counts a failure and logs it at error level unless a line for its kind was written lately. */
  public void failed(ErrorType type, String topic, String message) {
    failed(type, topic, message, null);
  }

  /**
   * Like {@link #failed(ErrorType, String, String)}; a line it writes has {@code transactionUuid}
   * (unless null or empty) in the MDC under {@link #TRANSACTION_UUID}. Thread-safe; the MDC of
   * the calling thread is as before when it returns.
   */
  public void failed(ErrorType type, String topic, String message, String transactionUuid) {
    failed(type.label(), topic, message, transactionUuid);
  }

  /**
   * Like {@link #failed(ErrorType, String, String, String)} for a failure labelled {@code label}
   * (an error type's label, or another stable word such as a bridge's {@code bad_request}), one
   * line at most per label and {@code where} (a topic, a path) and interval.
   */
  public void failed(String label, String where, String message, String transactionUuid) {
    Window window = windows.computeIfAbsent(label + '\u0000' + where, k -> new Window());
    long suppressed = window.pass(clock.getAsLong(), intervalNanos);
    if (suppressed < 0) {
      return;
    }
    boolean tagged = transactionUuid != null && !transactionUuid.isEmpty();
    String previous = tagged ? MDC.get(TRANSACTION_UUID) : null;
    if (tagged) {
      MDC.put(TRANSACTION_UUID, transactionUuid);
    }
    try {
      line(label, message, suppressed);
    } finally {
      if (tagged) {
        if (previous == null) {
          MDC.remove(TRANSACTION_UUID);
        } else {
          MDC.put(TRANSACTION_UUID, previous);
        }
      }
    }
  }

  private void line(String label, String message, long suppressed) {
    if (suppressed == 0) {
      log.error("{} (error type {})", message, label);
    } else {
      log.error(
          "{} (error type {}; {} more like it since the last line)",
          message,
          label,
          suppressed);
    }
  }

  /** One kind's count and the time of its last line. */
  private static final class Window {
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastLine = new AtomicLong(Long.MIN_VALUE);

    /** -1 when this failure stays silent, else the number of silent ones it speaks for. */
    long pass(long now, long intervalNanos) {
      long last = lastLine.get();
      if ((last == Long.MIN_VALUE || now - last >= intervalNanos)
          && lastLine.compareAndSet(last, now)) {
        return count.getAndSet(0);
      }
      count.incrementAndGet();
      return -1;
    }
  }
}
