package io.wrpkafka.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * A {@link Logger} for tests that keeps every call: its method, the line with its arguments
 * filled in, and the {@link FailureLog#TRANSACTION_UUID} MDC value at the time of the call.
 * Levels are enabled as given.
 */
public final class RecordingLogger {
  /** One call to the logger. */
  public record Call(String method, String line, String transactionUuid) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Logger logger;

  /** A recording logger with debug enabled or not; every other level is enabled. */
  public RecordingLogger(boolean debugEnabled) {
    this.logger =
        (Logger) Proxy.newProxyInstance(
            Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("isDebugEnabled")) {
                calls.add(new Call(name, null, MDC.get(FailureLog.TRANSACTION_UUID)));
                return debugEnabled;
              }
              if (method.getReturnType() == boolean.class) {
                return true;
              }
              if (args != null && args.length > 0 && args[0] instanceof String format) {
                calls.add(new Call(name, fill(format, args), MDC.get(FailureLog.TRANSACTION_UUID)));
              }
              return null;
            });
  }

  private static String fill(String format, Object[] args) {
    Object[] values = args.length == 2 && args[1] instanceof Object[] all
        ? all : Arrays.copyOfRange(args, 1, args.length);
    String line = format;
    for (Object value : values) {
      line = line.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(value)));
    }
    return line;
  }

  /** The logger to hand to the code under test. */
  public Logger logger() {
    return logger;
  }

  /** Every call so far, in order. */
  public List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** The calls of one method (e.g. {@code "error"}), in order. */
  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }
}
