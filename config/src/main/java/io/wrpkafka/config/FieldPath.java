package io.wrpkafka.config;

import java.util.Map;

/*
 * Core builders start their messages with a field path: "shardBy: …", "topicMap[2].topic: …",
 * "headers[\"x-id\"][1]: …". locate() reads that leading path and walks the YAML tree along it as
 * far as the tree goes (a broker given as a comma-separated string has no node per index), so the
 * problem gets the line of the most specific node. A message without such a prefix ("topic,
 * topics: mutually exclusive") stays whole, located at its first field if that exists.
 */
final class FieldPath {
  private FieldPath() {}

  /** Where a message belongs: the node, the path below the base, and the rest of the message. */
  record Located(YamlNode node, String path, String message) {}

  static Located locate(String message, YamlNode base, Map<String, String> aliases) {
    YamlNode node = base;
    StringBuilder path = new StringBuilder();
    int i = 0;
    boolean walking = true;
    boolean first = true;
    while (i < message.length()) {
      char c = message.charAt(i);
      if (first || c == '.') {
        int start = c == '.' && !first ? i + 1 : i;
        int end = start;
        while (end < message.length() && Character.isLetterOrDigit(message.charAt(end))) {
          end++;
        }
        if (end == start || !Character.isLetter(message.charAt(start))) {
          break;
        }
        String name = message.substring(start, end);
        String key = first ? aliases.getOrDefault(name, name) : name;
        if (!first) {
          path.append('.');
        }
        path.append(key);
        if (walking && node instanceof YamlNode.Mapping m && m.entry(key).isPresent()) {
          node = m.entry(key).get().value();
        } else {
          walking = false;
        }
        first = false;
        i = end;
      } else if (c == '[') {
        int close = closing(message, i);
        if (close < 0) {
          break;
        }
        String inside = message.substring(i + 1, close);
        path.append(message, i, close + 1);
        if (inside.startsWith("\"")) {
          String key = inside.substring(1, inside.length() - 1);
          if (walking && node instanceof YamlNode.Mapping m && m.entry(key).isPresent()) {
            node = m.entry(key).get().value();
          } else {
            walking = false;
          }
        } else {
          int index = Integer.parseInt(inside);
          if (walking && node instanceof YamlNode.Sequence s && index < s.items().size()) {
            node = s.items().get(index);
          } else {
            walking = false;
          }
        }
        i = close + 1;
      } else {
        break;
      }
    }
    if (path.length() > 0 && message.startsWith(": ", i)) {
      return new Located(node, path.toString(), message.substring(i + 2));
    }
    return new Located(node, "", message);
  }

  // The index of the ']' closing a "[digits]" or "[\"key\"]" at open, or -1.
  private static int closing(String message, int open) {
    int i = open + 1;
    if (i < message.length() && message.charAt(i) == '"') {
      int quote = message.indexOf("\"]", i + 1);
      return quote < 0 ? -1 : quote + 1;
    }
    int start = i;
    while (i < message.length() && Character.isDigit(message.charAt(i))) {
      i++;
    }
    if (i == start || i - start > 9 || i >= message.length() || message.charAt(i) != ']') {
      return -1;
    }
    return i;
  }
}
