package io.wrpkafka.spring;

import io.wrpkafka.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/*
 * A context that fails on bad wrpkafka.* properties shows the problems (one per line, each
 * named by its property) in Spring's startup failure report instead of a bean-creation stack.
 */
final class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Correct the wrpkafka.* properties named above (see the starter's README for every"
            + " property and its default), or set wrpkafka.enabled=false to start without"
            + " publishing.",
        cause);
  }
}
