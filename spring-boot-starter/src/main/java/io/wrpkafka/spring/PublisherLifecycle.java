package io.wrpkafka.spring;

import io.wrpkafka.Publisher;
import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the auto-configured {@link Publisher} with the application context and stops it, within
 * {@code wrpkafka.cleanup-timeout}, when the context closes. Its phase ({@link #PHASE}) is below
 * the web server's, so the publisher is started before the server takes requests and stopped
 * after the server has drained them. Called by Spring's lifecycle processor only; a publisher
 * cannot start again once stopped.
 */
final class PublisherLifecycle implements SmartLifecycle {
  /** Before the web server's start (and after its graceful shutdown). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Publisher publisher;
  private final Duration stopTimeout;

  PublisherLifecycle(Publisher publisher, Duration stopTimeout) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
  }

  /** Starts the publisher; blocks while it checks the brokers (see {@link Publisher#start()}). */
  @Override
  public void start() {
    publisher.start();
  }

  /** Flushes and closes the publisher; blocks at most about the cleanup timeout. */
  @Override
  public void stop() {
    publisher.stop(stopTimeout);
  }

  @Override
  public boolean isRunning() {
    return publisher.isStarted();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  Duration stopTimeout() {
    return stopTimeout;
  }
}
