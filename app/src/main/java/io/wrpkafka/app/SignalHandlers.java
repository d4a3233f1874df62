package io.wrpkafka.app;

import sun.misc.Signal;

/** Runs an action on SIGTERM and SIGINT instead of the JVM's default exit. */
final class SignalHandlers {
  private SignalHandlers() {}

  /**
   * Installs {@code action} for TERM and INT. The action runs on a JVM signal thread and must
   * return quickly. Returns false (and installs nothing more) when a signal cannot be handled,
   * for example in a JVM started with {@code -Xrs}.
   */
  static boolean install(Runnable action) {
    try {
      Signal.handle(new Signal("TERM"), signal -> action.run());
      Signal.handle(new Signal("INT"), signal -> action.run());
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return false;
    }
  }
}
