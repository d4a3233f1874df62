package io.wrpkafka.config;

import java.util.Objects;

/**
 * One problem found in a configuration: where it is and what is wrong. {@link #toString()} reads
 * like a compiler message, {@code bridge.yaml:12:5: kafka.topicMap[2].shardBy: unknown strategy
 * "hash" (expected roundrobin, deviceid or metadata:<field>)}. Never contains a secret value.
 *
 * @param source the file name, or {@code $NAME} for a value taken from environment variable
 *     {@code NAME}
 * @param line the 1-based line, or 0 when the problem has no line (an environment variable, an
 *     unreadable file)
 * @param column the 1-based column, or 0 with {@code line} 0
 * @param path the key path in the file, e.g. {@code kafka.topicMap[2].shardBy}; empty for the
 *     whole document
 * @param message what is wrong and what would be accepted
 */
public record ConfigProblem(String source, int line, int column, String path, String message) {
  /** Checks that no component is null. */
  public ConfigProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(source);
    if (line > 0) {
      s.append(':').append(line).append(':').append(column);
    }
    s.append(": ");
    if (!path.isEmpty()) {
      s.append(path).append(": ");
    }
    return s.append(message).toString();
  }
}
