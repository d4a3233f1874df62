package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTypeTest {

  @ParameterizedTest(name = "{0} has code {1}")
  @CsvSource({"AUTHORIZATION, 2", "SIMPLE_REQUEST_RESPONSE, 3", "SIMPLE_EVENT, 4", "CREATE, 5",
      "RETRIEVE, 6", "UPDATE, 7", "DELETE, 8", "SERVICE_REGISTRATION, 9", "SERVICE_ALIVE, 10",
      "UNKNOWN, 11"})
  void typeHasItsWrpCodeBothWays(MessageType type, int code) {
    assertThat(type.code()).isEqualTo(code);
    assertThat(MessageType.fromCode(code)).isSameAs(type);
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(longs = {Long.MIN_VALUE, -1, 0, 1, 12, 256, Integer.MAX_VALUE + 3L})
  void unknownCodeIsAFormatError(long code) {
    assertThatThrownBy(() -> MessageType.fromCode(code))
        .isExactlyInstanceOf(WrpFormatException.class)
        .hasMessage("msg_type: unknown code " + code + " (expected 2 to 11)");
  }
}
