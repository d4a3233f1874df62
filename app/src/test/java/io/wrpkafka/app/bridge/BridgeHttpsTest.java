package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.ConfigException;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.config.ServerTls;
import io.wrpkafka.config.ServerTls.ClientAuth;
import io.wrpkafka.embedded.Certificates;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code server.tls}: the bridge serves HTTPS with PEM files, and mutual TLS when asked, to the
 * JDK's own HTTPS client. Certificates come from embedded-kafka's {@link Certificates}; Kafka plays
 * no part, so publishing is disabled and a routable message is answered 202.
 */
class BridgeHttpsTest {
  @TempDir static Path dir;
  private static Certificates certs;
  /** A second, unrelated authority: its client certificate is not one the bridge trusts. */
  private static Certificates strangers;
  private Bridge bridge;

  @BeforeAll
  static void generateCertificates() {
    certs = Certificates.generate(dir.resolve("pki"));
    strangers = Certificates.generate(dir.resolve("other-pki"));
  }

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private static ServerTls tls(ClientAuth clientAuth) {
    return ServerTls.builder().certFile(certs.serverCertFile()).keyFile(certs.serverKeyFile())
        .caFile(certs.caFile()).clientAuth(clientAuth).build();
  }

  private static Bridge start(ServerTls tls) {
    return Bridge.builder()
        .settings(BridgeSettings.local(0).withTls(tls))
        .kafkaDisabled(DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("online").topic("lifecycle").build()))
            .build())
        .start();
  }

  private HttpResponse<String> notify(HttpClient client) throws IOException, InterruptedException {
    Message message = Message.builder().type(MessageType.SIMPLE_EVENT).source("mac:112233445566")
        .destination("event:online/mac:112233445566").qualityOfService(80).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + bridge.port() + "/api/v4/notify"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/msgpack")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Format.MSGPACK.encode(message)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void notifyOverHttpsIsAnsweredToAClientTrustingTheCa() throws Exception {
    bridge = start(tls(ClientAuth.NONE));

    HttpResponse<String> response = notify(HttpsClients.trusting(certs.caFile()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(new JsonObject(response.body()).getString("outcome")).isEqualTo("DISABLED");
  }

  @Test
  void clientThatDoesNotTrustTheCaFailsTheHandshake() {
    bridge = start(tls(ClientAuth.NONE));

    assertThatThrownBy(() -> notify(HttpsClients.trusting(certs.untrustedCaFile())))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainHttpToTheHttpsPortIsNotServed() {
    bridge = start(tls(ClientAuth.NONE));

    assertThatThrownBy(() -> new Http(bridge.port()).get("/healthz"))
        .hasRootCauseInstanceOf(IOException.class);
  }

  @Test
  void clientWithoutACertificateIsRefusedWhenClientAuthIsRequired() {
    bridge = start(tls(ClientAuth.REQUIRED));

    assertThatThrownBy(() -> notify(HttpsClients.trusting(certs.caFile())))
        .isInstanceOf(IOException.class);
  }

  @Test
  void clientWithACertificateOfTheCaIsServedWhenClientAuthIsRequired() throws Exception {
    bridge = start(tls(ClientAuth.REQUIRED));

    HttpResponse<String> response = notify(HttpsClients.withCertificate(
        certs.caFile(), certs.clientCertFile(), certs.clientKeyFile()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  @Test
  void clientWithACertificateOfAnotherCaIsRefusedWhenClientAuthIsRequired() {
    bridge = start(tls(ClientAuth.REQUIRED));

    assertThatThrownBy(() -> notify(HttpsClients.withCertificate(
            certs.caFile(), strangers.clientCertFile(), strangers.clientKeyFile())))
        .isInstanceOf(IOException.class);
  }

  @Test
  void clientWithoutACertificateIsServedWhenClientAuthIsRequested() throws Exception {
    bridge = start(tls(ClientAuth.REQUEST));

    HttpResponse<String> response = notify(HttpsClients.trusting(certs.caFile()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  /** {@code wrpkafka_http_tls_handshake_failures_total}, scraped with the client certificate. */
  private double handshakeFailures() throws IOException, InterruptedException {
    HttpResponse<String> scrape = HttpsClients.withCertificate(
            certs.caFile(), certs.clientCertFile(), certs.clientKeyFile())
        .send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + bridge.port() + "/metrics"))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^wrpkafka_http_tls_handshake_failures_total (\\S+)$").matcher(scrape.body());
    assertThat(m.find()).as(scrape.body()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void refusedClientCertificateIsCountedAndLoggedOnce() throws Exception {
    bridge = start(tls(ClientAuth.REQUIRED));
    assertThat(handshakeFailures()).isZero();
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> notify(HttpsClients.trusting(certs.caFile())))
            .isInstanceOf(IOException.class);
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(
          () -> assertThat(handshakeFailures()).isEqualTo(3));
    } finally {
      System.setErr(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> line.contains("an HTTPS connection was refused")))
        .singleElement().asString().contains("tls_handshake_failed");
  }

  @Test
  void plainHttpToTheHttpsPortIsLoggedWithoutTheBytesItSent() throws Exception {
    bridge = start(tls(ClientAuth.REQUEST));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      // A raw socket: the JDK client would retry the GET on a second connection.
      try (Socket socket = new Socket("127.0.0.1", bridge.port())) {
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: " + Http.basic("talaria", "plain-text-pw") + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
            .doesNotContain("HTTP/1.1 200");
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(
          () -> assertThat(handshakeFailures()).isEqualTo(1));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log).contains("the client did not speak TLS")
        .doesNotContain("plain-text-pw", Http.basic("talaria", "plain-text-pw").substring(6))
        .doesNotContainIgnoringCase("474554"); // "GET" in hex, as Netty would quote it
  }

  @Test
  void connectionClosedBeforeTheHandshakeIsCountedButNotLogged() throws Exception {
    bridge = start(tls(ClientAuth.REQUIRED));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      new Socket("127.0.0.1", bridge.port()).close(); // what a load balancer's TCP check does
      await().atMost(Duration.ofSeconds(30)).untilAsserted(
          () -> assertThat(handshakeFailures()).isEqualTo(1));
    } finally {
      System.setErr(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .doesNotContain("an HTTPS connection was refused");
  }

  static Stream<Arguments> unusableFiles() {
    return Stream.of(
        Arguments.of("missing certificate file",
            (UnaryOperator<ServerTls.Builder>) b -> b.certFile(dir.resolve("absent.pem")),
            "server.tls.certFile: cannot read " + dir.resolve("absent.pem") + ": no such file"),
        Arguments.of("missing key file",
            (UnaryOperator<ServerTls.Builder>) b -> b.keyFile(dir.resolve("absent.key")),
            "server.tls.keyFile: cannot read " + dir.resolve("absent.key") + ": no such file"),
        Arguments.of("missing CA file",
            (UnaryOperator<ServerTls.Builder>) b -> b.caFile(dir.resolve("absent-ca.pem")),
            "server.tls.caFile: cannot read " + dir.resolve("absent-ca.pem") + ": no such file"),
        Arguments.of("key file that is a directory",
            (UnaryOperator<ServerTls.Builder>) b -> b.keyFile(dir),
            "server.tls.keyFile: cannot read " + dir + ": "),
        Arguments.of("key file that is not PEM",
            (UnaryOperator<ServerTls.Builder>) b -> b.keyFile(textFile("not-pem.key", "secret")),
            "server.tls.keyFile: " + dir.resolve("not-pem.key") + " is not a PEM file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableFiles")
  void unusableFileStopsTheStartNamingTheKeyAndPath(String name,
      UnaryOperator<ServerTls.Builder> change, String message) {
    ServerTls tls = change.apply(tls(ClientAuth.REQUIRED).toBuilder()).build();

    assertThatThrownBy(() -> bridge = start(tls))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("secret");
  }

  @Test
  void certificateFileWithBrokenPemStopsTheStartNamingTheTlsSection() {
    Path broken = textFile("broken.pem",
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    ServerTls tls = tls(ClientAuth.NONE).toBuilder().certFile(broken).build();

    assertThatThrownBy(() -> bridge = start(tls))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTPS setup failed")
        .hasMessageContaining("certFile=" + broken);
  }

  private static Path textFile(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
