package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DashboardQueriesTest {
  static Stream<Arguments> expressions() {
    return Stream.of(
        Arguments.of("up", List.of("up")),
        Arguments.of("sum by (topic) (rate(wrpkafka_messages_published_total[$__rate_interval]))",
            List.of("wrpkafka_messages_published_total")),
        Arguments.of("sum(rate(a_total{error_type!=\"x_total\", topic=~\"$topic\"}[5m])) by (le, qos_band)",
            List.of("a_total")),
        Arguments.of("histogram_quantile(0.99, sum by (le) (rate(d_seconds_bucket{result=\"success\"}[1m])))",
            List.of("d_seconds_bucket")),
        Arguments.of("a_sum / ignoring (result) group_left (x) b_count", List.of("a_sum", "b_count")),
        Arguments.of("max_over_time(g[5m] offset 1h) > 0.8 and on (instance) h == bool 1e3",
            List.of("g", "h")),
        Arguments.of("rate(c_total[${__range}])", List.of("c_total")),
        Arguments.of("sum without (code) (rate(vertx_http_server_requests_total[5m])) or vector(0)",
            List.of("vertx_http_server_requests_total")));
  }

  @ParameterizedTest
  @MethodSource("expressions")
  void metricNamesAreTheSelectorsNotFunctionsLabelsOrLiterals(String expr, List<String> names) {
    assertThat(DashboardQueries.metricNames(expr)).containsExactlyElementsOf(names);
  }

  static Stream<Arguments> names() {
    Map<String, String> families = Map.of(
        "req_total", "counter", "req", "counter", "sent_total", "counter", "lat_seconds", "histogram",
        "resp_seconds", "summary", "resp_seconds_max", "gauge", "buffer_records", "gauge");
    return Stream.of(
        Arguments.of("req_total", families, true),
        Arguments.of("lat_seconds_bucket", families, true),
        Arguments.of("lat_seconds_count", families, true),
        Arguments.of("lat_seconds_sum", families, true),
        Arguments.of("resp_seconds_count", families, true),
        Arguments.of("resp_seconds_max", families, true),
        Arguments.of("resp_seconds_bucket", families, false),
        Arguments.of("buffer_records_count", families, false),
        Arguments.of("buffer_records_total", families, false),
        Arguments.of("lat_seconds", families, false),
        Arguments.of("resp_seconds", families, false),
        Arguments.of("sent_total", families, true),
        Arguments.of("sent_total_total", families, false),
        Arguments.of("no_such_metric", families, false));
  }

  @ParameterizedTest
  @MethodSource("names")
  void aSuffixCountsOnlyForTheFamilyTypeThatHasIt(String name, Map<String, String> families, boolean exported) {
    assertThat(DashboardQueries.exported(name, families)).as(name).isEqualTo(exported);
  }
}
