package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyTypeTest {

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "application/msgpack | MSGPACK",
        "Application/MsgPack | MSGPACK",
        "application/msgpack; charset=binary | MSGPACK",
        "  application/x-msgpack  | MSGPACK",
        "application/json | JSON",
        "application/json;charset=UTF-8 | JSON",
        "application/x-ndjson | NDJSON",
        "application/jsonl | NDJSON",
        "text/plain | UNSUPPORTED",
        "application/msgpackx | UNSUPPORTED",
        "'' | UNSUPPORTED",
        "NULL | UNSUPPORTED"
      })
  void contentTypeIsReadIgnoringCaseAndParameters(String contentType, BodyType expected) {
    assertThat(BodyType.of(contentType)).isEqualTo(expected);
  }
}
