package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void missingConfigOptionIsAUsageError() {
    Cli.Run run = Cli.run("validate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--config");
  }
}
