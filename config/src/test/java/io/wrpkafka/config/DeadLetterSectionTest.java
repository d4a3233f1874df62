package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DynamicConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The deadLetter key of the dynamic settings, in both forms of the file and in a PUT body. */
class DeadLetterSectionTest {

  /** The two places the dynamic settings may be written. */
  enum Form {
    FLAT("kafka:\n  brokers: localhost:9092\n", "  "),
    TALARIA("kafka:\n  brokers: localhost:9092\n  initialDynamicConfig:\n", "    ");

    private final String head;
    private final String indent;

    Form(String head, String indent) {
      this.head = head;
      this.indent = indent;
    }

    /** A file whose dynamic settings are {@code lines}, indented for this form. */
    String file(String... lines) {
      StringBuilder yaml = new StringBuilder(head);
      for (String line : lines) {
        yaml.append(indent).append(line).append('\n');
      }
      return yaml.toString();
    }
  }

  private static final String ROUTES = "topicMap: [{pattern: \"*\", topic: events}]";

  private static Optional<DeadLetterConfig> deadLetterOf(String yaml) {
    return WrpKafkaConfig.parse(yaml, "bridge.yaml", Map.of()).dynamicConfig().deadLetter();
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void deadLetterWithEveryKeyIsRead(Form form) {
    assertThat(deadLetterOf(form.file(ROUTES,
        "deadLetter: {topic: failed-events, minQos: 75, unroutable: true}")))
        .contains(DeadLetterConfig.builder().topic("failed-events").minQos(75).unroutable(true)
            .build());
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void absentDeadLetterKeepsNoFailedRecords(Form form) {
    assertThat(deadLetterOf(form.file(ROUTES))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void emptyDeadLetterValueKeepsNoFailedRecords(Form form) {
    assertThat(deadLetterOf(form.file(ROUTES, "deadLetter:"))).isEmpty();
    assertThat(deadLetterOf(form.file(ROUTES, "deadLetter: ~"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void emptyDeadLetterMappingTurnsItOnWithTheDefaults(Form form) {
    assertThat(deadLetterOf(form.file(ROUTES, "deadLetter: {}")))
        .contains(DeadLetterConfig.builder().build());
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void deadLetterWithATopicAloneTakesTheDefaultMinQosAndUnroutable(Form form) {
    DeadLetterConfig deadLetter =
        deadLetterOf(form.file(ROUTES, "deadLetter:", "  topic: failed")).orElseThrow();
    assertThat(deadLetter.topic()).isEqualTo("failed");
    assertThat(deadLetter.minQos()).isEqualTo(25);
    assertThat(deadLetter.unroutable()).isFalse();
  }

  @Test
  void deadLetterIsPartOfThePublishersInitialDynamicConfig() {
    WrpKafkaConfig config = WrpKafkaConfig.parse(Form.FLAT.file(ROUTES,
        "deadLetter: {topic: failed}"), "bridge.yaml", Map.of());
    assertThat(config.publisher().orElseThrow().initialDynamicConfig().deadLetter())
        .contains(DeadLetterConfig.builder().topic("failed").build());
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of("minQos above 99, flat", Form.FLAT.file(ROUTES,
            "deadLetter: {topic: failed, minQos: 100}"),
            "bridge.yaml:4:39: kafka.deadLetter.minQos: must be 0 to 99 (got 100)"),
        Arguments.of("negative minQos, Talaria", Form.TALARIA.file(ROUTES,
            "deadLetter:", "  minQos: -1"),
            "bridge.yaml:6:15: kafka.initialDynamicConfig.deadLetter.minQos: must be 0 to 99"
                + " (got -1)"),
        Arguments.of("minQos that is not an integer", Form.TALARIA.file(ROUTES,
            "deadLetter: {minQos: high}"),
            "bridge.yaml:5:26: kafka.initialDynamicConfig.deadLetter.minQos: expected an integer,"
                + " found \"high\""),
        Arguments.of("invalid topic name", Form.FLAT.file(ROUTES,
            "deadLetter:", "  topic: failed records"),
            "bridge.yaml:5:12: kafka.deadLetter.topic: \"failed records\" is not a valid Kafka"
                + " topic name"),
        Arguments.of("yes is not a boolean", Form.FLAT.file(ROUTES,
            "deadLetter: {unroutable: yes}"),
            "bridge.yaml:4:28: kafka.deadLetter.unroutable: expected true or false,"
                + " found \"yes\""),
        Arguments.of("unknown key with a suggestion", Form.TALARIA.file(ROUTES,
            "deadLetter:", "  min_qos: 50"),
            "bridge.yaml:6:7: kafka.initialDynamicConfig.deadLetter.min_qos: unknown key;"
                + " did you mean \"minQos\"?"),
        Arguments.of("misspelt deadLetter", Form.FLAT.file(ROUTES,
            "deadletter: {topic: failed}"),
            "bridge.yaml:4:3: kafka.deadletter: unknown key; did you mean \"deadLetter\"?"),
        Arguments.of("a topic name instead of a mapping", Form.FLAT.file(ROUTES,
            "deadLetter: failed"),
            "bridge.yaml:4:15: kafka.deadLetter: expected a mapping, found \"failed\""),
        Arguments.of("dead-letter topic that a route sends to", Form.TALARIA.file(ROUTES,
            "deadLetter: {topic: events}"),
            "bridge.yaml:5:25: kafka.initialDynamicConfig.deadLetter.topic: \"events\" is also a"
                + " topic of topicMap[0]; use a topic of its own for failed records"),
        Arguments.of("default dead-letter topic that a route sends to", Form.FLAT.file(
            "topicMap: [{pattern: \"*\", topics: [a, wrp-dead-letter], shardBy: deviceid}]",
            "deadLetter: {}"),
            "bridge.yaml:4:15: kafka.deadLetter.topic: \"wrp-dead-letter\" is also a topic of"
                + " topicMap[0]"),
        Arguments.of("inline deadLetter beside initialDynamicConfig", Form.TALARIA.file(ROUTES)
            + "  deadLetter: {topic: failed}\n",
            "bridge.yaml:3:3: kafka.initialDynamicConfig: the dynamic settings are given twice:"
                + " here and inline (deadLetter at line 5); use one form"),
        Arguments.of("broken route beside a dead-letter topic the stand-in route would share",
            Form.FLAT.file("topicMap: [{pattern: \"*\"}]", "deadLetter: {topic: x}"),
            "bridge.yaml:3:14: kafka.topicMap[0].topic: required (or topics with shardBy)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void reportsTheProblemAtItsLineWithPathAndMessage(String name, String yaml, String expected) {
    List<ConfigProblem> problems = WrpKafkaConfig.validate(yaml, "bridge.yaml", Map.of());
    assertThat(problems).singleElement().asString().startsWith(expected);
  }

  @Test
  void putBodyWithADeadLetterIsRead() {
    DynamicConfig config = WrpKafkaConfig.parseDynamic("""
        {"topicMap": [{"pattern": "*", "topic": "events"}],
         "deadLetter": {"topic": "failed", "minQos": 0, "unroutable": true}}
        """, "request body");
    assertThat(config.deadLetter()).contains(DeadLetterConfig.builder().topic("failed").minQos(0)
        .unroutable(true).build());
  }

  @Test
  void putBodyProblemNamesTheDeadLetterKeyAndLine() {
    assertThat(WrpKafkaConfig.validateDynamic("""
        topicMap: [{pattern: "*", topic: events}]
        deadLetter:
          minQos: 120
        """, "request body")).singleElement().asString()
        .isEqualTo("request body:3:11: deadLetter.minQos: must be 0 to 99 (got 120)");
  }
}
