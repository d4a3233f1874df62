package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demoPublishesReadsBackAndReportsEveryRecordInOrder() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit = Main.commandLine().execute("demo", "--devices", "40", "--events-per-device", "5");
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(output).isZero();
    assertThat(output)
        .contains("OK: 280 records read back")
        .contains("device-lifecycle", "device-events", "device-status-0", "qos-events-0");
  }

  @Test
  void unknownCommandExitsWithUsageError() {
    PrintStream original = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.commandLine().execute("no-such-command")).isEqualTo(2);
    } finally {
      System.setErr(original);
    }
  }
}
