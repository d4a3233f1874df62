package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/*
 * The three commands of the root README's newcomer path, run in this JVM through picocli as a
 * shell would run them: broker and serve each block until SIGTERM, so each runs on a thread of
 * its own and is stopped by raising SIGTERM in this process, which their signal handlers turn
 * into a clean exit 0 (serve's handler is installed last, answers the first signal and then puts
 * the broker's back). The only deviation from the README: free ports instead of 9092 and 6100,
 * so the config's broker address is rewritten in a copy.
 */
/** A fresh clone's path: broker with examples/local.yaml's topics, serve, POST, tail. */
class NewcomerPathTest {
  private static final Path LOCAL_YAML = Path.of("..", "examples", "local.yaml");
  private static final List<String> VECTORS =
      List.of("talaria-online-v3", "telemetry-qos30", "create-qos99");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void captureOutput() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private String captured() {
    return "--- stdout\n" + out.toString(StandardCharsets.UTF_8)
        + "--- stderr\n" + err.toString(StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static CompletableFuture<Integer> runInBackground(String... args) {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        exit.complete(Main.commandLine().execute(args));
      } catch (Throwable t) {
        exit.completeExceptionally(t);
      }
    }, "wrpkafka-" + args[0]);
    thread.setDaemon(true);
    thread.start();
    return exit;
  }

  private static byte[] vector(String name) throws IOException {
    try (InputStream in = NewcomerPathTest.class.getResourceAsStream("/" + name + ".msgpack")) {
      return in.readAllBytes();
    }
  }

  private static HttpResponse<String> post(int port, String path, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/msgpack")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int status(int port, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void brokerServeAndTailCarryEveryTestVectorWithoutAWarning() throws Exception {
    int kafkaPort = freePort();
    int bridgePort = freePort();
    Path config = dir.resolve("local.yaml");
    String local = Files.readString(LOCAL_YAML);
    assertThat(local).contains("brokers: localhost:9092");
    Files.writeString(config, local.replace("localhost:9092", "localhost:" + kafkaPort));

    // wrpkafka broker --port N --topics examples/local.yaml
    CompletableFuture<Integer> broker = runInBackground(
        "broker", "--port", String.valueOf(kafkaPort), "--topics", LOCAL_YAML.toString());
    Awaitility.await().atMost(DEADLINE).until(
        () -> out.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C to stop.") || broker.isDone());
    assertThat(broker).as(captured()).isNotDone();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("bootstrap servers 127.0.0.1:" + kafkaPort)
        .contains("Topics created: device-lifecycle, device-status, iot-events-0, iot-events-1,"
            + " device-events, wrp-dead-letter");

    // wrpkafka serve --config examples/local.yaml
    CompletableFuture<Integer> serve = runInBackground(
        "serve", "--config", config.toString(), "--port", String.valueOf(bridgePort));
    Awaitility.await().atMost(DEADLINE).until(
        () -> out.toString(StandardCharsets.UTF_8).contains("wrpkafka bridge listening") || serve.isDone());
    assertThat(serve).as(captured()).isNotDone();
    Awaitility.await().atMost(DEADLINE).until(() -> status(bridgePort, "/readyz") == 200);

    // POST each shared test vector the way Talaria does, asking the bridge where it goes.
    Map<String, List<String>> expectedByTopic = new LinkedHashMap<>();
    for (String name : VECTORS) {
      byte[] body = vector(name);
      HttpResponse<String> answer = post(bridgePort, "/api/v4/notify", body);
      assertThat(answer.statusCode()).as(name + ": " + answer.body()).isBetween(200, 202);
      String topic = new JsonObject(post(bridgePort, "/api/v1/route", body).body())
          .getJsonArray("destinations").getJsonObject(0).getString("topic");
      JsonObject expected = new JsonObject(new String(
          NewcomerPathTest.class.getResourceAsStream("/" + name + ".expected.json").readAllBytes(),
          StandardCharsets.UTF_8));
      expectedByTopic.computeIfAbsent(topic, t -> new ArrayList<>())
          .add(expected.getString("source") + " -> " + expected.getString("dest"));
    }

    // wrpkafka tail --brokers localhost:N --topic T --from-beginning
    for (Map.Entry<String, List<String>> topic : expectedByTopic.entrySet()) {
      int before = out.size();
      CompletableFuture<Integer> tail = runInBackground("tail", "--brokers", "localhost:" + kafkaPort,
          "--topic", topic.getKey(), "--from-beginning", "--max",
          String.valueOf(topic.getValue().size()));
      assertThat(tail.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(captured()).isZero();
      List<String> read = new String(out.toByteArray(), before, out.size() - before,
          StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{"))
          .map(JsonObject::new).map(line -> line.getJsonObject("message"))
          .map(message -> message.getString("source") + " -> " + message.getString("dest"))
          .toList();
      assertThat(read).as(topic.getKey()).containsExactlyInAnyOrderElementsOf(topic.getValue());
    }

    // Ctrl-C (SIGTERM) stops serve, then the broker; both exit 0.
    Signal.raise(new Signal("TERM"));
    assertThat(serve.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(captured()).isZero();
    Signal.raise(new Signal("TERM"));
    assertThat(broker.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(captured()).isZero();

    assertThat(captured()).doesNotContain("WARN", "ERROR", "Exception", "\tat ", "warning:", "error:");
  }
}
