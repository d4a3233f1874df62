package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QosBandTest {

  @ParameterizedTest(name = "qos {0} is {1}")
  @CsvSource({
    "-1, FIRE_AND_FORGET",
    "0, FIRE_AND_FORGET",
    "24, FIRE_AND_FORGET",
    "25, QUEUED",
    "74, QUEUED",
    "75, ACKNOWLEDGED",
    "99, ACKNOWLEDGED",
    "100, ACKNOWLEDGED"
  })
  void qosFallsIntoItsBand(int qos, QosBand expected) {
    assertThat(QosBand.of(qos)).isEqualTo(expected);
  }
}
