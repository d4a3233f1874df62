package io.wrpkafka.app;

import java.util.List;

/**
 * Stands in for the benchmark's main class in {@link BenchCommandTest}: prints its arguments on
 * standard output, a line on standard error, and exits with the number after {@code --exit}.
 */
final class EchoArguments {
  private EchoArguments() {}

  public static void main(String[] args) {
    System.out.println("arguments: " + String.join(" ", args));
    System.err.println("a line on standard error");
    int exit = List.of(args).indexOf("--exit");
    System.exit(exit >= 0 ? Integer.parseInt(args[exit + 1]) : 0);
  }
}
