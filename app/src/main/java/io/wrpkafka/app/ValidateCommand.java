package io.wrpkafka.app;

import io.wrpkafka.ConfigException;
import io.wrpkafka.config.ConfigProblem;
import io.wrpkafka.config.WrpKafkaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a configuration file and prints every problem with its file, line and column. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a configuration file and prints every problem with its line.",
      "%nChecks YAML syntax, unknown or misspelt keys, types, durations, routes and the rules "
          + "the publisher checks at start. Prints every problem as FILE:LINE:COLUMN: key: what "
          + "is wrong, or \"OK\" with a summary. $${VAR} and $${VAR:-default} are substituted "
          + "from the environment, as serve does.%n"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the configuration is valid", "1:problems were found", "2:bad command line"})
final class ValidateCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "The configuration file to check.")
  Path config;

  @Override
  public Integer call() {
    if (Files.isDirectory(config)) {
      System.err.println(config + ": is a directory (expected a YAML file)");
      return 1;
    }
    if (!Files.exists(config)) {
      System.err.println(config + ": no such file");
      return 1;
    }
    List<ConfigProblem> problems = WrpKafkaConfig.validate(config, System.getenv());
    if (!problems.isEmpty()) {
      problems.forEach(problem -> System.out.println(problem));
      System.out.println(problems.size() + (problems.size() == 1 ? " problem" : " problems")
          + " in " + config);
      return 1;
    }
    WrpKafkaConfig loaded;
    try {
      loaded = WrpKafkaConfig.load(config, System.getenv());
    } catch (ConfigException e) {
      System.out.println(e.getMessage());
      return 1;
    }
    loaded.warnings().forEach(warning -> System.out.println("warning: " + warning));
    int routes = loaded.dynamicConfig().topicMap().size();
    System.out.println("OK: " + config + " is valid: Kafka publishing "
        + (loaded.kafkaEnabled()
            ? "to " + String.join(",", loaded.publisher().orElseThrow().brokers())
            : "disabled")
        + ", " + routes + (routes == 1 ? " route" : " routes") + " ("
        + (loaded.dynamicConfig().routing() == io.wrpkafka.Routing.FIRST
            ? "the first matching route wins" : "every matching route gets the message")
        + "), bridge on port " + loaded.server().port());
    return 0;
  }
}
