package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrelationIdTest {

  @ParameterizedTest(name = "uuid \"{0}\", webpa \"{1}\", request-id \"{2}\" -> \"{3}\"")
  @CsvSource(
      nullValues = "null",
      value = {
        "tx-1, hdr-1, req-1, tx-1",
        "'', hdr-1, req-1, hdr-1",
        "'   ', null, req-1, req-1",
        "null, null, req-1, req-1",
        "'', '', '', null",
        "null, null, null, null",
        "' tx-2 ', null, null, tx-2",
        "'tx-é', null, null, tx-_",
      })
  void theMessagesUuidWinsThenTheWebpaHeaderThenTheRequestId(
      String transactionUuid, String webpa, String requestId, String expected) {
    assertThat(CorrelationId.of(transactionUuid, webpa, requestId)).isEqualTo(expected);
  }

  @Test
  void lineBreaksAndSpacesCannotForgeAHeaderOrALogLine() {
    assertThat(CorrelationId.of("tx 3\r\nforged: yes", null, null)).isEqualTo("tx_3__forged:_yes");
  }

  @ParameterizedTest(name = "{0} characters are kept to at most 128")
  @CsvSource({"128", "129", "4000"})
  void aLongIdIsCutToMaxLength(int length) {
    assertThat(CorrelationId.of("x".repeat(length), null, null)).hasSize(128);
  }
}
