package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DynamicConfigTest {

  private static TopicRoute single(String pattern, String topic) {
    return TopicRoute.builder().pattern(pattern).topic(topic).build();
  }

  private static DynamicConfig.Builder minimal() {
    return DynamicConfig.builder().topicMap(List.of(single("*", "events")));
  }

  @Test
  void minimalConfigGetsTheDocumentedDefaults() {
    DynamicConfig config = minimal().build();
    assertThat(config.compression()).isEqualTo(Compression.NONE);
    assertThat(config.linger()).isEqualTo(Duration.ofMillis(5));
    assertThat(config.batchMaxBytes()).isEqualTo(16_384);
    assertThat(config.acks()).isEqualTo(Acks.ALL);
    assertThat(config.routing()).isEqualTo(Routing.FIRST);
    assertThat(config.headers()).isEmpty();
  }

  @Test
  void configWithEveryOptionBuildsAndRoundTripsThroughToBuilder() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("service", List.of("test"));
    headers.put("source", List.of("wrp.Source", "wrp.Metadata.region"));
    DynamicConfig config = DynamicConfig.builder()
        .topicMap(List.of(single("device-*", "devices"), single("*", "default")))
        .headers(headers).compression(Compression.ZSTD).linger(Duration.ofMillis(100))
        .batchMaxBytes(1 << 20).acks(Acks.LEADER).routing(Routing.ALL).build();
    assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
  }

  @Test
  void headersKeepTheirConfiguredOrder() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String key : List.of("z", "a", "m", "b", "y")) {
      headers.put(key, List.of("v"));
    }
    DynamicConfig config = minimal().headers(headers).build();
    assertThat(config.headers().keySet()).containsExactly("z", "a", "m", "b", "y");
  }

  @Test
  void emptyTopicMapIsRejected() {
    assertThatThrownBy(() -> DynamicConfig.builder().build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("topicMap: must contain at least one route");
  }

  @Test
  void nullRouteIsRejectedByIndex() {
    List<TopicRoute> routes = new ArrayList<>(List.of(single("a", "t")));
    routes.add(null);
    assertThatThrownBy(() -> DynamicConfig.builder().topicMap(routes).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("topicMap[1]: must not be null");
  }

  private static List<TopicRoute> routes(String patterns) {
    List<TopicRoute> routes = new ArrayList<>();
    for (String pattern : patterns.split(",")) {
      routes.add(single(pattern.strip(), "t"));
    }
    return routes;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "route after a catch-all;     *, other;       topicMap[1]: never matches with routing first; topicMap[0] (pattern \"*\")",
      "third route after catch-all; a, *, b;        topicMap[2]: never matches with routing first; topicMap[1] (pattern \"*\")",
      "repeated pattern;            a, b, a;        topicMap[2]: never matches with routing first; topicMap[0] (pattern \"a\")",
  })
  void routeThatCanNeverWinUnderFirstIsAcceptedAndReportedAsAWarning(String name,
      String patterns, String warning) {
    DynamicConfig config = DynamicConfig.builder().topicMap(routes(patterns)).build();
    assertThat(config.topicMap()).hasSize(patterns.split(",").length);
    assertThat(config.warnings()).singleElement().asString().startsWith(warning);
  }

  @Test
  void everyRouteAfterACatchAllGetsItsOwnWarning() {
    DynamicConfig config = DynamicConfig.builder().topicMap(routes("*, a, b")).build();
    assertThat(config.warnings()).hasSize(2);
    assertThat(config.warnings().get(1)).startsWith("topicMap[2]:");
  }

  @Test
  void configWhoseRoutesCanAllMatchHasNoWarnings() {
    assertThat(DynamicConfig.builder().topicMap(routes("a, b, device-*, *")).build().warnings())
        .isEmpty();
  }

  @Test
  void routesAfterACatchAllAreAllowedWithoutWarningsWhenRoutingAll() {
    List<TopicRoute> routes = List.of(single("*", "all"), single("device-*", "devices"));
    DynamicConfig config = DynamicConfig.builder().topicMap(routes).routing(Routing.ALL).build();
    assertThat(config.topicMap()).hasSize(2);
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void caseInsensitiveRepeatAfterCaseSensitivePatternCanStillMatch() {
    TopicRoute relaxed = TopicRoute.builder().pattern("a").caseInsensitive(true).topic("t").build();
    assertThat(DynamicConfig.builder().topicMap(List.of(single("a", "t"), relaxed)).build()
        .warnings()).isEmpty();
  }

  @Test
  void caseSensitiveRepeatAfterCaseInsensitivePatternNeverMatches() {
    TopicRoute relaxed = TopicRoute.builder().pattern("a").caseInsensitive(true).topic("t").build();
    assertThat(DynamicConfig.builder().topicMap(List.of(relaxed, single("a", "t"))).build()
        .warnings()).singleElement().asString().startsWith("topicMap[1]:");
  }

  @Test
  void headerWithAnEmptyKeyIsRejected() {
    assertThatThrownBy(() -> minimal().headers(Map.of("", List.of("value"))).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("headers: key must not be empty");
  }

  @ParameterizedTest(name = "header {0} = {1} -> warning {2}")
  @CsvSource(delimiter = ';', quoteCharacter = '\'', value = {
      "field;     wrp.InvalidField;        'headers[\"field\"][0]: unknown WRP field \"wrp.InvalidField\"'",
      "field;     wrp.source;              'headers[\"field\"][0]: unknown WRP field \"wrp.source\"'",
      "x-id;      literal|wrp.Nope;        'headers[\"x-id\"][1]: unknown WRP field \"wrp.Nope\"'",
      "field;     wrp.;                    'headers[\"field\"][0]: unknown WRP field \"wrp.\"'",
      "field;     wrp.Header.;             'headers[\"field\"][0]: unknown WRP field \"wrp.Header.\"'",
      "field;     wrp.Metadata.;           'headers[\"field\"][0]: unknown WRP field \"wrp.Metadata.\"'",
  })
  void headerNamingNoWrpFieldBuildsWithAWarningNamingItsKeyAndIndex(String key, String values,
      String warning) {
    Map<String, List<String>> headers = Map.of(key, Arrays.asList(values.split("\\|")));
    assertThat(minimal().headers(headers).build().warnings()).singleElement().asString()
        .startsWith(warning).endsWith("; the header is omitted");
  }

  @Test
  void headerWarningsFollowDeadRouteWarningsWhateverTheRouting() {
    DynamicConfig config = DynamicConfig.builder().topicMap(routes("*, a"))
        .headers(Map.of("k", List.of("wrp.Foo"))).build();
    assertThat(config.warnings()).hasSize(2);
    assertThat(config.warnings().get(0)).startsWith("topicMap[1]:");
    assertThat(config.warnings().get(1)).startsWith("headers[\"k\"][0]:");
    assertThat(config.toBuilder().routing(Routing.ALL).build().warnings())
        .singleElement().asString().startsWith("headers[\"k\"][0]:");
  }

  @Test
  void headerWithoutValuesIsRejected() {
    assertThatThrownBy(() -> minimal().headers(Map.of("key", List.of())).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("headers[\"key\"]: must have at least one value");
  }

  @Test
  void unknownWrpFieldWarningListsTheAcceptedFields() {
    assertThat(minimal().headers(Map.of("k", List.of("wrp.Foo"))).build().warnings())
        .singleElement().asString()
        .contains("Type, Source, DeviceID")
        .contains("Header.<name> or Metadata.<key>");
  }

  @Test
  void negativeLingerIsRejected() {
    assertThatThrownBy(() -> minimal().linger(Duration.ofMillis(-1)).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("linger: must not be negative");
  }

  @Test
  void negativeBatchMaxBytesIsRejected() {
    assertThatThrownBy(() -> minimal().batchMaxBytes(-1).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("batchMaxBytes: must not be negative (got -1)");
  }

  @Test
  void builtConfigIsNotChangedByItsBuilder() {
    List<TopicRoute> routes = new ArrayList<>(List.of(single("*", "events")));
    DynamicConfig.Builder builder = DynamicConfig.builder().topicMap(routes);
    DynamicConfig config = builder.build();
    routes.add(single("x", "y"));
    builder.linger(Duration.ZERO);
    assertThat(config.topicMap()).hasSize(1);
    assertThat(config.linger()).isEqualTo(Duration.ofMillis(5));
  }
}
