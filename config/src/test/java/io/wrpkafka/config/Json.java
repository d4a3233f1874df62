package io.wrpkafka.config;

import java.util.List;
import java.util.Map;

/** A minimal JSON writer for the test of toMap: strings, numbers, booleans, lists, maps. */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(value, s);
    return s.toString();
  }

  private static void write(Object value, StringBuilder s) {
    if (value instanceof Map<?, ?> map) {
      s.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          s.append(',');
        }
        first = false;
        write(e.getKey(), s);
        s.append(':');
        write(e.getValue(), s);
      }
      s.append('}');
    } else if (value instanceof List<?> list) {
      s.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          s.append(',');
        }
        write(list.get(i), s);
      }
      s.append(']');
    } else if (value instanceof String string) {
      s.append('"');
      for (char c : string.toCharArray()) {
        if (c == '"' || c == '\\') {
          s.append('\\');
        }
        s.append(c);
      }
      s.append('"');
    } else {
      s.append(value);
    }
  }
}
