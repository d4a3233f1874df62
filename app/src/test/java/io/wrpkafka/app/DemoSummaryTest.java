package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.QosBand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoSummaryTest {

  @ParameterizedTest(name = "{0} is printed as \"{1}\"")
  @CsvSource({
      "FIRE_AND_FORGET, '0-24 fire-and-forget'",
      "QUEUED,          '25-74 queued, retried'",
      "ACKNOWLEDGED,    '75-99 acknowledged'",
  })
  void bandRowIsLabelledWithItsRangeAndPromise(QosBand band, String label) {
    assertThat(DemoSummary.label(band)).isEqualTo(label);
  }
}
