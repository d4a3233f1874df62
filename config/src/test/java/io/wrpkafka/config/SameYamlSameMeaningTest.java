package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.ConfigException;
import io.wrpkafka.PublisherConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A file written for the Go implementation, the seed documents or Talaria means the same here:
 * Go's spellings of maxRetries, maxBufferedRecords and requestTimeout, the device.outbound.kafka
 * nesting, each form's defaults, and a header naming no WRP field.
 */
class SameYamlSameMeaningTest {

  private static final String ROUTES = "  topicMap: [{pattern: \"*\", topic: events}]\n";

  private static WrpKafkaConfig parse(String yaml) {
    return WrpKafkaConfig.parse(yaml, "bridge.yaml", Map.of());
  }

  private static PublisherConfig flat(String setting) {
    return parse("kafka:\n  brokers: localhost:9092\n  " + setting + "\n" + ROUTES)
        .publisher().orElseThrow();
  }

  @ParameterizedTest(name = "maxRetries: {0} is kept as {0}")
  @CsvSource({"-1", "0", "1", "5", "2147483647"})
  void maxRetriesTakesTheGoSpellings(int maxRetries) {
    assertThat(flat("maxRetries: " + maxRetries).maxRetries()).isEqualTo(maxRetries);
  }

  @Test
  void maxRetriesBelowMinusOneIsAProblemOnItsLine() {
    assertThatThrownBy(() -> flat("maxRetries: -2"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bridge.yaml:3:15: kafka.maxRetries: -2 is not allowed (expected -1 for no"
            + " retries, 0 for unlimited, or a positive count)");
  }

  @ParameterizedTest(name = "maxBufferedRecords: {0} means no record limit")
  @CsvSource({"0", "-1"})
  void maxBufferedRecordsBelowOneIsNoRecordLimit(int maxBufferedRecords) {
    assertThat(flat("maxBufferedRecords: " + maxBufferedRecords).maxBufferedRecords())
        .isLessThan(1);
  }

  @ParameterizedTest(name = "requestTimeout: {0} means no request timeout")
  @CsvSource({"0", "0s", "-1s", "PT0S"})
  void requestTimeoutOfZeroOrLessIsNoTimeout(String requestTimeout) {
    assertThat(flat("requestTimeout: " + requestTimeout).requestTimeout()).isZero();
  }

  @ParameterizedTest(name = "{0} form: {1} defaults to {2}")
  @CsvSource(delimiter = ';', value = {
      "flat;    maxBufferedRecords; 10000",
      "flat;    maxBufferedBytes;   67108864",
      "flat;    maxRetries;         0",
      "flat;    requestTimeout;     PT30S",
      "Talaria; maxBufferedRecords; 10000",
      "Talaria; maxBufferedBytes;   104857600",
      "Talaria; maxRetries;         3",
      "Talaria; requestTimeout;     PT30S",
  })
  void eachFormHasTheDefaultsOfWhereItCameFrom(String form, String setting, String expected) {
    String yaml = form.equals("flat")
        ? "kafka:\n  brokers: localhost:9092\n" + ROUTES
        : "kafka:\n  enabled: true\n  brokers: localhost:9092\n  initialDynamicConfig:\n  "
            + ROUTES;
    PublisherConfig p = parse(yaml).publisher().orElseThrow();
    Object actual = switch (setting) {
      case "maxBufferedRecords" -> p.maxBufferedRecords();
      case "maxBufferedBytes" -> p.maxBufferedBytes();
      case "maxRetries" -> p.maxRetries();
      case "requestTimeout" -> p.requestTimeout();
      default -> throw new AssertionError(setting);
    };
    assertThat(String.valueOf(actual)).isEqualTo(expected);
  }

  @Test
  void talariaFormIsDisabledUnlessEnabledIsWrittenAndSaysSo() {
    WrpKafkaConfig config = parse("kafka:\n  brokers: localhost:9092\n  initialDynamicConfig:\n  "
        + ROUTES);

    assertThat(config.kafkaEnabled()).isFalse();
    assertThat(config.publisher()).isEmpty();
    assertThat(config.warnings()).extracting(ConfigProblem::toString).containsExactly(
        "bridge.yaml:2:3: kafka.enabled: not set; in the Talaria form (initialDynamicConfig) it"
            + " defaults to false, so nothing is published (write enabled: true to publish)");
  }

  @Test
  void flatFormIsEnabledByDefault() {
    WrpKafkaConfig config = parse("kafka:\n  brokers: localhost:9092\n" + ROUTES);

    assertThat(config.kafkaEnabled()).isTrue();
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void talariaSettingWrittenInTheFileWinsOverTheTalariaDefault() {
    WrpKafkaConfig config = parse("kafka:\n  enabled: true\n  brokers: localhost:9092\n"
        + "  maxRetries: -1\n  initialDynamicConfig:\n  " + ROUTES);

    assertThat(config.publisher().orElseThrow().maxRetries()).isEqualTo(-1);
  }

  // ---- device.outbound.kafka ----

  private static final String NESTED = """
      device:
        outbound:
          kafka:
            brokers: localhost:9092
            maxRetries: 4
            topicMap: [{pattern: "*", topic: events}]
      """;

  @Test
  void seedNestingDeviceOutboundKafkaMeansTheSameAsTopLevelKafka() {
    WrpKafkaConfig nested = parse(NESTED);
    WrpKafkaConfig top = parse("""
        kafka:
          brokers: localhost:9092
          maxRetries: 4
          topicMap: [{pattern: "*", topic: events}]
        """);

    assertThat(nested.publisher()).isEqualTo(top.publisher());
    assertThat(nested.dynamicConfig()).isEqualTo(top.dynamicConfig());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "problem under the nesting names its path and line|"
          + "'device:\n  outbound:\n    kafka:\n      brokers: localhost:9092\n      maxRetrys: 3\n"
          + "      topicMap: [{pattern: \"*\", topic: events}]\n'|"
          + "'bridge.yaml:5:7: device.outbound.kafka.maxRetrys: unknown key; did you mean \"maxRetries\"?'",
      "a core rule under the nesting names its path and line|"
          + "'device:\n  outbound:\n    kafka:\n      brokers: localhost:9092\n      maxRetries: -5\n"
          + "      topicMap: [{pattern: \"*\", topic: events}]\n'|"
          + "'bridge.yaml:5:19: device.outbound.kafka.maxRetries: -5 is not allowed (expected -1 for"
          + " no retries, 0 for unlimited, or a positive count)'",
      "both forms at once|"
          + "'kafka:\n  brokers: localhost:9092\n  topicMap: [{pattern: \"*\", topic: events}]\n"
          + "device:\n  outbound:\n    kafka: {brokers: localhost:9092}\n'|"
          + "'bridge.yaml:4:1: device: the kafka section is given twice: under device.outbound here"
          + " and at the top level (line 1); use one'",
      "device without outbound|'device:\n  other: 1\n'|"
          + "'bridge.yaml:2:3: device.other: unknown key (expected one of outbound)'",
      "neither section|'server:\n  port: 1\n'|"
          + "'bridge.yaml:1:1: kafka: required: the kafka: section (brokers, topicMap, …), or"
          + " device.outbound.kafka:'",
  })
  void nestingProblemsNameThePathAndLine(String name, String yaml, String problem) {
    assertThat(WrpKafkaConfig.validate(yaml, "bridge.yaml", Map.of()))
        .extracting(ConfigProblem::toString).contains(problem);
  }

  @Test
  void environmentOverridesReachTheNestedSection() {
    WrpKafkaConfig config = WrpKafkaConfig.parse(NESTED, "bridge.yaml",
        Map.of("KAFKA_BROKERS", "k1:9092,k2:9092"));

    assertThat(config.publisher().orElseThrow().brokers()).containsExactly("k1:9092", "k2:9092");
  }

  // ---- headers naming no WRP field ----

  @Test
  void headerNamingNoWrpFieldIsAWarningOnItsLineNotAProblem() {
    WrpKafkaConfig config = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
          headers:
            x-source: wrp.Source
            x-id: [literal, wrp.Nope]
        """);

    assertThat(config.dynamicConfig().headers()).containsKey("x-id");
    assertThat(config.warnings()).extracting(ConfigProblem::toString).singleElement().asString()
        .startsWith("bridge.yaml:6:21: kafka.headers[\"x-id\"][1]: unknown WRP field \"wrp.Nope\"")
        .endsWith("; the header is omitted");
  }

  @Test
  void headerWarningIsPlacedUnderTheTalariaForm() {
    WrpKafkaConfig config = parse("""
        kafka:
          enabled: true
          brokers: localhost:9092
          initialDynamicConfig:
            topicMap: [{pattern: "*", topic: events}]
            headers: {x-id: wrp.deviceId}
        """);

    assertThat(config.warnings()).extracting(ConfigProblem::toString).singleElement().asString()
        .startsWith("bridge.yaml:6:21: kafka.initialDynamicConfig.headers[\"x-id\"][0]: unknown"
            + " WRP field \"wrp.deviceId\"");
  }

  @Test
  void dynamicDocumentWithAnUnknownWrpFieldIsAccepted() {
    assertThat(WrpKafkaConfig.validateDynamic(
        "topicMap: [{pattern: \"*\", topic: events}]\nheaders: {x: wrp.Nope}\n", "PUT"))
        .isEmpty();
    assertThat(WrpKafkaConfig.parseDynamic(
        "topicMap: [{pattern: \"*\", topic: events}]\nheaders: {x: wrp.Nope}\n", "PUT")
        .warnings()).hasSize(1);
  }

  @Test
  void requestTimeoutZeroStillNeedsADeliveryTimeoutLongerThanLinger() {
    assertThat(WrpKafkaConfig.validate("""
        kafka:
          brokers: localhost:9092
          requestTimeout: 0
          recordDeliveryTimeout: 5ms
          topicMap: [{pattern: "*", topic: events}]
          linger: 5ms
        """, "bridge.yaml", Map.of()))
        .extracting(ConfigProblem::toString).singleElement().asString()
        .contains("kafka.recordDeliveryTimeout: 5ms leaves no time for a request after linger 5ms");
  }
}
