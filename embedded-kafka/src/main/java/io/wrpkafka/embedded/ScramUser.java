package io.wrpkafka.embedded;

/**
 * A SCRAM credential that the brokers' storage is formatted with. {@link #toString()} hides the
 * password.
 */
record ScramUser(String mechanism, String user, String password) {

  /** The value of one {@code kafka-storage format --add-scram} argument. */
  String formatArgument() {
    return mechanism + "=[name=" + user + ",password=" + password + "]";
  }

  @Override
  public String toString() {
    return mechanism + ":" + user + ":***";
  }
}
