package io.wrpkafka.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuProfileTest {
  private static final Map<String, Long> STACKS = new LinkedHashMap<>();

  static {
    STACKS.put("[wrpkafka-lane-a-1 tid=11];Lane.run;KafkaProducer.send", 50L);
    STACKS.put("[wrpkafka-lane-a-2 tid=12];Lane.run;Unsafe.park", 10L);
    STACKS.put("[wrpkafka-lane-a-2 tid=12];Lane.run;PendingRecord.built;"
        + "asm_exc_page_fault_[k];clear_page_erms_[k]", 20L);
    STACKS.put("[main tid=1];Publisher.produce;MsgpackWriter.string", 20L);
  }

  @Test
  void summaryFoldsThreadsOfOnePoolIntoOneLineLargestFirst() {
    String summary = CpuProfile.summary(STACKS, 2);

    assertThat(summary.lines().filter(l -> l.contains("page faults")))
        .containsExactly(
            " 80.0 % [wrpkafka-lane-a-N] (page faults 25.0 % of its samples)",
            " 20.0 % [main] (page faults 0.0 % of its samples)");
  }

  @Test
  void summaryGivesEachThreadsTopFramesBySelfSamples() {
    String summary = CpuProfile.summary(STACKS, 2);

    assertThat(summary.lines())
        .containsSubsequence(
            " 80.0 % [wrpkafka-lane-a-N] (page faults 25.0 % of its samples)",
            "           62.5 % KafkaProducer.send",
            "           25.0 % clear_page_erms_[k]",
            " 20.0 % [main] (page faults 0.0 % of its samples)",
            "          100.0 % MsgpackWriter.string")
        .doesNotContain("           12.5 % Unsafe.park");
  }
}
