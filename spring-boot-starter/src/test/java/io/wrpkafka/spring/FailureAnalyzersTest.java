package io.wrpkafka.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Spring's startup failure report explains a failed wrpkafka start; no broker is needed. */
class FailureAnalyzersTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(WrpKafkaAutoConfiguration.class))
      .withPropertyValues("wrpkafka.topic-map[0].pattern=*", "wrpkafka.topic-map[0].topic=t");

  /* The registered analyzers that need no constructor arguments: ours among them. */
  private static List<FailureAnalyzer> registered() {
    return SpringFactoriesLoader.forDefaultResourceLocation()
        .load(FailureAnalyzer.class, (type, name, failure) -> { });
  }

  private static FailureAnalysis analysis(Throwable failure) {
    for (FailureAnalyzer analyzer : registered()) {
      if (analyzer instanceof ConfigFailureAnalyzer || analyzer instanceof StartFailureAnalyzer) {
        FailureAnalysis analysis = analyzer.analyze(failure);
        if (analysis != null) {
          return analysis;
        }
      }
    }
    return null;
  }

  @Test
  void bothAnalyzersAreRegisteredWithSpring() {
    assertThat(registered())
        .hasAtLeastOneElementOfType(ConfigFailureAnalyzer.class)
        .hasAtLeastOneElementOfType(StartFailureAnalyzer.class);
  }

  @Test
  void badPropertiesAreDescribedByTheirNamesWithoutAStackTrace() {
    runner.withPropertyValues("wrpkafka.brokers=k1:9092", "wrpkafka.acks=most",
        "wrpkafka.sasl.mechanism=SCRAM-SHA-512", "wrpkafka.sasl.username=u",
        "wrpkafka.sasl.password=hunter2-secret").run(context -> {
          FailureAnalysis analysis = analysis(context.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription()).contains("wrpkafka.acks: ")
              .doesNotContain("hunter2-secret").doesNotContain("\tat ");
          assertThat(analysis.getAction()).contains("wrpkafka.enabled=false");
        });
  }

  @Test
  void anUnreachableClusterAtStartIsDescribedWithWhatToCheck() {
    runner.withPropertyValues("wrpkafka.brokers=127.0.0.1:1", "wrpkafka.start-timeout=1s")
        .run(context -> {
          FailureAnalysis analysis = analysis(context.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription())
              .startsWith("The wrpkafka publisher could not start (timeout): ")
              .contains("127.0.0.1:1");
          assertThat(analysis.getAction()).contains("wrpkafka.brokers")
              .contains("wrpkafka.verify-on-start=false");
        });
  }
}
