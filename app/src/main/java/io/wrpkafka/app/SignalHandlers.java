package io.wrpkafka.app;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/** Runs an action on SIGTERM and SIGINT instead of the JVM's default exit. */
final class SignalHandlers implements AutoCloseable {
  private static final Signal TERM = new Signal("TERM");
  private static final Signal INT = new Signal("INT");

  private final SignalHandler previousTerm;
  private final SignalHandler previousInt;

  private SignalHandlers(SignalHandler previousTerm, SignalHandler previousInt) {
    this.previousTerm = previousTerm;
    this.previousInt = previousInt;
  }

  /**
   * Installs {@code action} for TERM and INT; {@link #close()} puts the previous handlers back.
   * The action runs on a JVM signal thread and must return quickly. Returns null (and leaves the
   * handlers as they were) when a signal cannot be handled, for example in a JVM started with
   * {@code -Xrs}.
   */
  static SignalHandlers install(Runnable action) {
    SignalHandler previousTerm;
    try {
      previousTerm = Signal.handle(TERM, signal -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return null;
    }
    try {
      return new SignalHandlers(previousTerm, Signal.handle(INT, signal -> action.run()));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      Signal.handle(TERM, previousTerm);
      return null;
    }
  }

  /** Restores the handlers that were in place before {@link #install}. */
  @Override
  public void close() {
    Signal.handle(TERM, previousTerm);
    Signal.handle(INT, previousInt);
  }
}
