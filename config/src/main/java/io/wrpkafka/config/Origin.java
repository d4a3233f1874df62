package io.wrpkafka.config;

/**
 * Where a value comes from: a file position (1-based line and column) or an environment variable
 * ({@code source} {@code $NAME}, line 0).
 */
record Origin(String source, int line, int column) {
  static Origin environment(String variable) {
    return new Origin("$" + variable, 0, 0);
  }
}
