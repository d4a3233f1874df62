package io.wrpkafka.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the spool store benchmark with a handful of entries so that the harness cannot rot: every
 * store and fsync mode gets a row, recovery reads back every entry (the run fails otherwise), and
 * the files are cleaned up. Checks what the run prints, never how fast it was.
 */
class SpoolStoreBenchmarkTest {

  @Test
  void tinyRunPrintsEveryStoreAndModeAndRecoversEveryEntry(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SpoolStoreBenchmark.run(new String[] {"--entries", "1200", "--always-entries", "8",
        "--recovery-entries", "200", "--rounds", "1", "--sizes", "300",
        "--dir", dir.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String report = bytes.toString(StandardCharsets.UTF_8);
    for (SpoolStoreBenchmark.Store store : SpoolStoreBenchmark.Store.values()) {
      for (SpoolStoreBenchmark.Mode mode : SpoolStoreBenchmark.MODES) {
        assertThat(report).contains("| " + store.title + " | 300 B | " + mode.title() + " | ");
      }
      assertThat(report).contains("| " + store.title + " | 300 B | 200 | ");
    }
    assertThat(report).contains("| 300 B | 200 | ");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void samplesHaveExactlyTheRequestedEntrySize() {
    for (int size : new int[] {300, 900}) {
      assertThat(SpoolStoreBenchmark.samples(size))
          .allSatisfy(sample -> assertThat(SpoolStoreBenchmark.encodedSize(sample))
              .isEqualTo(size));
    }
  }
}
