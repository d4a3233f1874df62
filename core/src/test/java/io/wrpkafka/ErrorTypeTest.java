package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorTypeTest {

  @ParameterizedTest(name = "{0} is labelled {1}")
  @CsvSource({
      "ENCODING_ERROR, encoding_error", "NO_TOPIC_MATCH, no_topic_match",
      "BUFFER_FULL, buffer_full", "BROKER_ERROR, broker_error", "TIMEOUT, timeout",
      "VALIDATION_ERROR, validation_error", "NOT_STARTED, not_started",
      "MISSING_METADATA_FIELD, missing_metadata_field"})
  void labelsMatchTheGoImplementation(ErrorType type, String label) {
    assertThat(type.label()).isEqualTo(label);
  }

  @ParameterizedTest(name = "{0} is labelled by its lower-case name")
  @EnumSource(ErrorType.class)
  void everyLabelIsTheLowerCaseName(ErrorType type) {
    assertThat(type.label()).isEqualTo(type.name().toLowerCase());
  }

  @Test
  void labelsAreDistinct() {
    assertThat(Arrays.stream(ErrorType.values()).map(ErrorType::label)).doesNotHaveDuplicates();
  }

  @Test
  void publishExceptionCarriesItsErrorType() {
    PublishException e = new PublishException(ErrorType.TIMEOUT, "topic t: no ack");
    assertThat(e.errorType()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(e).hasMessage("topic t: no ack");
  }
}
