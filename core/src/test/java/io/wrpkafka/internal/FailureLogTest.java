package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.ErrorType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

class FailureLogTest {
  private final List<String> lines = new ArrayList<>();
  private long now;

  /** A logger that keeps each error line with its arguments filled in. */
  private Logger recording() {
    return (Logger) Proxy.newProxyInstance(
        Logger.class.getClassLoader(),
        new Class<?>[] {Logger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("error")) {
            String line = (String) args[0];
            Object[] values = args.length == 2 && args[1] instanceof Object[] all ? all
                : java.util.Arrays.copyOfRange(args, 1, args.length);
            for (Object value : values) {
              line = line.replaceFirst("\\{}", String.valueOf(value));
            }
            lines.add(line);
          }
          return method.getReturnType() == boolean.class ? true : null;
        });
  }

  @Test
  void theFirstFailureOfAKindIsLoggedAtOnce() {
    FailureLog log = new FailureLog(recording(), 10, () -> now);

    log.failed(ErrorType.TIMEOUT, "a", "record for topic a failed");

    assertThat(lines).containsExactly("record for topic a failed (error type timeout)");
  }

  @Test
  void repeatsWithinTheIntervalAreCountedNotLogged() {
    FailureLog log = new FailureLog(recording(), 10, () -> now);

    for (int i = 0; i < 1000; i++) {
      log.failed(ErrorType.TIMEOUT, "a", "record for topic a failed");
    }

    assertThat(lines).hasSize(1);
  }

  @Test
  void eachErrorTypeAndTopicHasItsOwnLine() {
    FailureLog log = new FailureLog(recording(), 10, () -> now);

    log.failed(ErrorType.TIMEOUT, "a", "x");
    log.failed(ErrorType.TIMEOUT, "b", "y");
    log.failed(ErrorType.AUTHENTICATION_ERROR, "a", "z");

    assertThat(lines).hasSize(3);
  }

  @Test
  void theNextLineAfterTheIntervalSaysHowManyWereSilent() {
    FailureLog log = new FailureLog(recording(), 10, () -> now);
    log.failed(ErrorType.TIMEOUT, "a", "first");
    now = 5;
    log.failed(ErrorType.TIMEOUT, "a", "silent");
    log.failed(ErrorType.TIMEOUT, "a", "silent");

    now = 10;
    log.failed(ErrorType.TIMEOUT, "a", "fourth");

    assertThat(lines).containsExactly(
        "first (error type timeout)",
        "fourth (error type timeout; 2 more like it since the last line)");
  }

  @Test
  void aLineCarriesTheTransactionUuidOfItsFailureInTheMdc() {
    RecordingLogger recorded = new RecordingLogger(false);
    FailureLog log = new FailureLog(recorded.logger(), 10, () -> now);

    log.failed(ErrorType.TIMEOUT, "a", "record for topic a failed", "tx-1");

    assertThat(recorded.calls("error"))
        .extracting(RecordingLogger.Call::transactionUuid)
        .containsExactly("tx-1");
  }

  @Test
  void theMdcIsClearedAfterTheLine() {
    FailureLog log = new FailureLog(new RecordingLogger(false).logger(), 10, () -> now);

    log.failed(ErrorType.TIMEOUT, "a", "record for topic a failed", "tx-1");

    assertThat(MDC.get(FailureLog.TRANSACTION_UUID)).isNull();
  }

  @Test
  void theCallersMdcValueIsRestoredAfterTheLine() {
    FailureLog log = new FailureLog(new RecordingLogger(false).logger(), 10, () -> now);
    MDC.put(FailureLog.TRANSACTION_UUID, "callers");
    try {
      log.failed(ErrorType.TIMEOUT, "a", "record for topic a failed", "tx-1");

      assertThat(MDC.get(FailureLog.TRANSACTION_UUID)).isEqualTo("callers");
    } finally {
      MDC.remove(FailureLog.TRANSACTION_UUID);
    }
  }

  @Test
  void aFailureWithoutTransactionUuidLeavesTheMdcAlone() {
    RecordingLogger recorded = new RecordingLogger(false);
    FailureLog log = new FailureLog(recorded.logger(), 10, () -> now);

    log.failed(ErrorType.TIMEOUT, "a", "record for topic a failed", "");

    assertThat(recorded.calls("error")).extracting(RecordingLogger.Call::transactionUuid)
        .containsOnlyNulls().hasSize(1);
  }
}
