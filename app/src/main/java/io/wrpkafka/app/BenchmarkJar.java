package io.wrpkafka.app;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where {@code wrpkafka bench} finds the benchmarks' jar: {@code benchmarks/target/benchmarks.jar}
 * of the checkout the app was built in. The app's jar (or, in tests, its classes directory) lies
 * in {@code app/target}, so the benchmarks' jar is two levels up from that directory. The jar keeps
 * its dependencies (JMH, xchart, HdrHistogram) in its own {@code lib/}, off the bridge's classpath.
 */
final class BenchmarkJar {
  /** Builds the jar, from the repository root. */
  static final String BUILD_COMMAND = "mvn -B -q -pl benchmarks -am package -DskipTests -Dfuzz.skip";

  private BenchmarkJar() {}

  /** The jar's path for app code at {@code appCode}: a jar or classes directory in {@code app/target}. */
  static Path besideApp(Path appCode) {
    Path appTarget = appCode.toAbsolutePath().normalize().getParent();
    return appTarget.resolve("../../benchmarks/target/benchmarks.jar").normalize();
  }

  /** The jar's path for the app code running now. */
  static Path besideRunningApp() {
    try {
      return besideApp(Path.of(BenchmarkJar.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the app's code location is not a file path", e);
    }
  }

  /** What to tell the user when {@code jar} does not exist: where it was looked for and how to build it. */
  static String missing(Path jar) {
    return "bench: the benchmarks are not built: " + jar + " does not exist.\n"
        + "Build them from the repository root with\n"
        + "  " + BUILD_COMMAND + "\n"
        + "or run ./wrpkafka bench, which builds them first.";
  }
}
