package io.wrpkafka.internal;

import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;

/**
 * The {@link ErrorType#BUFFER_FULL} refusal of one record, without a stack trace. A publisher
 * that outruns its broker refuses records by the hundred thousand (QoS 0–24 drops them), and
 * filling in a stack per refusal cost more than the rest of the drop path; the trace would only
 * show the caller's produce call, which the caller knows. The message keeps the whole reason
 * (topic, wait, buffer counts). Callers see a {@link PublishException}.
 */
final class BufferFullException extends PublishException {
  private static final long serialVersionUID = 1L;

  BufferFullException(String message) {
    super(ErrorType.BUFFER_FULL, message);
  }

  /** Records no stack: see the class comment. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
