package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthFailuresTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("plain HTTP, whose bytes Netty quotes",
            new NotSslRecordException("not an SSL/TLS record: 474554202f20485454502f312e31"),
            "the client did not speak TLS (plain HTTP to the HTTPS port?)"),
        Arguments.of("plain HTTP wrapped by the decoder",
            new DecoderException(new NotSslRecordException("not an SSL/TLS record: 4745")),
            "the client did not speak TLS (plain HTTP to the HTTPS port?)"),
        Arguments.of("no client certificate",
            new SSLHandshakeException("Empty client certificate chain"),
            "SSLHandshakeException: Empty client certificate chain"),
        Arguments.of("TLS failure wrapped by the decoder",
            new DecoderException(new SSLHandshakeException("PKIX path building failed")),
            "SSLHandshakeException: PKIX path building failed"),
        Arguments.of("anything else, whose text is left out",
            new IOException("Connection reset; Authorization: Basic dGFsYXJpYTpwdzE="),
            "IOException"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void handshakeReasonSaysWhyWithoutQuotingTheClient(String name, Throwable failure,
      String reason) {
    assertThat(AuthFailures.handshakeReason(failure)).isEqualTo(reason);
  }
}
