package io.wrpkafka.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the end-to-end benchmark in its smallest mode against a real embedded broker, so that
 * the harness cannot rot. Checks what the run writes, never how fast it was.
 */
class EndToEndBenchmarkTest {

  @Test
  void smokeRunWritesAReportWithEverySectionAndAChart(@TempDir Path output) throws Exception {
    int status = EndToEndBenchmark.run(
        new String[] {"--smoke", "--output", output.toString(), "--name", "smoke"});

    assertThat(status).isZero();
    String report = Files.readString(output.resolve("smoke.md"), StandardCharsets.UTF_8);
    assertThat(report).contains(EndToEndReport.SECTIONS);
    for (Mode mode : Mode.values()) {
      assertThat(report).contains("| " + mode.title + " |");
    }
    assertThat(report)
        .contains("| No record lost (every taken record reached its topic) | 0 lost | yes |")
        .contains("300 of 300 attempted")
        .contains("| QoS 50, one caller, ≥ 0.95× the raw producer, telemetry-only sample |")
        .contains("| CPU per record, QoS 50 ≤ 1.5× the raw producer's |")
        .contains("| Context switches per record, QoS 50 ≤ 0.1 |")
        .contains("| QoS 10 offered at the raw producer's rate: throughput ≥ 1.0× QoS 50, 0 drops |")
        .contains("| Heap per record buffered while the broker is down ≤ 1.2× its counted bytes |");
    byte[] png = Files.readAllBytes(output.resolve("smoke.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }
}
