package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {

  @ParameterizedTest(name = "\"{0}\" parses as {1}")
  @CsvSource({"first, FIRST", "FIRST, FIRST", "' all ', ALL", "All, ALL"})
  void parseAcceptsFirstAndAllInAnyCase(String value, Routing expected) {
    assertThat(Routing.parse(value)).isEqualTo(expected);
  }

  @Test
  void parseRejectsOtherValuesListingTheAcceptedOnes() {
    assertThatThrownBy(() -> Routing.parse("every"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("routing: unknown value \"every\" (expected first or all)");
  }
}
