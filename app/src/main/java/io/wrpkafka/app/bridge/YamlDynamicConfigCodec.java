package io.wrpkafka.app.bridge;

import io.wrpkafka.ConfigException;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.config.ConfigProblem;
import io.wrpkafka.config.WrpKafkaConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The configuration file's own reader ({@link WrpKafkaConfig}) as a {@link DynamicConfigCodec}:
 * {@code PUT /api/v1/config} takes the dynamic keys in YAML or JSON, {@code GET} shows them as
 * the file spells them. Thread-safe.
 */
final class YamlDynamicConfigCodec implements DynamicConfigCodec {
  private static final String SOURCE = "request body";

  @Override
  public Parsed parse(String text) {
    List<ConfigProblem> problems = WrpKafkaConfig.validateDynamic(text, SOURCE);
    if (!problems.isEmpty()) {
      return Parsed.invalid(problems.stream().map(ConfigProblem::toString).toList());
    }
    try {
      return Parsed.of(WrpKafkaConfig.parseDynamic(text, SOURCE));
    } catch (ConfigException e) {
      return Parsed.invalid(List.of(e.getMessage()));
    }
  }

  @Override
  public Map<String, Object> toMap(DynamicConfig config) {
    return WrpKafkaConfig.toMap(config);
  }

  /**
   * Reads the dynamic part of a whole configuration file, with the process environment, for the
   * file watcher. Never throws for a bad file.
   */
  static Parsed loadFile(Path file) {
    Map<String, String> environment = System.getenv();
    List<ConfigProblem> problems = WrpKafkaConfig.validate(file, environment);
    if (!problems.isEmpty()) {
      return Parsed.invalid(problems.stream().map(ConfigProblem::toString).toList());
    }
    try {
      return Parsed.of(WrpKafkaConfig.load(file, environment).dynamicConfig());
    } catch (ConfigException e) {
      return Parsed.invalid(List.of(e.getMessage()));
    }
  }
}
