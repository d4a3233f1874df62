package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.BufferState;
import io.wrpkafka.CircuitState;
import io.wrpkafka.Health;
import io.wrpkafka.SpoolBacklog;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status rules of {@link Health}, one row per rule. */
class HealthRulesTest {

  /**
   * A running publisher with a closed circuit, an empty buffer of 100 records, no errors and an
   * acknowledgement a second ago, changed by {@code change}.
   */
  private static HealthRules.Facts facts(String change) {
    String notRunning = null;
    CircuitState circuit = CircuitState.CLOSED;
    BufferState buffer = new BufferState(0, 100, 0, 1_000_000);
    Optional<SpoolBacklog> spool = Optional.empty();
    Duration quiet = Duration.ofSeconds(1);
    double errors = 0;
    switch (change) {
      case "none" -> { }
      case "not started" -> notRunning = "not started";
      case "stopped" -> notRunning = "stopped";
      case "circuit open" -> circuit = CircuitState.OPEN;
      case "circuit half-open" -> circuit = CircuitState.HALF_OPEN;
      case "buffer 81 % full" -> buffer = new BufferState(81, 100, 0, 1_000_000);
      case "buffer 80 % full" -> buffer = new BufferState(80, 100, 0, 1_000_000);
      case "buffer bytes 90 % full" -> buffer = new BufferState(1, 100, 900_000, 1_000_000);
      case "spool full" -> spool = Optional.of(new SpoolBacklog(5, 500, Optional.empty(), true));
      case "spool not full" ->
          spool = Optional.of(new SpoolBacklog(5, 500, Optional.of(Duration.ofSeconds(3)), false));
      case "recent errors" -> errors = 0.02;
      case "records wait 10 s without an ack" -> {
        buffer = new BufferState(3, 100, 300, 1_000_000);
        quiet = Duration.ofSeconds(10);
      }
      case "records wait 9 s without an ack" -> {
        buffer = new BufferState(3, 100, 300, 1_000_000);
        quiet = Duration.ofSeconds(9);
      }
      case "idle 1 h without an ack" -> quiet = Duration.ofHours(1);
      default -> throw new IllegalArgumentException(change);
    }
    return new HealthRules.Facts(notRunning, circuit, "no broker reachable for 10000ms", buffer,
        spool, Optional.of(quiet), quiet, Duration.ofSeconds(10), errors, 0);
  }

  @ParameterizedTest(name = "{0}: {1}, reason containing \"{2}\"")
  @CsvSource(delimiter = '|', textBlock = """
      none                              | UP       |
      not started                       | DOWN     | publisher not started
      stopped                           | DOWN     | publisher stopped
      circuit open                      | DOWN     | circuit open: no broker reachable
      circuit half-open                 | DOWN     | circuit half-open
      buffer 81 % full                  | DEGRADED | buffer 81% full (81/100 records
      buffer 80 % full                  | UP       |
      buffer bytes 90 % full            | DEGRADED | 900000/1000000 bytes
      spool full                        | DEGRADED | spool full
      spool not full                    | UP       |
      recent errors                     | DEGRADED | records failing or refused: 0.02/s
      records wait 10 s without an ack  | DEGRADED | no acknowledgement for 10s while 3 records wait
      records wait 9 s without an ack   | UP       |
      idle 1 h without an ack           | UP       |
      """)
  void statusAndReason(String change, Health.Status status, String reason) {
    Health health = HealthRules.judge(facts(change));

    assertThat(health.status()).isEqualTo(status);
    if (reason == null) {
      assertThat(health.reasons()).isEmpty();
    } else {
      assertThat(health.reasons()).anySatisfy(r -> assertThat(r).contains(reason));
    }
  }

  @Test
  void downOutranksDegradedAndEveryReasonIsListed() {
    HealthRules.Facts open = facts("circuit open");
    HealthRules.Facts openAndErrors = new HealthRules.Facts(null, open.circuit(),
        open.openReason(), open.buffer(), open.spool(), open.sinceLastAcknowledgement(),
        open.quietFor(), open.ackStaleAfter(), 3.5, 0);

    Health health = HealthRules.judge(openAndErrors);

    assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    assertThat(health.reasons()).hasSize(2);
    assertThat(health.reasons().get(0)).startsWith("circuit open");
    assertThat(health.reasons().get(1)).startsWith("records failing or refused: 3.50/s");
  }
}
