package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code broker}'s refusals, which come before any broker starts. */
class BrokerCommandTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "broker {0} {1}: exit 2, \"{2}\"")
  @CsvSource(delimiter = ';', value = {
      "--topic; events:0;     --topic events:0: the partition count after ':' must be a positive integer",
      "--topic; events:many;  --topic events:many: the partition count after ':' must be a positive integer",
      "--topic; :3;           --topic :3: the topic name is empty",
      "--port;  0;            --port: 0 is not a port (1-65535)",
      "--port;  70000;        --port: 70000 is not a port (1-65535)",
  })
  void badOptionIsABadCommandLineNamingTheOption(String option, String value, String expected) {
    Cli.Run run = Cli.run("broker", option, value);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(expected);
    assertThat(run.out()).doesNotContain("Kafka is running");
  }

  @Test
  void invalidTopicsFileExitsOneNamingTheLineBeforeStartingABroker() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "kafka:\n  brokers: localhost:9092\n  topicMap: [{pattern: \"*\"}]\n");

    Cli.Run run = Cli.run("broker", "--topics", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("bad.yaml:3").contains("topicMap[0]");
    assertThat(run.out()).doesNotContain("Kafka is running");
  }

  @Test
  void missingTopicsFileExitsOne() {
    Cli.Run run = Cli.run("broker", "--topics", dir.resolve("absent.yaml").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("--topics: ").contains("absent.yaml does not exist");
  }

  @Test
  void helpListsTheExitCodes() {
    Cli.Run run = Cli.run("broker", "--help");

    assertThat(run.out()).contains("0   stopped by Ctrl-C or SIGTERM").contains("--topics=FILE")
        .contains("--topic=NAME[:PARTITIONS]").contains("--port=PORT");
  }
}
