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

/** {@code serve} with a {@code server.tls} file that is not there: one clear line, exit 1. */
class ServeHttpsStartTest {
  @TempDir Path dir;

  @Test
  void serveExitsOneNamingTheTlsKeyAndPathBeforeTryingTheBrokers() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path missingKey = dir.resolve("server.key");
    Files.writeString(dir.resolve("server.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path file = dir.resolve("bridge.yaml");
    // No broker listens there: had the publisher started first, the error would be about it.
    Files.writeString(file, String.join("\n",
        "kafka:",
        "  brokers: 127.0.0.1:" + port,
        "  clientId: serve-https-start",
        "  topicMap: [{pattern: \"*\", topic: events}]",
        "server:",
        "  address: 127.0.0.1",
        "  tls:",
        "    certFile: " + dir.resolve("server.pem"),
        "    keyFile: " + missingKey,
        ""));

    Cli.Run run = Cli.run("serve", "--config", file.toString(), "--port", "0");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    List<String> errors =
        Arrays.stream(run.err().split("\n")).filter(line -> line.startsWith("error: ")).toList();
    assertThat(errors).singleElement().asString()
        .isEqualTo("error: server.tls.keyFile: cannot read " + missingKey + ": no such file");
    assertThat(run.err()).doesNotContain("\tat ", "Exception in thread");
    assertThat(run.out()).doesNotContain("listening");
  }
}
