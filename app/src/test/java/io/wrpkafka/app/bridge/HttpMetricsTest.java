package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpMetricsTest {
  private static final List<String> ROUTES = List.of("/api/v4/notify", "/healthz");

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final HttpMetrics metrics = new HttpMetrics(registry, ROUTES);

  static Stream<Arguments> labels() {
    return Stream.of(
        Arguments.of("an endpoint", HttpMethod.POST, "/api/v4/notify", 202,
            "/api/v4/notify", "POST", "202"),
        Arguments.of("another endpoint and method", HttpMethod.GET, "/healthz", 200,
            "/healthz", "GET", "200"),
        Arguments.of("a path that is no endpoint", HttpMethod.GET, "/no/such/path", 404,
            HttpMetrics.NO_ROUTE, "GET", "404"),
        Arguments.of("a method nobody standardised", HttpMethod.valueOf("BREW"), "/healthz", 405,
            "/healthz", "OTHER", "405"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labels")
  void anAnsweredRequestIsCountedAndTimedUnderBoundedLabels(String name, HttpMethod method,
      String path, int status, String route, String methodLabel, String code) {
    metrics.started(method);
    metrics.ended(method, path, status, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(3));

    assertThat(registry.get(HttpMetrics.REQUESTS)
        .tags("route", route, "method", methodLabel, "code", code).counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get(HttpMetrics.RESPONSE_TIME)
        .tags("route", route, "method", methodLabel, "code", code).timer()
        .totalTime(TimeUnit.MILLISECONDS))
        .isGreaterThanOrEqualTo(3.0);
  }

  @Test
  void answersOfOneRouteMethodAndStatusShareTheirMeters() {
    for (int i = 0; i < 3; i++) {
      metrics.started(HttpMethod.POST);
      metrics.ended(HttpMethod.POST, "/api/v4/notify", 202, System.nanoTime());
    }
    metrics.started(HttpMethod.POST);
    metrics.ended(HttpMethod.POST, "/api/v4/notify", 503, System.nanoTime());

    assertThat(registry.get(HttpMetrics.REQUESTS).tag("code", "202").counter().count())
        .isEqualTo(3.0);
    assertThat(registry.get(HttpMetrics.RESPONSE_TIME).tag("code", "202").timer().count())
        .isEqualTo(3);
    assertThat(registry.get(HttpMetrics.REQUESTS).tag("code", "503").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void activeRequestsCountThoseTakenAndNotYetAnswered() {
    metrics.started(HttpMethod.POST);
    metrics.started(HttpMethod.POST);
    metrics.started(HttpMethod.GET);
    metrics.ended(HttpMethod.POST, "/api/v4/notify", 202, System.nanoTime());

    assertThat(registry.get(HttpMetrics.ACTIVE).tag("method", "POST").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get(HttpMetrics.ACTIVE).tag("method", "GET").gauge().value())
        .isEqualTo(1.0);
  }

  @Test
  void anInvalidRequestAnsweredBeforeRoutingIsCountedWithoutARoute() {
    metrics.answeredUnrouted(HttpMethod.GET, 431, TimeUnit.MILLISECONDS.toNanos(1));

    assertThat(registry.get(HttpMetrics.REQUESTS)
        .tags("route", HttpMetrics.NO_ROUTE, "method", "GET", "code", "431").counter().count())
        .isEqualTo(1.0);
  }
}
