package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Draining finishes, and says so in one line, when a part fails to stop. */
class BridgeCloseTest {

  @Test
  void aPartFailingToStopIsLoggedInOneLineAndTheRestStillStops() {
    AtomicBoolean lastClosed = new AtomicBoolean();
    Bridge bridge =
        Bridge.builder()
            .settings(BridgeSettings.local(0))
            .kafkaDisabled(
                DynamicConfig.builder()
                    .topicMap(List.of(TopicRoute.builder().pattern("*").topic("t").build()))
                    .build())
            .onClose(() -> {
              throw new UncheckedIOException("closing the broker connection",
                  new ConnectException("Connection refused"));
            })
            .onClose(() -> lastClosed.set(true))
            .start();
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      bridge.close();
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(lastClosed).isTrue();
    assertThat(log).contains("failed: UncheckedIOException: closing the broker connection"
        + " (ConnectException: Connection refused)");
    assertThat(log.lines()).as(log).noneMatch(line -> line.startsWith("\tat "));
  }
}
