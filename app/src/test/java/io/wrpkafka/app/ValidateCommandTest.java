package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {
  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void validConfigPrintsOkWithASummaryAndExitsZero() throws IOException {
    Path file = write("good.yaml",
        "kafka:",
        "  brokers: [localhost:9092]",
        "  topicMap:",
        "    - pattern: \"*\"",
        "      topic: events");

    Cli.Run run = Cli.run("validate", "--config", file.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("OK: ").contains("1 route");
  }

  @Test
  void headerNamingNoWrpFieldIsListedAsAWarningAndTheFileIsValid() throws IOException {
    Path file = write("header.yaml",
        "kafka:",
        "  brokers: [localhost:9092]",
        "  topicMap: [{pattern: \"*\", topic: events}]",
        "  headers:",
        "    x-id: wrp.deviceId");

    Cli.Run run = Cli.run("validate", "--config", file.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("OK: ")
        .startsWith("warning: " + file + ":5:11: kafka.headers[\"x-id\"][0]: unknown WRP field"
            + " \"wrp.deviceId\"")
        .contains("the header is omitted");
  }

  @Test
  void misspeltKeyIsReportedWithItsFileLineAndColumnAndExitsOne() throws IOException {
    Path file = write("broken.yaml",
        "kafka:",
        "  brokers: [localhost:9092]",
        "  topicMap:",
        "    - pattern: online",
        "      topic: lifecycle",
        "    - pattern: \"*\"",
        "      topc: events");

    Cli.Run run = Cli.run("validate", "--config", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(file + ":7:7: kafka.topicMap[1].topc").contains("1 problem");
  }

  @Test
  void everyProblemIsListedNotOnlyTheFirst() throws IOException {
    Path file = write("two.yaml",
        "kafka:",
        "  brokers: [localhost:9092]",
        "  lingr: 5ms",
        "  topicMap:",
        "    - pattern: \"*\"",
        "      topic: events",
        "      shardBy: hash");

    Cli.Run run = Cli.run("validate", "--config", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(file + ":3:").contains(file + ":7:");
  }

  @Test
  void missingFileIsReportedWithoutAStackTrace() {
    Cli.Run run = Cli.run("validate", "--config", dir.resolve("absent.yaml").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("absent.yaml: no such file").doesNotContain("Exception");
  }

  @Test
  void directoryIsReportedAsADirectoryNotAsMissing() {
    Cli.Run run = Cli.run("validate", "--config", dir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains(dir + ": is a directory").doesNotContain("no such file");
  }

  static Stream<Arguments> filesWithSeveralProblems() {
    return Stream.of(
        Arguments.of("a rule check beside a type error in the server section", List.of(
            "kafka:",
            "  brokers: [localhost:9092]",
            "  topicMap: [{pattern: \"*\", topic: events}]",
            "server:",
            "  port: 70000",
            "  watchConfig: maybe",
            "  drainTimeout: -1s"), List.of(
            ":5:9: server.port: 70000 is out of range",
            ":6:16: server.watchConfig: expected true or false",
            ":7:17: server.drainTimeout: must not be negative (got -1s)")),
        Arguments.of("an invalid topic name beside a type error in the route", List.of(
            "kafka:",
            "  brokers: [localhost:9092]",
            "  maxRetries: three",
            "  topicMap:",
            "    - pattern: \"*\"",
            "      topic: bad topic"), List.of(
            ":3:15: kafka.maxRetries: expected an integer",
            ":6:14: kafka.topicMap[0].topic: \"bad topic\" is not a valid Kafka topic name")),
        Arguments.of("an unquoted star pattern", List.of(
            "kafka:",
            "  brokers: [localhost:9092]",
            "  topicMap:",
            "    - pattern: *",
            "      topic: events"), List.of(
            ":4:17: invalid YAML: ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filesWithSeveralProblems")
  void everyProblemIsPrintedInLineOrderWithItsCountAndExitsOne(String name, List<String> yaml,
      List<String> expected) throws IOException {
    Path file = write("config.yaml", yaml.toArray(String[]::new));

    Cli.Run run = Cli.run("validate", "--config", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(expected.size() + 1);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(lines.get(i)).startsWith(file + expected.get(i));
    }
    assertThat(lines.get(expected.size())).isEqualTo(expected.size()
        + (expected.size() == 1 ? " problem" : " problems") + " in " + file);
  }

  @Test
  void unquotedStarPatternIsPrintedWithAHintToQuoteIt() throws IOException {
    Path file = write("star.yaml",
        "kafka:",
        "  brokers: [localhost:9092]",
        "  topicMap:",
        "    - pattern: *",
        "      topic: events");

    Cli.Run run = Cli.run("validate", "--config", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(file + ":4:17: ")
        .contains("(a value starting with * must be quoted, e.g. pattern: \"*\")");
  }

  @Test
  void missingConfigOptionIsAUsageError() {
    Cli.Run run = Cli.run("validate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--config");
  }
}
