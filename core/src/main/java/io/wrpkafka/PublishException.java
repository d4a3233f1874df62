package io.wrpkafka;

import java.util.Objects;

/**
 * A message could not be published. {@link #errorType()} classifies the failure with a stable
 * metrics label and {@link #retryable()} says whether trying again later may succeed. The message
 * says what went wrong and where (the event type, topic or field), but never contains a payload, a
 * whole WRP message or a secret.
 */
public class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType errorType;
  private final boolean retryable;

  /** Creates an exception of the given type, retryable as the type is by default. */
  public PublishException(ErrorType errorType, String message) {
    this(errorType, message, null);
  }

  /** Creates an exception of the given type with its cause, retryable as the type is by default. */
  public PublishException(ErrorType errorType, String message, Throwable cause) {
    this(errorType, message, cause, Objects.requireNonNull(errorType, "errorType").retryable());
  }

  /** Creates an exception of the given type with its cause and an explicit retry verdict. */
  public PublishException(
      ErrorType errorType, String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.errorType = Objects.requireNonNull(errorType, "errorType");
    this.retryable = retryable;
  }

  /** The classification of this failure; never null. */
  public ErrorType errorType() {
    return errorType;
  }

  /**
   * Whether the same record may succeed if sent again later, unchanged: true for passing
   * conditions (a timeout, a broker away, too few in-sync replicas, a full buffer), false for
   * failures that need a change first (credentials, ACLs, a missing topic, a record too large).
   * Derived from the Kafka client's exception class ({@code RetriableException} and the
   * authentication/authorization families), never from message text.
   */
  public boolean retryable() {
    return retryable;
  }
}
