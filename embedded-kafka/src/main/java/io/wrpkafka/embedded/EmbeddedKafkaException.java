package io.wrpkafka.embedded;

/**
 * Thrown when an {@link EmbeddedKafka} node fails to start or stop, or an administrative operation
 * such as {@link EmbeddedKafka#createTopic(String, int)} fails. The message names the node or
 * topic and, for a broker failure, includes the last lines of the node's log file.
 */
public final class EmbeddedKafkaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public EmbeddedKafkaException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
