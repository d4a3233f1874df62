package io.wrpkafka.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextSwitchesTest {
  @TempDir
  Path tasks;

  private void thread(String id, long voluntary, long involuntary) throws IOException {
    Files.createDirectories(tasks.resolve(id));
    Files.writeString(tasks.resolve(id).resolve("status"), String.join("\n",
        "Name:\tjava",
        "voluntary_ctxt_switches:\t" + voluntary,
        "nonvoluntary_ctxt_switches:\t" + involuntary,
        ""));
  }

  private void ended(String id) throws IOException {
    Files.delete(tasks.resolve(id).resolve("status"));
    Files.delete(tasks.resolve(id));
  }

  @Test
  void countsTheSwitchesOfLiveThreadsSinceTheSnapshotAndNewThreadsInFull() throws IOException {
    thread("101", 90, 10);
    thread("102", 40, 0);
    ContextSwitches before = ContextSwitches.snapshot(tasks);
    thread("101", 110, 10);
    thread("103", 5, 2);

    assertThat(before.since(tasks)).isEqualTo(20 + 0 + 7);
  }

  @Test
  void aThreadThatEndedInBetweenIsMissedRatherThanMakingTheCountNegative() throws IOException {
    thread("101", 10, 0);
    thread("102", 500, 0);
    ContextSwitches before = ContextSwitches.snapshot(tasks);
    ended("102");
    thread("101", 13, 0);

    assertThat(before.since(tasks)).isEqualTo(3);
  }

  @Test
  void withoutProcTheCountIsUnknown() {
    ContextSwitches before = ContextSwitches.snapshot(tasks.resolve("absent"));

    assertThat(before.since(tasks)).isEqualTo(-1);
  }
}
