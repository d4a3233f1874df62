package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ServerConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ServerConfig c = ServerConfig.defaults();
    assertThat(c.address()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(6100);
    assertThat(c.maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(c.basic()).isEmpty();
    assertThat(c.bearerTokens()).isEmpty();
    assertThat(c.ingestAuthRequired()).isFalse();
    assertThat(c.adminToken()).isEmpty();
    assertThat(c.watchConfig()).isFalse();
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.tls()).isEmpty();
  }

  @Test
  void toBuilderRoundTrips() {
    ServerConfig c = ServerConfig.builder().address("::1").port(1).maxBodyBytes(10)
        .basic(List.of(new BasicCredential("u", "p"))).bearerTokens(List.of("t"))
        .adminToken("a").watchConfig(true).drainTimeout(Duration.ZERO)
        .tls(ServerTls.builder().certFile(Path.of("c.pem")).keyFile(Path.of("k.pem"))
            .caFile(Path.of("ca.pem")).clientAuth(ServerTls.ClientAuth.REQUEST).build())
        .build();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.ingestAuthRequired()).isTrue();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("blank address", (UnaryOperator<ServerConfig.Builder>) b -> b.address(" "),
            "address: must not be blank (e.g. 0.0.0.0 or 127.0.0.1)"),
        Arguments.of("negative port", (UnaryOperator<ServerConfig.Builder>) b -> b.port(-1),
            "port: -1 is out of range (expected 0 to 65535)"),
        Arguments.of("zero body limit",
            (UnaryOperator<ServerConfig.Builder>) b -> b.maxBodyBytes(0),
            "maxBodyBytes: 0 is out of range (expected 1 to 2147483647)"),
        Arguments.of("blank Basic user", (UnaryOperator<ServerConfig.Builder>)
            b -> b.basic(List.of(new BasicCredential(" ", "p"))),
            "auth.basic[0].username: required"),
        Arguments.of("empty Basic password", (UnaryOperator<ServerConfig.Builder>)
            b -> b.basic(List.of(new BasicCredential("u", "p"), new BasicCredential("v", ""))),
            "auth.basic[1].password: required"),
        Arguments.of("empty bearer token", (UnaryOperator<ServerConfig.Builder>)
            b -> b.bearerTokens(List.of("")), "auth.bearerTokens[0]: must not be empty"),
        Arguments.of("admin token with a tab", (UnaryOperator<ServerConfig.Builder>)
            b -> b.adminToken("ab\tc"),
            "adminToken: must not contain blanks or control characters (character 3)"),
        Arguments.of("negative drain timeout", (UnaryOperator<ServerConfig.Builder>)
            b -> b.drainTimeout(Duration.ofSeconds(-1)),
            "drainTimeout: must not be negative (got -1s)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void buildRejectsNamingTheField(String name, UnaryOperator<ServerConfig.Builder> change,
      String message) {
    assertThatThrownBy(() -> change.apply(ServerConfig.builder()).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void toStringHidesPasswordsAndTokens() {
    ServerConfig c = ServerConfig.builder().basic(List.of(new BasicCredential("u", "pw-1")))
        .bearerTokens(List.of("tok-2")).adminToken("adm-3").build();
    assertThat(c.toString()).doesNotContain("pw-1", "tok-2", "adm-3").contains("username=u");
  }

  static Stream<Arguments> invalidTls() {
    return Stream.of(
        Arguments.of("no certificate file",
            (UnaryOperator<ServerTls.Builder>) b -> b.keyFile(Path.of("k.pem")),
            "certFile: required (the server's certificate chain, PEM)"),
        Arguments.of("no key file",
            (UnaryOperator<ServerTls.Builder>) b -> b.certFile(Path.of("c.pem")),
            "keyFile: required (the server's private key, PEM)"),
        Arguments.of("client certificates requested without a CA",
            (UnaryOperator<ServerTls.Builder>) b -> b.certFile(Path.of("c.pem"))
                .keyFile(Path.of("k.pem")).clientAuth(ServerTls.ClientAuth.REQUEST),
            "caFile: required when clientAuth is request (the CA that signs the client"
                + " certificates, PEM)"),
        Arguments.of("client certificates required without a CA",
            (UnaryOperator<ServerTls.Builder>) b -> b.certFile(Path.of("c.pem"))
                .keyFile(Path.of("k.pem")).clientAuth(ServerTls.ClientAuth.REQUIRED),
            "caFile: required when clientAuth is required (the CA that signs the client"
                + " certificates, PEM)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTls")
  void tlsBuildRejectsNamingTheField(String name, UnaryOperator<ServerTls.Builder> change,
      String message) {
    assertThatThrownBy(() -> change.apply(ServerTls.builder()).build())
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource({"none, NONE", "request, REQUEST", "REQUIRED, REQUIRED", "' Required ', REQUIRED"})
  void clientAuthParsesItsThreeWords(String value, ServerTls.ClientAuth expected) {
    assertThat(ServerTls.ClientAuth.parse(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @CsvSource({"want", "''", "optional"})
  void clientAuthRejectsOtherWordsNamingTheAcceptedOnes(String value) {
    assertThatThrownBy(() -> ServerTls.ClientAuth.parse(value))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("clientAuth: unknown value")
        .hasMessageEndingWith("(expected none, request or required)");
  }
}
