package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerTest {

  @ParameterizedTest(name = "outcome {0} with id [{1}]")
  @CsvSource(
      nullValues = "null",
      value = {
        "QUEUED, 6f4ef546-7057-48a2-ab85-add3fb496c2c",
        "ATTEMPTED, null",
        "ACCEPTED, ''",
        "QUEUED, 'tx\"quoted\\back'",
        "QUEUED, 'tab\there'",
      })
  void anOutcomeAnswerReadsAsTheSameJsonAsVertxWouldWrite(String outcome, String id) {
    JsonObject expected = new JsonObject().put("outcome", outcome);
    if (id != null && !id.isEmpty()) {
      expected.put(CorrelationId.FIELD, id);
    }

    String encoded = new Answer(202, new JsonObject().put("outcome", outcome)).encode(id);

    assertThat(new JsonObject(encoded)).isEqualTo(expected);
  }

  @Test
  void anOutcomeAnswerIsWrittenCompactWithTheIdLast() {
    assertThat(new Answer(202, new JsonObject().put("outcome", "QUEUED")).encode("tx-1"))
        .isEqualTo("{\"outcome\":\"QUEUED\",\"transactionUuid\":\"tx-1\"}");
  }

  @Test
  void anErrorAnswerGetsTheIdInItsBody() {
    Answer answer = Answer.error(503, "buffer_full", "no room");

    assertThat(new JsonObject(answer.encode("tx-2")))
        .isEqualTo(new JsonObject().put("error", "no room").put("errorType", "buffer_full")
            .put(CorrelationId.FIELD, "tx-2"));
  }
}
