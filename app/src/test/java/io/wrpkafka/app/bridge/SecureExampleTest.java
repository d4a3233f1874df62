package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.embedded.Certificates;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardened example of docs/security.md, {@code examples/secure.yaml}, run as a bridge: its
 * HTTPS, client-certificate and Basic settings, with the certificate paths and secrets from the
 * environment as the file expects. Kafka is switched off with {@code KAFKA_ENABLED=false}: this
 * class is about the bridge's side, and a routable message is answered 202.
 */
class SecureExampleTest {
  private static final Path FILE = Path.of("..", "examples", "secure.yaml");
  private static final String PASSWORD = "ingest-pw-3b9d";

  @TempDir static Path dir;
  private static Certificates certs;
  private static Bridge bridge;

  @BeforeAll
  static void startTheExample() {
    certs = Certificates.generate(dir);
    Map<String, String> env = Map.of(
        "KAFKA_ENABLED", "false",
        "KAFKA_SASL_PASSWORD", "unused-sasl-pw",
        "WRPKAFKA_INGEST_PASSWORD", PASSWORD,
        "WRPKAFKA_ADMIN_TOKEN", "admin-token-8c1f",
        "WRPKAFKA_TLS_CERT_FILE", certs.serverCertFile().toString(),
        "WRPKAFKA_TLS_KEY_FILE", certs.serverKeyFile().toString(),
        "WRPKAFKA_TLS_CLIENT_CA_FILE", certs.caFile().toString());
    assertThat(WrpKafkaConfig.validate(FILE, env)).isEmpty();
    bridge = Bridge.builder().config(WrpKafkaConfig.load(FILE, env), FILE).port(0).start();
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private static HttpResponse<String> notify(HttpClient client, String... headers)
      throws IOException, InterruptedException {
    Message message = Message.builder().type(MessageType.SIMPLE_EVENT).source("mac:112233445566")
        .destination("event:online/mac:112233445566").qualityOfService(80).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + bridge.port() + "/api/v4/notify"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/msgpack")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Format.MSGPACK.encode(message)));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient talaria() {
    return HttpsClients.withCertificate(certs.caFile(), certs.clientCertFile(), certs.clientKeyFile());
  }

  @Test
  void talariaWithItsCertificateAndPasswordIsServed() throws Exception {
    HttpResponse<String> response = notify(talaria(), "Authorization", Http.basic("talaria", PASSWORD));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  @Test
  void aCertificateWithoutThePasswordIsAnsweredUnauthorized() throws Exception {
    assertThat(notify(talaria()).statusCode()).isEqualTo(401);
  }

  @Test
  void thePasswordWithoutACertificateIsRefusedInTheHandshake() {
    assertThatThrownBy(() -> notify(HttpsClients.trusting(certs.caFile()),
            "Authorization", Http.basic("talaria", PASSWORD)))
        .isInstanceOf(IOException.class);
  }
}
