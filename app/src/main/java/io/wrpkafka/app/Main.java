package io.wrpkafka.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wrpkafka} command line. Exit codes: 0 success, 1 the command ran and failed
 * (for example the demo found a record missing), 2 bad usage; {@code replay} also exits 130
 * when Ctrl-C or SIGTERM stops it before the end.
 */
@Command(
    name = "wrpkafka",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Publishes WRP device events to Apache Kafka.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      RouteCommand.class,
      TailCommand.class,
      ValidateCommand.class,
      BrokerCommand.class,
      BenchCommand.class,
      ReplayCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  private Main() {}

  /** Runs the command line and exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
