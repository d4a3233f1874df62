package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TlsConfigTest {

  @Test
  void builtConfigIsEnabledAndVerifiesByDefault() {
    TlsConfig tls = TlsConfig.builder().build();
    assertThat(tls.enabled()).isTrue();
    assertThat(tls.insecureSkipVerify()).isFalse();
    assertThat(tls.caFile()).isEmpty();
  }

  @Test
  void certFileWithoutKeyFileIsRejected() {
    assertThatThrownBy(() -> TlsConfig.builder().certFile(Path.of("client.pem")).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("keyFile: required when certFile is set");
  }

  @Test
  void keyFileWithoutCertFileIsRejected() {
    assertThatThrownBy(() -> TlsConfig.builder().keyFile(Path.of("client.key")).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("certFile: required when keyFile is set");
  }

  @Test
  void toBuilderKeepsEveryValue() {
    TlsConfig tls = TlsConfig.builder().enabled(false).insecureSkipVerify(true)
        .certFile(Path.of("c.pem")).keyFile(Path.of("k.pem")).keyPassword("pw")
        .caFile(Path.of("ca.pem")).build();
    assertThat(tls.toBuilder().build()).isEqualTo(tls);
  }

  @Test
  void toStringShowsPathsOnly() {
    TlsConfig tls = TlsConfig.builder().certFile(Path.of("c.pem")).keyFile(Path.of("k.pem"))
        .build();
    assertThat(tls.toString()).contains("keyFile=k.pem").doesNotContain("BEGIN");
  }

  @Test
  void keyPasswordWithoutKeyFileIsRejected() {
    assertThatThrownBy(() -> TlsConfig.builder().keyPassword("pw").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("keyPassword: set, but there is no keyFile");
  }

  @Test
  void emptyKeyPasswordIsRejected() {
    assertThatThrownBy(() -> TlsConfig.builder().certFile(Path.of("c.pem"))
        .keyFile(Path.of("k.pem")).keyPassword("").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("keyPassword: must not be empty");
  }

  @Test
  void toStringHidesTheKeyPassword() {
    TlsConfig tls = TlsConfig.builder().certFile(Path.of("c.pem")).keyFile(Path.of("k.pem"))
        .keyPassword("key-s3cret").build();

    assertThat(tls.toString()).contains("keyPassword=***").doesNotContain("key-s3cret");
  }
}
