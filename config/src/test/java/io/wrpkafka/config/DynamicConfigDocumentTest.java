package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.Acks;
import io.wrpkafka.Compression;
import io.wrpkafka.ConfigException;
import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Routing;
import io.wrpkafka.TopicRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dynamic part alone: parseDynamic (PUT /api/v1/config) and toMap/toYaml (GET). */
class DynamicConfigDocumentTest {

  static Stream<DynamicConfig> configs() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("z-first", List.of("wrp.Source"));
    headers.put("a-second", List.of("literal", "wrp.Metadata.region", "wrp.Header.X-Id"));
    DynamicConfig full = DynamicConfig.builder()
        .topicMap(List.of(
            TopicRoute.builder().pattern("online").topic("lifecycle").build(),
            TopicRoute.builder().pattern("Qos-*").caseInsensitive(true)
                .topics(List.of("q0", "q1")).shardBy("metadata:region")
                .partitionKey("metadata/tenant").build(),
            TopicRoute.builder().pattern("star\\*").topics(List.of("s0", "s1"))
                .shardBy("roundrobin").partitionKey("none").build(),
            TopicRoute.builder().pattern("*").topic("events").partitionKey("source").build()))
        .headers(headers).compression(Compression.LZ4).linger(Duration.ofNanos(1_500_000))
        .batchMaxBytes(0).acks(Acks.NONE).routing(Routing.ALL).build();
    DynamicConfig minimal = DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic("events").build())).build();
    DynamicConfig slow = minimal.toBuilder().linger(Duration.ofSeconds(90)).acks(Acks.LEADER)
        .build();
    DynamicConfig deadLetter = minimal.toBuilder().deadLetter(DeadLetterConfig.builder()
        .topic("failed-events").minQos(0).unroutable(true).build()).build();
    DynamicConfig defaultDeadLetter =
        minimal.toBuilder().deadLetter(DeadLetterConfig.builder().build()).build();
    return Stream.of(full, minimal, slow, deadLetter, defaultDeadLetter);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void yamlRenderingParsesBackEqual(DynamicConfig config) {
    assertThat(WrpKafkaConfig.parseDynamic(WrpKafkaConfig.toYaml(config), "get.yaml"))
        .isEqualTo(config);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void jsonRenderingOfTheMapParsesBackEqual(DynamicConfig config) {
    String json = Json.write(WrpKafkaConfig.toMap(config));
    assertThat(WrpKafkaConfig.parseDynamic(json, "get.json")).isEqualTo(config);
  }

  @Test
  void mapUsesTheFileKeysAndSpellings() {
    DynamicConfig config = configs().findFirst().orElseThrow();
    Map<String, Object> map = WrpKafkaConfig.toMap(config);
    assertThat(map.keySet()).containsExactly("topicMap", "headers", "compressionCodec", "linger",
        "batchMaxBytes", "acks", "routing");
    assertThat(map).containsEntry("compressionCodec", "lz4").containsEntry("linger", "1.5ms")
        .containsEntry("batchMaxBytes", 0).containsEntry("acks", "none")
        .containsEntry("routing", "all");
    assertThat((List<?>) map.get("topicMap")).first().isEqualTo(
        Map.of("pattern", "online", "topic", "lifecycle", "partitionKey", "deviceid"));
  }

  @Test
  void mapSpellsTheDeadLetterWithEveryKey() {
    DynamicConfig config = DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic("events").build()))
        .deadLetter(DeadLetterConfig.builder().topic("failed").build()).build();
    Map<String, Object> map = WrpKafkaConfig.toMap(config);
    assertThat(map.keySet()).endsWith("routing", "deadLetter");
    Map<?, ?> deadLetter = (Map<?, ?>) map.get("deadLetter");
    assertThat(List.<Object>copyOf(deadLetter.keySet())).containsExactly("topic", "minQos",
        "unroutable");
    assertThat(deadLetter).isEqualTo(Map.of("topic", "failed", "minQos", 25, "unroutable", false));
  }

  @Test
  void mapLeavesOutADeadLetterThatIsOff() {
    DynamicConfig config = DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic("events").build())).build();
    assertThat(WrpKafkaConfig.toMap(config)).doesNotContainKey("deadLetter");
  }

  @Test
  void dynamicDocumentMayComeFromTheTalariaExampleSection() {
    DynamicConfig fromFile =
        WrpKafkaConfig.load(Path.of("..", "examples", "talaria.yaml"), Map.of()).dynamicConfig();
    assertThat(WrpKafkaConfig.parseDynamic(WrpKafkaConfig.toYaml(fromFile), "put"))
        .isEqualTo(fromFile);
  }

  @Test
  void dynamicDocumentDoesNotReadTheEnvironment() {
    DynamicConfig config = WrpKafkaConfig.parseDynamic("""
        topicMap: [{pattern: "*", topic: events}]
        headers: {leak: "${KAFKA_SASL_PASSWORD}"}
        """, "put");
    assertThat(config.headers().get("leak")).containsExactly("${KAFKA_SASL_PASSWORD}");
  }

  @Test
  void staticKeysAreUnknownInADynamicDocument() {
    assertThat(WrpKafkaConfig.validateDynamic("""
        {"topicMap": [{"pattern": "*", "topic": "events"}], "brokers": ["a:1"]}
        """, "request body")).singleElement().asString()
        .isEqualTo("request body:1:53: brokers: unknown key (expected one of topicMap, headers,"
            + " compressionCodec, linger, batchMaxBytes, acks, routing, deadLetter)");
  }

  @Test
  void parseDynamicThrowsEveryProblemOnePerLine() {
    assertThatThrownBy(() -> WrpKafkaConfig.parseDynamic("""
        topicMap:
          - {pattern: "*", topic: "bad topic"}
        linger: soon
        """, "request body"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("request body:2:27: topicMap[0].topic: \"bad topic\" is not a valid Kafka"
            + " topic name (1 to 249 of a-z A-Z 0-9 . _ -, not \".\" or \"..\")\n"
            + "request body:3:9: linger: invalid duration \"soon\""
            + " (expected numbers with units, e.g. 30s, 10ms, 1m30s, 2.5s)");
  }

  @Test
  void emptyDynamicDocumentIsAProblem() {
    assertThat(WrpKafkaConfig.validateDynamic("", "request body")).singleElement().asString()
        .isEqualTo("request body: empty document (expected topicMap, …)");
  }
}
