package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.app.bridge.Bridge;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.embedded.Certificates;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.embedded.EmbeddedKafkaConfig;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge against a secured broker (SASL_SSL with SCRAM-SHA-512, an encrypted client key, ACLs
 * that let user "bridge" write only topics starting with {@code allowed-}): a refused topic is a
 * 502 with the reason, a wrong password stops {@code serve} with one line, and neither the SASL
 * password, the key password nor the admin token shows up anywhere a user can look.
 */
class ServeSecurityTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String PASSWORD = "bridge-sasl-secret-5d2e";
  private static final String WRONG_PASSWORD = "wrong-sasl-secret-81b0";
  private static final String ADMIN_TOKEN = "bridge-admin-token-c7f9";
  private static final String ID = UUID.randomUUID().toString().substring(0, 8);
  private static final String ALLOWED_TOPIC = "allowed-events-" + ID;
  private static final String DEAD_LETTER_TOPIC = "allowed-dlq-" + ID;
  private static final String DENIED_TOPIC = "denied-" + ID;

  @TempDir static Path dir;
  private static Certificates certificates;
  private static EmbeddedKafka kafka;
  private static Path file;
  private static Bridge bridge;
  private static final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private static PrintStream originalErr;

  @BeforeAll
  static void startSecuredBrokerAndBridge() throws Exception {
    certificates = Certificates.generate(dir.resolve("pki"));
    kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder()
        .listener("SASL_SSL", "SASL_SSL")
        .tls(certificates)
        .scramUser("SCRAM-SHA-512", "bridge", PASSWORD)
        .acl(new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, "allowed-", PatternType.PREFIXED),
            new AccessControlEntry("User:bridge", "*", AclOperation.WRITE,
                AclPermissionType.ALLOW)))
        .build());
    for (String topic : List.of(ALLOWED_TOPIC, DEAD_LETTER_TOPIC, DENIED_TOPIC)) {
      kafka.createTopic(topic, 1);
    }
    file = writeConfig("bridge.yaml", PASSWORD);
    // slf4j-simple writes every line to the System.err of the moment: capture the bridge's life.
    originalErr = System.err;
    System.setErr(new PrintStream(new Tee(log, originalErr), true, StandardCharsets.UTF_8));
    bridge = Bridge.builder().config(WrpKafkaConfig.load(file, Map.of()), file).port(0).start();
  }

  @AfterAll
  static void stopBridgeAndBroker() {
    if (bridge != null) {
      bridge.close();
    }
    System.setErr(originalErr);
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void noSecretWasLogged() {
    assertNoSecret(log.toString(StandardCharsets.UTF_8));
  }

  private static Path writeConfig(String name, String password) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n",
        "kafka:",
        "  brokers: " + kafka.bootstrapServers("SASL_SSL"),
        "  clientId: serve-security",
        "  allowAutoTopicCreation: false",
        "  startTimeout: 10s",
        "  requestTimeout: 5s",
        "  recordDeliveryTimeout: 15s",
        "  tls:",
        "    caFile: " + certificates.caFile(),
        "    certFile: " + certificates.clientCertFile(),
        "    keyFile: " + certificates.encryptedClientKeyFile(),
        "    keyPassword: \"" + certificates.keyPassword() + "\"",
        "  sasl: {mechanism: SCRAM-SHA-512, username: bridge, password: \"" + password + "\"}",
        "  topicMap:",
        "    - {pattern: online, topic: " + ALLOWED_TOPIC + "}",
        "    - {pattern: denied, topic: " + DENIED_TOPIC + "}",
        "  deadLetter: {topic: " + DEAD_LETTER_TOPIC + "}",
        "server:",
        "  address: 127.0.0.1",
        "  adminToken: " + ADMIN_TOKEN,
        ""));
  }

  private static void assertNoSecret(String text) {
    assertThat(text).doesNotContain(PASSWORD, WRONG_PASSWORD, certificates.keyPassword(),
        ADMIN_TOKEN);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + bridge.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> notify(String eventType, int qos) throws Exception {
    Message message = Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("mac:112233445566")
        .destination("event:" + eventType + "/mac:112233445566")
        .contentType("application/json")
        .payload("{\"ok\":true}".getBytes(StandardCharsets.UTF_8))
        .qualityOfService(qos)
        .build();
    return CLIENT.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + bridge.port() + "/api/v4/notify"))
            .header("Content-Type", "application/msgpack")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Format.MSGPACK.encode(message)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void allowedTopicIsPublishedWithScramAndAnEncryptedClientKey() throws Exception {
    HttpResponse<String> response = notify("online", 80);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void aclDeniedTopicAnswers502WithTheAuthorizationError() throws Exception {
    HttpResponse<String> response = notify("denied", 80);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("errorType")).isEqualTo("authorization_error");
    assertThat(body.getString("error")).contains(DENIED_TOPIC, "authorization failed");
  }

  @Test
  void configEndpointShowsNoSecret() throws Exception {
    HttpResponse<String> response = get("/api/v1/config");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(ALLOWED_TOPIC);
    assertNoSecret(response.body());
  }

  @Test
  void metricsScrapeShowsNoSecret() throws Exception {
    notify("online", 80);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("wrpkafka_");
    assertNoSecret(response.body());
  }

  @Test
  void validateOutputShowsNoSecret() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"),
        Files.readString(file).replace("password:", "pasword:"));

    Cli.Run valid = Cli.run("validate", "--config", file.toString());
    Cli.Run invalid = Cli.run("validate", "--config", broken.toString());

    assertThat(valid.exit()).as(valid.out() + valid.err()).isZero();
    assertThat(invalid.out()).contains("kafka.sasl.pasword: unknown key");
    for (Cli.Run run : List.of(valid, invalid)) {
      assertNoSecret(run.out());
      assertNoSecret(run.err());
    }
  }

  @Test
  void loadedConfigToStringShowsNoSecret() throws Exception {
    WrpKafkaConfig config = WrpKafkaConfig.load(file, Map.of());

    assertNoSecret(config.toString());
    assertNoSecret(config.publisher().orElseThrow().toString());
    assertNoSecret(config.server().toString());
  }

  @Test
  void serveWithAWrongPasswordExitsOneWithOneLineNamingMechanismAndUser() throws Exception {
    Path wrong = writeConfig("wrong-password.yaml", WRONG_PASSWORD);

    Cli.Run run = Cli.run("serve", "--config", wrong.toString(), "--port", "0");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    List<String> errors =
        Arrays.stream(run.err().split("\n")).filter(line -> line.startsWith("error: ")).toList();
    assertThat(errors).singleElement().asString()
        .contains("authentication failed", "SCRAM-SHA-512", "\"bridge\"");
    assertThat(run.err()).doesNotContain("\tat ", "Exception in thread");
    assertThat(run.out()).doesNotContain("listening");
    assertNoSecret(run.out());
    assertNoSecret(run.err());
  }

  @Test
  void kafkaClientInfoLinesShowNoSecret() throws Exception {
    Path serveLog = dir.resolve("serve-kafka-info.log");
    // The Kafka client prints its whole configuration at INFO, which a user may well turn on.
    Process serve = ServeProcess.start(file, serveLog,
        List.of("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info"));
    try {
      ServeProcess.awaitPort(serve);
    } finally {
      serve.destroy();
      serve.waitFor();
    }

    String text = Files.readString(serveLog);
    assertThat(text).contains("ProducerConfig values:", "sasl.jaas.config = [hidden]",
        "ssl.key.password = [hidden]", "ssl.keystore.key = [hidden]");
    assertNoSecret(text);
  }

  /** Writes to two streams: the captured log stays visible in the test output. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
