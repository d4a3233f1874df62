package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error answer of the bridge is JSON with {@code errorType}, however the request is
 * malformed. Requests go over a raw socket: the JDK's HttpClient refuses to send most of these.
 * Kafka plays no part here, so the bridge runs with publishing disabled.
 */
class BridgeErrorBodyTest {
  private static Bridge bridge;

  @BeforeAll
  static void start() {
    bridge =
        Bridge.builder()
            .settings(BridgeSettings.local(0))
            .kafkaDisabled(
                DynamicConfig.builder()
                    .topicMap(List.of(TopicRoute.builder().pattern("*").topic("t").build()))
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    bridge.close();
  }

  /** A status line and a body, read from a connection the server closes after answering. */
  record Response(int status, String body) {}

  private static Response exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", bridge.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      String text = received.toString(StandardCharsets.ISO_8859_1);
      int headersEnd = text.indexOf("\r\n\r\n");
      assertThat(headersEnd).as("a complete answer: %s", text).isPositive();
      int status = Integer.parseInt(text.substring(9, 12));
      byte[] body = text.substring(headersEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
      return new Response(status, new String(body, StandardCharsets.UTF_8));
    }
  }

  /** A request with the given extra header lines; "Connection: close" ends each exchange. */
  private static byte[] request(String method, String path, String... headerLines) {
    StringBuilder text = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
    for (String line : headerLines) {
      text.append(line).append("\r\n");
    }
    if (method.equals("POST") || method.equals("PUT")) {
      text.append("Content-Length: 0\r\n");
    }
    text.append("Connection: close\r\n\r\n");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Arguments> malformedRequests() {
    return Stream.of(
        Arguments.of("a non-ASCII header name",
            request("POST", "/api/v4/notify", "X-Caf\u00e9: 1", "Content-Type: application/msgpack"),
            400, "bad_request", "a header name is not valid"),
        Arguments.of("a header name with a space",
            request("POST", "/api/v4/notify", "X Device: 1", "Content-Type: application/msgpack"),
            400, "bad_request", "a header name is not valid"),
        Arguments.of("a request line that is not HTTP",
            "HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            400, "bad_request", "not valid HTTP/1.1"),
        Arguments.of("a request line over the limit",
            request("GET", "/" + "a".repeat(5000)),
            414, "uri_too_long", "request line is longer"),
        Arguments.of("headers over the limit",
            request("GET", "/healthz", "X-Big: " + "b".repeat(10_000)),
            431, "headers_too_large", "request headers are larger"),
        Arguments.of("no Content-Type on notify",
            request("POST", "/api/v4/notify"),
            415, "unsupported_media_type",
            "a Content-Type header is required: application/msgpack or application/json"),
        Arguments.of("no Content-Type on a batch",
            request("POST", "/api/v1/messages"),
            415, "unsupported_media_type", "a Content-Type header is required: application/x-ndjson"),
        Arguments.of("a non-ASCII Content-Type, echoed escaped byte by byte",
            request("POST", "/api/v4/notify", "Content-Type: application/msgp\u00e4ck"),
            415, "unsupported_media_type",
            "Content-Type \"application/msgp\\u00C3\\u00A4ck\" is not supported"),
        Arguments.of("a Content-Type with a quote and a backslash",
            request("POST", "/api/v4/notify", "Content-Type: text/\"x\\y\""),
            415, "unsupported_media_type", "Content-Type \"text/\\u0022x\\u005Cy\\u0022\""),
        Arguments.of("an unknown path",
            request("GET", "/nowhere"),
            404, "not_found", "no endpoint GET /nowhere"),
        Arguments.of("a known path asked with another method",
            request("DELETE", "/api/v4/notify"),
            405, "method_not_allowed", "DELETE is not allowed on /api/v4/notify (allowed: POST)"),
        Arguments.of("the config read with POST",
            request("POST", "/api/v1/config"),
            405, "method_not_allowed", "(allowed: GET, PUT)"));
  }

  @ParameterizedTest(name = "{0} is answered {2} {3}")
  @MethodSource("malformedRequests")
  void malformedRequestIsAnsweredWithAJsonErrorBody(
      String what, byte[] request, int status, String errorType, String message) throws IOException {
    Response response = exchange(request);

    assertThat(response.status()).as(response.body()).isEqualTo(status);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("errorType")).isEqualTo(errorType);
    assertThat(body.getString("error")).contains(message);
  }

  static Stream<Arguments> headerValues() {
    return Stream.of(
        Arguments.of("application/json", "\"application/json\""),
        Arguments.of("a\"b\\c", "\"a\\u0022b\\u005Cc\""),
        Arguments.of("tab\there", "\"tab\\u0009here\""),
        Arguments.of("\u00c3\u00a9", "\"\\u00C3\\u00A9\""),
        Arguments.of("del\u007f", "\"del\\u007F\""),
        Arguments.of("x".repeat(101), "\"" + "x".repeat(100) + "...\""));
  }

  @ParameterizedTest(name = "{0} is shown as {1}")
  @MethodSource("headerValues")
  void headerValueIsShownAsPrintableAsciiWithoutDecodingItAgain(String value, String shown) {
    assertThat(BridgeRoutes.quoted(value)).isEqualTo(shown);
  }
}
