package io.wrpkafka.app.bridge;

import io.wrpkafka.DynamicConfig;
import java.util.List;
import java.util.Map;

/**
 * Reads and shows the dynamic part of the configuration for {@code GET/PUT /api/v1/config}.
 * Implementations are thread-safe and have no side effects.
 */
interface DynamicConfigCodec {

  /**
   * Parses the dynamic part (topicMap, headers, compressionCodec, linger, batchMaxBytes, acks,
   * routing) from YAML or JSON text. Never throws for bad input: problems come back in the
   * result, each naming the key (and line, where known) and the bad value.
   */
  Parsed parse(String text);

  /** The configuration as plain maps and lists, in the file's keys, for a JSON answer. */
  Map<String, Object> toMap(DynamicConfig config);

  /** A parsed config, or why there is none. */
  record Parsed(DynamicConfig config, List<String> problems) {
    /** Exactly one of {@code config} and a non-empty {@code problems}. */
    public Parsed {
      problems = List.copyOf(problems);
      if ((config == null) == problems.isEmpty()) {
        throw new IllegalArgumentException("a parse gives either a config or problems");
      }
    }

    /** A valid config. */
    public static Parsed of(DynamicConfig config) {
      return new Parsed(config, List.of());
    }

    /** No config, and why. */
    public static Parsed invalid(List<String> problems) {
      return new Parsed(null, problems);
    }
  }
}
