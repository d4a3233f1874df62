package io.wrpkafka.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The most an HTTP server on this machine's Vert.x and Netty can answer: {@code POST
 * /api/v4/notify} read whole and answered {@code 202 {"outcome":"QUEUED"}}, with no decoding, no
 * routing and no Kafka, on the bridge's server settings (one event loop per core, no compression).
 * {@code benchmarks/bridge-load.sh} runs wrk against it after the bridge, so the bridge's figure
 * can be read against what the HTTP stack and the load generator alone leave of the two cores.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.HttpCeiling --port 16101
 * }</pre>
 *
 * <p>Runs until the process is stopped. Prints {@code listening on PORT} once it accepts requests.
 */
public final class HttpCeiling {
  // A String, as the bridge answers: Vert.x encodes it per response in both.
  private static final String QUEUED = "{\"outcome\":\"QUEUED\"}";
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  private HttpCeiling() {}

  /** Starts the server on {@code --port} (default 16101) and blocks until the JVM stops. */
  public static void main(String[] args) throws Exception {
    int port = 16101;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: HttpCeiling [--port PORT]");
        System.exit(2);
      }
    }
    Vertx vertx = Vertx.vertx(
        new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false));
    server.requestHandler(request -> request.body().onComplete(body -> {
      if (body.failed() || body.result().length() == 0) {
        request.response().setStatusCode(400).end();
        return;
      }
      request.response()
          .setStatusCode(202)
          .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
          .end(QUEUED);
    }));
    server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println("listening on " + port);
    new CountDownLatch(1).await();
  }
}
