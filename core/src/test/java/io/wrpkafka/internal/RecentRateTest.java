package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Events per second over the last minute, on a fake clock. */
class RecentRateTest {
  private long now = TimeUnit.HOURS.toNanos(1);

  @ParameterizedTest(name = "{0} events, then {1} s later: {2}/s")
  @CsvSource({
      "0, 0, 0.0",
      "60, 0, 1.0",
      "120, 30, 2.0",
      "60, 54, 1.0",
      "60, 65, 0.0",
      "60, 3600, 0.0"})
  void rateOverTheLastMinute(int events, int secondsLater, double perSecond) {
    RecentRate rate = new RecentRate(() -> now);
    for (int i = 0; i < events; i++) {
      rate.increment();
    }
    now += TimeUnit.SECONDS.toNanos(secondsLater);

    assertThat(rate.perSecond()).isEqualTo(perSecond);
  }

  @ParameterizedTest(name = "a bucket reused after {0} s counts only its new events")
  @CsvSource({"60", "120", "3600"})
  void aReusedBucketStartsFromZero(int secondsLater) {
    RecentRate rate = new RecentRate(() -> now);
    for (int i = 0; i < 600; i++) {
      rate.increment();
    }
    now += TimeUnit.SECONDS.toNanos(secondsLater);
    for (int i = 0; i < 6; i++) {
      rate.increment();
    }

    assertThat(rate.perSecond()).isEqualTo(0.1);
  }
}
