package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The breaker's state machine alone, on a fake clock (openAfter 10 s, probeInterval 2 s). */
class CircuitBreakerTest {
  private long now = 1_000_000_000L;
  private final List<String> transitions = new ArrayList<>();
  private final CircuitBreaker breaker =
      new CircuitBreaker(Duration.ofSeconds(10), Duration.ofSeconds(2), () -> now,
          (from, to, reason) -> transitions.add(from + "->" + to));

  private void advance(long millis) {
    now += millis * 1_000_000L;
  }

  /**
   * Each step is one input to the breaker: {@code +N} advances the clock N ms; {@code probe}
   * starts a probe; {@code fail} a probe that started now fails; {@code ok} a broker answers;
   * {@code send} a send fails with a retryable error; {@code check} is a tick.
   */
  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      a fresh breaker is closed                          | check                                  | CLOSED
      evidence younger than openAfter keeps it closed    | fail +9999 check                       | CLOSED
      evidence openAfter old opens it on a tick          | fail +10000 check                      | OPEN
      a later probe failure opens it once due            | fail +10000 fail                       | OPEN
      retryable send failures alone open it              | send +10000 send                       | OPEN
      an acknowledgement ends the streak                 | fail +9000 ok +1000 fail check         | CLOSED
      an open circuit turns half-open when it probes     | fail +10000 check +2000 probe          | HALF_OPEN
      a failed probe while half-open opens it again      | fail +10000 check +2000 probe fail     | OPEN
      a probe answered while half-open closes it         | fail +10000 check +2000 probe ok       | CLOSED
      an acknowledgement closes an open circuit          | fail +10000 check ok                   | CLOSED
      a send failure while open changes nothing          | fail +10000 check +2000 probe send     | HALF_OPEN
      after closing a new streak needs openAfter again   | fail +10000 check ok fail +5000 check  | CLOSED
      """)
  void stateAfterTheSteps(String name, String steps, CircuitState expected) {
    for (String step : steps.trim().split("\\s+")) {
      switch (step) {
        case "probe" -> breaker.probing();
        case "fail" -> breaker.probeFailed("refused", now);
        case "ok" -> breaker.reachable("answered");
        case "send" -> breaker.sendFailed("timeout");
        case "check" -> breaker.check();
        default -> advance(Long.parseLong(step.substring(1)));
      }
    }

    assertThat(breaker.state()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: probe due {3}")
  @CsvSource(delimiter = '|', textBlock = """
      closed without evidence and with a connection | ok           | false | false
      closed without a broker connection            | ok           | true  | true
      closed with fresh evidence                    | fail         | false | true
      open                                          | fail +10000 check | false | true
      """)
  void probeIsDueOnlyWithAReason(String name, String steps, boolean suspect, boolean due) {
    for (String step : steps.trim().split("\\s+")) {
      switch (step) {
        case "fail" -> breaker.probeFailed("refused", now);
        case "ok" -> breaker.reachable("answered");
        case "check" -> breaker.check();
        default -> advance(Long.parseLong(step.substring(1)));
      }
    }

    assertThat(breaker.probeDue(suspect)).isEqualTo(due);
  }

  @Test
  void probesAreAtLeastAProbeIntervalApart() {
    breaker.probing();
    advance(1999);
    assertThat(breaker.probeDue(true)).isFalse();
    advance(1);
    assertThat(breaker.probeDue(true)).isTrue();
  }

  @Test
  void eachTransitionIsReportedOnceInOrder() {
    breaker.probeFailed("refused", now);
    advance(10_000);
    breaker.check();
    breaker.check();
    advance(2_000);
    breaker.probing();
    breaker.probeFailed("refused", now);
    advance(2_000);
    breaker.probing();
    breaker.reachable("answered");
    breaker.reachable("answered");

    assertThat(transitions).containsExactly(
        "CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN",
        "HALF_OPEN->CLOSED");
  }

  @Test
  void theOpenReasonSaysForHowLongAndTheLastFailure() {
    breaker.probeFailed("probe failed: TimeoutException", now);
    advance(10_000);
    breaker.check();

    assertThat(breaker.openReason())
        .isEqualTo("no broker reachable for 10000ms; last: probe failed: TimeoutException");
  }
}
