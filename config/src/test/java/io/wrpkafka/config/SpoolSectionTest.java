package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.PublisherConfig;
import io.wrpkafka.SpoolConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The spool key of the kafka section, in both forms of the file. */
class SpoolSectionTest {

  /** The flat form (dynamic settings inline) and the Talaria form (initialDynamicConfig). */
  enum Form {
    FLAT("kafka:\n  brokers: localhost:9092\n  topicMap: [{pattern: \"*\", topic: events}]\n"),
    TALARIA("kafka:\n  enabled: true\n  brokers: localhost:9092\n  initialDynamicConfig:\n"
        + "    topicMap: [{pattern: \"*\", topic: events}]\n");

    private final String head;

    Form(String head) {
      this.head = head;
    }

    /** A file whose kafka section also holds {@code lines} (indented under kafka:). */
    String file(String... lines) {
      StringBuilder yaml = new StringBuilder(head);
      for (String line : lines) {
        yaml.append("  ").append(line).append('\n');
      }
      return yaml.toString();
    }

    /** The line of the first of the added lines. */
    int firstLine() {
      return (int) head.chars().filter(c -> c == '\n').count() + 1;
    }
  }

  private static Optional<SpoolConfig> spoolOf(String yaml) {
    return WrpKafkaConfig.parse(yaml, "bridge.yaml", Map.of()).publisher()
        .flatMap(PublisherConfig::spool);
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void spoolWithEveryKeyIsRead(Form form) {
    assertThat(spoolOf(form.file("spool:", "  directory: /var/lib/wrpkafka/spool",
        "  maxBytes: 2GiB", "  minQos: 50", "  fsync: always", "  fsyncInterval: 250ms")))
        .contains(SpoolConfig.builder().directory(Path.of("/var/lib/wrpkafka/spool"))
            .maxBytes(2L << 30).minQos(50).fsync(SpoolConfig.Fsync.ALWAYS)
            .fsyncInterval(Duration.ofMillis(250)).build());
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void spoolWithADirectoryAloneTakesTheDefaults(Form form) {
    SpoolConfig spool = spoolOf(form.file("spool: {directory: spool}")).orElseThrow();
    assertThat(spool.maxBytes()).isEqualTo(10L << 30);
    assertThat(spool.minQos()).isEqualTo(25);
    assertThat(spool.fsync()).isEqualTo(SpoolConfig.Fsync.INTERVAL);
    assertThat(spool.fsyncInterval()).isEqualTo(Duration.ofMillis(100));
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void absentSpoolKeepsRecordsInMemoryOnly(Form form) {
    assertThat(spoolOf(form.file())).isEmpty();
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of("no directory", "spool: {maxBytes: 1GiB}",
            "kafka.spool.directory: required"),
        Arguments.of("unknown fsync mode", "spool: {directory: s, fsync: sometimes}",
            "kafka.spool.fsync: unknown fsync mode \"sometimes\" (expected never, interval or"
                + " always)"),
        Arguments.of("minQos above 99", "spool: {directory: s, minQos: 100}",
            "kafka.spool.minQos: 100 is not a QoS (expected 0 to 99)"),
        Arguments.of("maxBytes too small", "spool: {directory: s, maxBytes: 1KiB}",
            "kafka.spool.maxBytes: at least 65536 (64KiB)"),
        Arguments.of("a size with an unknown unit", "spool: {directory: s, maxBytes: 10GiG}",
            "kafka.spool.maxBytes: unknown size unit"),
        Arguments.of("zero fsyncInterval", "spool: {directory: s, fsyncInterval: 0s}",
            "kafka.spool.fsyncInterval: must be positive"),
        Arguments.of("misspelt key", "spool: {directory: s, maxbytes: 1GiB}",
            "kafka.spool.maxbytes: unknown key; did you mean \"maxBytes\"?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void reportsTheProblemAtItsLineWithPathAndMessage(String name, String line, String expected) {
    for (Form form : Form.values()) {
      List<ConfigProblem> problems =
          WrpKafkaConfig.validate(form.file(line), "bridge.yaml", Map.of());
      assertThat(problems).singleElement().asString()
          .startsWith("bridge.yaml:" + form.firstLine() + ":")
          .contains(expected);
    }
  }
}
