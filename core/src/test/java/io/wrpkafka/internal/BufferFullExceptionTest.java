package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import org.junit.jupiter.api.Test;

class BufferFullExceptionTest {

  @Test
  void refusalKeepsItsTypeAndReasonButNoStack() {
    PublishException refusal =
        new BufferFullException("buffer full for topic t: 10/10 records, 800/1024 bytes");

    assertThat(refusal.errorType()).isEqualTo(ErrorType.BUFFER_FULL);
    assertThat(refusal.retryable()).isTrue();
    assertThat(refusal).hasMessage("buffer full for topic t: 10/10 records, 800/1024 bytes");
    assertThat(refusal.getStackTrace()).isEmpty();
  }
}
