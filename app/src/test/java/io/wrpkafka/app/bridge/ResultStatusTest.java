package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.ErrorType;
import io.wrpkafka.Outcome;
import io.wrpkafka.ProduceResult;
import io.wrpkafka.PublishException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultStatusTest {

  @ParameterizedTest(name = "{0} ({1}) is {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "ACCEPTED, NULL, 200",
        "QUEUED, NULL, 202",
        "ATTEMPTED, NULL, 202",
        "DROPPED, BUFFER_FULL, 503",
        "DROPPED, CIRCUIT_OPEN, 503",
        "DROPPED, NO_TOPIC_MATCH, 422",
        "FAILED, BROKER_ERROR, 502",
        "FAILED, TIMEOUT, 504",
        "FAILED, NO_TOPIC_MATCH, 422",
        "FAILED, VALIDATION_ERROR, 422",
        "FAILED, ENCODING_ERROR, 400",
        "FAILED, RECORD_TOO_LARGE, 413",
        "FAILED, PUBLISHER_CLOSED, 503",
        "FAILED, NOT_STARTED, 503",
        "FAILED, BUFFER_FULL, 503",
        "FAILED, UNKNOWN, 502"
      })
  void outcomeMapsToItsStatus(Outcome outcome, ErrorType errorType, int status) {
    ProduceResult result =
        new ProduceResult(outcome, errorType == null ? null : new PublishException(errorType, "why"));

    assertThat(ResultStatus.of(result)).isEqualTo(status);
  }
}
