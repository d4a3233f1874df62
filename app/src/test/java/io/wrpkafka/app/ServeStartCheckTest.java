package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} with no broker to talk to: one clear error line and exit 1, no stack trace. */
class ServeStartCheckTest {
  @TempDir Path dir;

  @Test
  void serveExitsOneWithOneLineNamingTheBrokerWhenNoBrokerAnswers() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String broker = "127.0.0.1:" + port;
    Path file = dir.resolve("bridge.yaml");
    Files.writeString(file, String.join("\n",
        "kafka:",
        "  brokers: " + broker,
        "  clientId: serve-start-check",
        "  startTimeout: 2s",
        "  topicMap: [{pattern: \"*\", topic: events}]",
        "server:",
        "  address: 127.0.0.1",
        ""));

    Cli.Run run = Cli.run("serve", "--config", file.toString(), "--port", "0");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    List<String> errors =
        Arrays.stream(run.err().split("\n")).filter(line -> line.startsWith("error: ")).toList();
    assertThat(errors).singleElement().asString()
        .contains("publisher serve-start-check cannot start", "no broker answered", broker);
    assertThat(run.err()).doesNotContain("\tat ", "Exception in thread");
    assertThat(run.out()).doesNotContain("listening");
  }
}
