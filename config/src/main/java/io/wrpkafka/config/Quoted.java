package io.wrpkafka.config;

/** Quotes a value for a message, escaping quotes, backslashes and control characters. */
final class Quoted {
  private static final int MAX_SHOWN = 80;

  private Quoted() {}

  static String of(String value) {
    StringBuilder s = new StringBuilder("\"");
    int shown = Math.min(value.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        case '\r' -> s.append("\\r");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    if (shown < value.length()) {
      s.append("…");
    }
    return s.append('"').toString();
  }
}
