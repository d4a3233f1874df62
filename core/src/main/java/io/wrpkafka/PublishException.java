package io.wrpkafka;

import java.util.Objects;

/**
 * A message could not be published. {@link #errorType()} classifies the failure with a stable
 * metrics label. The message says what went wrong and where (the event type, topic or field), but
 * never contains a payload, a whole WRP message or a secret.
 */
public class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType errorType;

  /** Creates an exception of the given type. */
  public PublishException(ErrorType errorType, String message) {
    super(message);
    this.errorType = Objects.requireNonNull(errorType, "errorType");
  }

  /** Creates an exception of the given type with its cause. */
  public PublishException(ErrorType errorType, String message, Throwable cause) {
    super(message, cause);
    this.errorType = Objects.requireNonNull(errorType, "errorType");
  }

  /** The classification of this failure; never null. */
  public ErrorType errorType() {
    return errorType;
  }
}
