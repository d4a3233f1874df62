package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.internal.FailureLog;
import io.wrpkafka.internal.RecordingLogger;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ProduceLogTest {
  private static final Message MESSAGE =
      Message.builder()
          .type(MessageType.SIMPLE_EVENT)
          .source("mac:112233445566")
          .destination("event:device-status/mac:112233445566/online")
          .transactionUuid("tx-42")
          .payload("payload-must-not-show".getBytes(StandardCharsets.UTF_8))
          .qualityOfService(90)
          .build();
  private static final List<Destination> TWO_TOPICS =
      List.of(
          new Destination("lifecycle", "mac:112233445566", List.of(), "single", "online"),
          new Destination("audit", "mac:112233445566", List.of(), "single", "online"));

  @AfterEach
  void clearMdc() {
    MDC.remove(FailureLog.TRANSACTION_UUID);
  }

  @Test
  void enabledAsksTheLoggerOnceAndNothingElse() {
    RecordingLogger recorded = new RecordingLogger(false);

    assertThat(new ProduceLog(recorded.logger()).enabled()).isFalse();

    assertThat(recorded.calls()).extracting(RecordingLogger.Call::method)
        .containsExactly("isDebugEnabled");
  }

  @Test
  void theLineNamesDestinationTopicsAndOutcome() {
    RecordingLogger recorded = new RecordingLogger(true);

    new ProduceLog(recorded.logger())
        .produced(MESSAGE, TWO_TOPICS, new ProduceResult(Outcome.ACCEPTED, null));

    assertThat(recorded.calls("debug")).singleElement().extracting(RecordingLogger.Call::line)
        .isEqualTo("produce qos 90 for event:device-status/mac:112233445566/online"
            + " to topics [lifecycle, audit]: ACCEPTED");
  }

  @Test
  void aFailedOutcomeShowsItsErrorTypeAndReasonButNotThePayload() {
    RecordingLogger recorded = new RecordingLogger(true);
    PublishException error = new PublishException(ErrorType.NO_TOPIC_MATCH, "no route matched");

    new ProduceLog(recorded.logger())
        .produced(MESSAGE, null, new ProduceResult(Outcome.FAILED, error));

    assertThat(recorded.calls("debug")).singleElement().extracting(RecordingLogger.Call::line)
        .asString()
        .endsWith("to topics []: FAILED (no_topic_match: no route matched)")
        .doesNotContain("payload-must-not-show");
  }

  @Test
  void aPendingAsyncOutcomeSaysSo() {
    RecordingLogger recorded = new RecordingLogger(true);

    new ProduceLog(recorded.logger()).produced(MESSAGE, TWO_TOPICS, null);

    assertThat(recorded.calls("debug")).singleElement().extracting(RecordingLogger.Call::line)
        .asString().endsWith(": pending (produceAsync)");
  }

  @Test
  void theLineCarriesTheTransactionUuidInTheMdcAndClearsItAfter() {
    RecordingLogger recorded = new RecordingLogger(true);

    new ProduceLog(recorded.logger())
        .produced(MESSAGE, TWO_TOPICS, new ProduceResult(Outcome.ACCEPTED, null));

    assertThat(recorded.calls("debug")).singleElement()
        .extracting(RecordingLogger.Call::transactionUuid).isEqualTo("tx-42");
    assertThat(MDC.get(FailureLog.TRANSACTION_UUID)).isNull();
  }
}
