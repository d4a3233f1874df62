package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircuitBreakerConfigTest {

  @Test
  void publishersHaveABreakerWithTheDesignDefaults() {
    CircuitBreakerConfig breaker =
        PublisherConfig.builder().brokers("localhost:9092")
            .initialDynamicConfig(DynamicConfig.builder().topicMap(java.util.List.of(
                TopicRoute.builder().pattern("*").topic("t").build())).build())
            .build().circuitBreaker();

    assertThat(breaker.enabled()).isTrue();
    assertThat(breaker.openAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(breaker.probeInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void disabledTurnsItOff() {
    assertThat(CircuitBreakerConfig.disabled().enabled()).isFalse();
  }

  @Test
  void toBuilderKeepsEveryValue() {
    CircuitBreakerConfig config = CircuitBreakerConfig.builder().enabled(false)
        .openAfter(Duration.ofSeconds(3)).probeInterval(Duration.ofMillis(500)).build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @ParameterizedTest(name = "openAfter {0}, probeInterval {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      PT0S  | PT2S      | openAfter: must be positive (got PT0S)
      PT-1S | PT2S      | openAfter: must be positive
      PT10S | PT0.009S  | probeInterval: must be at least 10ms (got PT0.009S)
      PT10S | PT1000H   | probeInterval: at most 2147483647ms
      """)
  void buildNamesTheFieldItRejects(Duration openAfter, Duration probeInterval, String message) {
    CircuitBreakerConfig.Builder builder =
        CircuitBreakerConfig.builder().openAfter(openAfter).probeInterval(probeInterval);

    assertThatThrownBy(builder::build).isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
