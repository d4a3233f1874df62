package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  @Test
  void benchPassesItsArgumentsToTheEndToEndBenchmark() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      exit = Main.commandLine().execute("bench", "--help");
    } finally {
      System.setOut(original);
    }
    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--quick", "--output DIR");
  }

  @Test
  void benchRejectsAnUnknownOptionAsBadUsage() {
    PrintStream original = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.commandLine().execute("bench", "--no-such-option")).isEqualTo(2);
    } finally {
      System.setErr(original);
    }
  }
}
