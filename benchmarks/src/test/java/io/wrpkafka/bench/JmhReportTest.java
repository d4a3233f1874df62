package io.wrpkafka.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JmhReportTest {

  @ParameterizedTest(name = "{0} {1}: {2} ns, {3} B/op -> {4}")
  @CsvSource(nullValues = "null", value = {
      "CodecBenchmark.encodeMsgpack,           TALARIA_ONLINE, 399,  9999, true",
      "CodecBenchmark.encodeMsgpack,           TALARIA_ONLINE, 401,  0,    false",
      "CodecBenchmark.encodeMsgpack,           TELEMETRY,      150,  9999, true",
      "CodecBenchmark.encodeMsgpack,           TELEMETRY,      151,  0,    false",
      "CodecBenchmark.decodeMsgpack,           TALARIA_ONLINE, 600,  9999, true",
      "CodecBenchmark.decodeMsgpack,           TALARIA_ONLINE, 601,  0,    false",
      "RouteEncodeBenchmark.routeEncodeHeaders, TALARIA_ONLINE, 700,  1,    true",
      "RouteEncodeBenchmark.routeEncodeHeaders, TALARIA_ONLINE, 701,  1,    false",
      "RouteEncodeBenchmark.routeEncodeHeaders, TALARIA_ONLINE, 700,  9999, false",
      "RouteEncodeBenchmark.routeEncodeHeaders, TELEMETRY,      350,  1,    true",
      "RouteEncodeBenchmark.routeEncodeHeaders, TELEMETRY,      351,  1,    false",
  })
  void codecAndRouteRowsAreJudgedByTheIssueTargets(String benchmark, String sample, double nanos,
      double allocated, boolean met) {
    assertThat(JmhReport.Target.of(benchmark, sample).met(nanos, allocated)).isEqualTo(met);
  }

  @ParameterizedTest(name = "{0} {1} has no target")
  @CsvSource({
      "CodecBenchmark.decodeMsgpack, TELEMETRY",
      "CodecBenchmark.encodeJson,    TALARIA_ONLINE",
      "RouterBenchmark.route,        TALARIA_ONLINE",
  })
  void rowsWithoutATargetHaveNone(String benchmark, String sample) {
    assertThat(JmhReport.Target.of(benchmark, sample)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"TALARIA_ONLINE", "TELEMETRY"})
  void allocationTargetIsTheOutputBytesPlusTwentyPercent(SampleKind sample) {
    double output = RouteEncodeBenchmark.outputBytes(sample);
    JmhReport.Target target =
        JmhReport.Target.of("RouteEncodeBenchmark.routeEncodeHeaders", sample.name());

    assertThat(target.met(1, output * 1.2)).isTrue();
    assertThat(target.met(1, output * 1.2 + 1)).isFalse();
  }
}
