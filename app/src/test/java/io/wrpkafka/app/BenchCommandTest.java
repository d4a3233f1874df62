package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code bench} starts the benchmarks' jar in a JVM of its own. These tests give it a jar whose
 * main class is {@link EchoArguments}: the benchmark itself is run by {@code ./wrpkafka bench}
 * and benchmarks/run.sh, and its options are tested in the benchmarks module.
 */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void benchRunsTheJarsMainClassInItsOwnJvmWithEveryArgument() throws IOException {
    Cli.Run run = bench(echoJar(), "--quick", "--output", "some dir");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("arguments: --quick --output some dir");
  }

  @Test
  void benchExitsWithTheBenchmarksExitCode() throws IOException {
    assertThat(bench(echoJar(), "--exit", "2").exit()).isEqualTo(2);
  }

  @Test
  void benchPassesTheBenchmarksStandardErrorThrough() throws IOException {
    assertThat(bench(echoJar()).err()).contains("a line on standard error");
  }

  @Test
  void benchWithoutTheJarSaysWhereItLookedAndHowToBuildIt() {
    Path missing = dir.resolve("benchmarks/target/benchmarks.jar");

    Cli.Run run = bench(missing, "--quick");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(missing + " does not exist")
        .contains("mvn -B -q -pl benchmarks -am package -DskipTests -Dfuzz.skip")
        .contains("./wrpkafka bench");
    assertThat(run.out()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("jvmOptions")
  void benchGivesTheChildJvmThisJvmsOptionsAndRunShsHeapWhereNoneIsNamed(
      List<String> parent, List<String> child) {
    assertThat(BenchCommand.childOptions(parent)).containsExactlyElementsOf(child);
  }

  static Stream<Arguments> jvmOptions() {
    return Stream.of(
        arguments(List.of(), List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch")),
        arguments(List.of("-Xmx8g"), List.of("-Xmx8g", "-Xms2g", "-XX:+AlwaysPreTouch")),
        arguments(List.of("-Xms1g", "-XX:MaxHeapSize=4g", "-XX:-AlwaysPreTouch"),
            List.of("-Xms1g", "-XX:MaxHeapSize=4g", "-XX:-AlwaysPreTouch")),
        arguments(List.of("-XX:InitialHeapSize=1g", "-Dx=y"),
            List.of("-XX:InitialHeapSize=1g", "-Dx=y", "-Xmx2g", "-XX:+AlwaysPreTouch")),
        arguments(
            List.of("-agentlib:jdwp=transport=dt_socket", "-javaagent:a.jar",
                "-agentpath:/p.so", "-Xrunjdwp:x", "-Xss1m"),
            List.of("-Xss1m", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch")));
  }

  private Path echoJar() throws IOException {
    Path jar = dir.resolve("benchmarks.jar");
    String entry = EchoArguments.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        InputStream bytes = EchoArguments.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      bytes.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  private static synchronized Cli.Run bench(Path jar, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = new CommandLine(new BenchCommand(jar, EchoArguments.class.getName())).execute(args);
      return new Cli.Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
