package io.wrpkafka;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * The core tests' SLF4J binding: slf4j-simple's output, but with a working MDC (slf4j-simple's
 * own is a no-op), so tests can see the {@code transaction_uuid} the publisher puts there.
 * Chosen with the {@code slf4j.provider} system property in core's surefire configuration.
 */
public final class SimpleLoggingWithMdc extends SimpleServiceProvider {
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }
}
