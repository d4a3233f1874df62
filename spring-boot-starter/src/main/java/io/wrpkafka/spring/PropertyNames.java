package io.wrpkafka.spring;

/*
 * The config module names a problem by its YAML path: kafka.topicMap[0].shardBy, with map keys
 * quoted (kafka.headers["x-id"], kafka.kafkaProperties["linger.ms"]). A Spring user writes the
 * canonical property name: wrpkafka.topic-map[0].shard-by, wrpkafka.headers[x-id].
 */
final class PropertyNames {
  private PropertyNames() {}

  /** The Spring property name of the config module's {@code path}. */
  static String of(String path) {
    String rest = path;
    if (rest.equals("kafka")) {
      rest = "";
    } else if (rest.startsWith("kafka.")) {
      rest = rest.substring("kafka.".length());
    }
    StringBuilder name = new StringBuilder(WrpKafkaProperties.PREFIX);
    if (!rest.isEmpty() && rest.charAt(0) != '[') {
      name.append('.');
    }
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      if (c == '[') {
        int end = closing(rest, i);
        String inside = rest.substring(i + 1, end);
        if (inside.length() >= 2 && inside.startsWith("\"") && inside.endsWith("\"")) {
          inside = inside.substring(1, inside.length() - 1).replace("\\\"", "\"");
        }
        name.append('[').append(inside).append(']');
        i = end + 1;
      } else if (Character.isUpperCase(c)) {
        name.append('-').append(Character.toLowerCase(c));
        i++;
      } else {
        name.append(c);
        i++;
      }
    }
    return name.toString();
  }

  // The bracket that closes the one at open, skipping a quoted key that may hold ']'.
  private static int closing(String path, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ']' && !quoted) {
        return i;
      }
    }
    return path.length() - 1;
  }
}
