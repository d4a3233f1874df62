package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchmarkJarTest {

  @ParameterizedTest(name = "app code {0} -> {1}")
  @CsvSource({
    "/repo/app/target/wrpkafka-app.jar, /repo/benchmarks/target/benchmarks.jar",
    "/repo/app/target/classes,          /repo/benchmarks/target/benchmarks.jar",
    "/repo/./app/target/classes/,       /repo/benchmarks/target/benchmarks.jar"
  })
  void theBenchmarksJarIsInTheCheckoutsBenchmarksTarget(String appCode, String expected) {
    assertThat(BenchmarkJar.besideApp(Path.of(appCode))).isEqualTo(Path.of(expected));
  }
}
