package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Refused credentials: a 401 that never tells which part was wrong, a counter per endpoint and
 * reason, and a rate-limited log line without the credential. Kafka plays no part, so publishing
 * is disabled.
 */
class BridgeAuthTest {
  private static final String USER = "talaria";
  private static final String PASSWORD = "ingest-pw-7f3a";
  private static final String TOKEN = "ingest-token-91c2";
  private static final String ADMIN_TOKEN = "admin-token-5d0e";
  private static Bridge bridge;
  private static Http http;

  @BeforeAll
  static void start() {
    bridge = start(BridgeSettings.local(0)
        .withIngestAuth(IngestAuth.of(java.util.Map.of(USER, PASSWORD), List.of(TOKEN)))
        .withAdminToken(ADMIN_TOKEN));
    http = new Http(bridge.port());
  }

  private static Bridge start(BridgeSettings settings) {
    return Bridge.builder()
        .settings(settings)
        .kafkaDisabled(DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topic("events").build()))
            .build())
        .start();
  }

  @AfterAll
  static void stop() {
    bridge.close();
  }

  private static byte[] event() {
    return Format.MSGPACK.encode(Message.builder().type(MessageType.SIMPLE_EVENT)
        .source("mac:112233445566").destination("event:online/mac:112233445566")
        .qualityOfService(80).build());
  }

  /** The value of {@code wrpkafka_http_auth_failures_total} for one series of {@code scrape}. */
  private static double failures(String scrape, String method, String endpoint, String reason) {
    Matcher m = Pattern.compile("(?m)^wrpkafka_http_auth_failures_total\\{endpoint=\""
        + Pattern.quote(endpoint) + "\",method=\"" + method + "\",reason=\"" + reason
        + "\"} (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  private static double failures(String method, String endpoint, String reason) {
    return failures(http.get("/metrics").body(), method, endpoint, reason);
  }

  static Stream<Arguments> refusedIngest() {
    return Stream.of(
        Arguments.of("no Authorization header", null, "missing"),
        Arguments.of("wrong password", Http.basic(USER, "wrong-pw"), "invalid"),
        Arguments.of("wrong user", Http.basic("somebody", PASSWORD), "invalid"),
        Arguments.of("user and password both wrong", Http.basic("somebody", "wrong-pw"), "invalid"),
        Arguments.of("password with a character more", Http.basic(USER, PASSWORD + "x"), "invalid"),
        Arguments.of("password a character short",
            Http.basic(USER, PASSWORD.substring(1)), "invalid"),
        Arguments.of("wrong bearer token", "Bearer " + TOKEN + "0", "invalid"),
        Arguments.of("admin token on ingest", "Bearer " + ADMIN_TOKEN, "invalid"),
        Arguments.of("Basic value that is not base64", "Basic %%%", "invalid"),
        Arguments.of("unknown scheme", "Digest username=\"talaria\"", "invalid"));
  }

  @ParameterizedTest(name = "{0}: 401, counted as {2}")
  @MethodSource("refusedIngest")
  void refusedIngestCredentialsAreAnswered401AndCountedByReason(String name, String authorization,
      String reason) {
    double before = failures("POST", "/api/v4/notify", reason);

    HttpResponse<String> response = authorization == null
        ? http.post("/api/v4/notify", "application/msgpack", event())
        : http.post("/api/v4/notify", "application/msgpack", event(), "Authorization", authorization);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(response.body()).doesNotContain(PASSWORD, TOKEN, ADMIN_TOKEN, "somebody", "wrong-pw");
    assertThat(failures("POST", "/api/v4/notify", reason)).isEqualTo(before + 1);
  }

  @Test
  void wrongUserAndWrongPasswordGetTheSameAnswer() {
    HttpResponse<String> wrongUser = http.post("/api/v4/notify", "application/msgpack", event(),
        "Authorization", Http.basic("somebody", PASSWORD));
    HttpResponse<String> wrongPassword = http.post("/api/v4/notify", "application/msgpack",
        event(), "Authorization", Http.basic(USER, "wrong-pw"));

    assertThat(wrongUser.statusCode()).isEqualTo(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(wrongUser.body()).isEqualTo(wrongPassword.body());
    assertThat(wrongUser.headers().map()).isEqualTo(wrongPassword.headers().map());
  }

  @Test
  void rightCredentialsAreServed() {
    assertThat(http.post("/api/v4/notify", "application/msgpack", event(),
        "Authorization", Http.basic(USER, PASSWORD)).statusCode()).isEqualTo(202);
    assertThat(http.post("/api/v4/notify", "application/msgpack", event(),
        "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(202);
  }

  static Stream<Arguments> refusedAdmin() {
    return Stream.of(
        Arguments.of("no Authorization header", null, "missing"),
        Arguments.of("Basic instead of Bearer", Http.basic(USER, PASSWORD), "missing"),
        Arguments.of("wrong token", "Bearer not-the-token", "invalid"),
        Arguments.of("token a character short", "Bearer " + ADMIN_TOKEN.substring(1), "invalid"),
        Arguments.of("token with a character more", "Bearer " + ADMIN_TOKEN + "x", "invalid"),
        Arguments.of("token in other case", "Bearer " + ADMIN_TOKEN.toUpperCase(), "invalid"),
        Arguments.of("an ingest token", "Bearer " + TOKEN, "invalid"));
  }

  @ParameterizedTest(name = "{0}: 401, counted as {2}")
  @MethodSource("refusedAdmin")
  void refusedAdminTokensAreAnswered401AndCountedByReason(String name, String authorization,
      String reason) {
    double before = failures("PUT", "/api/v1/config", reason);
    String yaml = "topicMap:\n  - pattern: \"*\"\n    topic: rerouted\n";

    HttpResponse<String> response = authorization == null
        ? http.put("/api/v1/config", "application/yaml", yaml)
        : http.put("/api/v1/config", "application/yaml", yaml, "Authorization", authorization);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"wrpkafka-admin\"");
    assertThat(response.body()).doesNotContain(ADMIN_TOKEN, TOKEN, "not-the-token");
    assertThat(failures("PUT", "/api/v1/config", reason)).isEqualTo(before + 1);
  }

  @Test
  void everyGuardedEndpointHasItsSeriesAtZeroBeforeTheFirstFailure() {
    Bridge fresh = start(BridgeSettings.local(0)
        .withIngestAuth(IngestAuth.basic(USER, PASSWORD)).withAdminToken(ADMIN_TOKEN));
    try {
      String scrape = new Http(fresh.port()).get("/metrics").body();

      for (String reason : List.of("missing", "invalid")) {
        assertThat(failures(scrape, "POST", "/api/v4/notify", reason)).isZero();
        assertThat(failures(scrape, "POST", "/api/v1/messages", reason)).isZero();
        assertThat(failures(scrape, "POST", "/api/v1/route", reason)).isZero();
        assertThat(failures(scrape, "GET", "/api/v1/config", reason)).isZero();
        assertThat(failures(scrape, "PUT", "/api/v1/config", reason)).isZero();
      }
    } finally {
      fresh.close();
    }
  }

  @Test
  void repeatedFailuresAreLoggedOnceWithoutTheCredential() {
    Bridge fresh = start(BridgeSettings.local(0).withIngestAuth(IngestAuth.basic(USER, PASSWORD)));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Http client = new Http(fresh.port());
      for (int i = 0; i < 5; i++) {
        assertThat(client.post("/api/v4/notify", "application/msgpack", event(),
            "Authorization", Http.basic("guesser-" + i, "guess-" + i)).statusCode()).isEqualTo(401);
      }
    } finally {
      System.setErr(original);
      fresh.close();
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log.lines().filter(line -> line.contains("refused POST /api/v4/notify")))
        .as(log)
        .singleElement().asString()
        .contains("from 127.0.0.1", "invalid credentials", "unauthorized");
    assertThat(log).doesNotContain("guesser-", "guess-", "Basic ", PASSWORD);
  }

  @Test
  void refusalBodyNamesNoCredentialPart() {
    JsonObject body = new JsonObject(http.post("/api/v4/notify", "application/msgpack", event(),
        "Authorization", Http.basic(USER, "wrong-pw")).body());

    assertThat(body.getString("errorType")).isEqualTo("unauthorized");
    assertThat(body.getString("error")).doesNotContainIgnoringCase("user")
        .doesNotContainIgnoringCase("password");
  }
}
