package io.wrpkafka.app.bridge;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import io.wrpkafka.ConfigException;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ErrorType;
import io.wrpkafka.Health;
import io.wrpkafka.PublishException;
import io.wrpkafka.Publisher;
import io.wrpkafka.internal.FailureLog;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Header;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.WrpFormatException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Order of checks on an ingest request, cheapest first, and none reading the body before it is
 * known to be wanted: draining (503), credentials (401), content type (415), then the body is
 * read with BodyHandler's limit (413 from the Content-Length header, or as soon as a chunked
 * body passes the limit: the body is never buffered beyond maxBodyBytes) and decoded (400).
 * Only a decoded message reaches the publisher, which routes it and refuses an unroutable one
 * (422) before it builds a record.
 *
 * Correlation. Each ingest request carries an id (CorrelationId: the message's
 * transaction_uuid, else the X-Webpa-Transaction-Id or X-Request-Id header): it is put in the
 * context first, from the headers alone, so even a request refused before its body is read gets
 * it back; a decoded message's transaction_uuid then replaces it. send() writes it into the answer
 * (field transactionUuid, header X-Webpa-Transaction-Id) and into the log line of a failed answer;
 * a batch gives each result its own message's id.
 *
 * Every handler answers JSON. Error answers name what was wrong; they never echo the payload,
 * the message or a credential. Any exception escaping a handler becomes a 500 through the
 * failure handler, logged once; it never closes the server.
 */
/** The bridge's HTTP routes and handlers. Runs on the event loop; never blocks it. */
final class BridgeRoutes {
  private static final Logger log = LoggerFactory.getLogger(BridgeRoutes.class);
  /** An outage fails every request alike: one line per error type and path every 10 s. */
  private static final FailureLog failedAnswers = new FailureLog(log);
  /** The methods each endpoint answers, for 405 and its {@code Allow} header. */
  private static final java.util.Map<String, String> ALLOWED = java.util.Map.of(
      "/healthz", "GET", "/readyz", "GET", "/metrics", "GET",
      "/api/v4/notify", "POST", "/api/v1/messages", "POST", "/api/v1/route", "POST",
      "/api/v1/config", "GET, PUT");
  /** The paths HTTP metrics label as routes, the busiest first. */
  private static final List<String> ROUTES = List.of("/api/v4/notify", "/api/v1/messages",
      "/api/v1/route", "/api/v1/config", "/healthz", "/readyz", "/metrics");
  private static final String RETRY_AFTER_SECONDS = "1";
  private static final String JSON = "application/json";
  private static final String ADMIN_CHALLENGE = "Bearer realm=\"wrpkafka-admin\"";
  /** Context key of the request's correlation id; "" when it has none. */
  private static final String CORRELATION = "wrpkafka.correlationId";

  private final Vertx vertx;
  private final BridgeSettings settings;
  private final Publisher publisher;
  private final Ingest ingest;
  private final PrometheusMeterRegistry registry;
  private final ReadinessCheck readiness;
  /** Retry-After of an answer refused with circuit_open: the probe interval, in whole seconds. */
  private final String circuitRetryAfter;
  private final DynamicConfigCodec codec;
  private final Consumer<DynamicConfig> reloaded;
  private final AuthFailures authFailures;
  private final HttpMetrics httpMetrics;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  BridgeRoutes(
      Vertx vertx,
      BridgeSettings settings,
      Publisher publisher,
      Ingest ingest,
      PrometheusMeterRegistry registry,
      ReadinessCheck readiness,
      java.time.Duration probeInterval,
      DynamicConfigCodec codec,
      Consumer<DynamicConfig> reloaded) {
    this.vertx = vertx;
    this.settings = settings;
    this.publisher = publisher;
    this.ingest = ingest;
    this.registry = registry;
    this.readiness = readiness;
    this.circuitRetryAfter = Long.toString(Math.max(1,
        (probeInterval.toMillis() + 999) / 1000));
    this.codec = codec;
    this.reloaded = reloaded;
    this.authFailures = new AuthFailures(registry, log);
    this.httpMetrics = new HttpMetrics(registry, ROUTES);
  }

  Router router() {
    Router router = Router.router(vertx);
    BodyHandler body =
        BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()).setHandleFileUploads(false);
    router.route().handler(this::track);
    router.get("/healthz").handler(this::healthz);
    router.get("/readyz").handler(this::readyz);
    router.get("/metrics").handler(this::metrics);
    router.post("/api/v4/notify").handler(before(BridgeRoutes::correlate)).handler(before(this::authorize)).handler(before(this::singleType))
        .handler(body).handler(this::notify);
    router.post("/api/v1/messages").handler(before(BridgeRoutes::correlate)).handler(before(this::authorize)).handler(before(this::batchType))
        .handler(body).handler(this::batch);
    router.post("/api/v1/route").handler(before(BridgeRoutes::correlate)).handler(before(this::authorize)).handler(before(this::singleType))
        .handler(body).handler(this::route);
    router.get("/api/v1/config").handler(this::authorize).handler(this::getConfig);
    router.put("/api/v1/config").handler(before(this::authorizeAdmin)).handler(body)
        .handler(this::putConfig);
    router.route().handler(BridgeRoutes::noEndpoint);
    if (settings.ingestAuth().isRequired()) {
      authFailures.register("POST", "/api/v4/notify");
      authFailures.register("POST", "/api/v1/messages");
      authFailures.register("POST", "/api/v1/route");
      authFailures.register("GET", "/api/v1/config");
    }
    if (settings.adminToken().isPresent()) {
      authFailures.register("PUT", "/api/v1/config");
    }
    router.route().failureHandler(this::failure);
    return router;
  }

  /**
   * Counts and logs the failed TLS handshakes of {@code server}, which serves HTTPS: they never
   * reach a route, so without this a refused client certificate would leave no trace.
   */
  void serveHttps(HttpServer server) {
    authFailures.registerHandshakes();
    server.exceptionHandler(authFailures::handshakeFailed);
  }

  /** 405 with {@code Allow} for a known path asked with another method, 404 otherwise. */
  private static void noEndpoint(RoutingContext ctx) {
    String allowed = ALLOWED.get(ctx.normalizedPath());
    if (allowed == null) {
      send(ctx, Answer.error(404, "not_found",
          "no endpoint " + ctx.request().method() + " " + ctx.normalizedPath()));
      return;
    }
    ctx.response().putHeader(HttpHeaders.ALLOW, allowed);
    send(ctx, Answer.error(405, "method_not_allowed",
        ctx.request().method() + " is not allowed on " + ctx.normalizedPath() + " (allowed: "
            + allowed + ")"));
  }

  /**
   * Marks a check to run before the body is read. Vert.x Web lets only platform and security
   * policy handlers precede a BodyHandler; these checks reject a request without reading its body.
   */
  private static SecurityPolicyHandler before(Handler<RoutingContext> check) {
    return check::handle;
  }

  // ---------------------------------------------------------------- lifecycle

  void startDraining() {
    draining = true;
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Waits until no request is in flight, until {@code deadline}; false if some still are. */
  boolean awaitIdle(long deadline) {
    while (inFlight.get() > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }

  private void track(RoutingContext ctx) {
    long start = System.nanoTime();
    HttpMethod method = ctx.request().method();
    httpMetrics.started(method);
    if (draining) {
      ctx.addEndHandler(ignored -> answered(ctx, method, start));
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      send(ctx, Answer.error(503, "shutting_down", "the bridge is shutting down; retry on another instance"));
      return;
    }
    inFlight.incrementAndGet();
    ctx.addEndHandler(ignored -> {
      inFlight.decrementAndGet();
      answered(ctx, method, start);
    });
    ctx.next();
  }

  private void answered(RoutingContext ctx, HttpMethod method, long start) {
    httpMetrics.ended(method, ctx.normalizedPath(), ctx.response().getStatusCode(), start);
  }

  // ---------------------------------------------------------------- checks

  /** Notes the request's correlation id from its headers; the message may replace it. */
  private static void correlate(RoutingContext ctx) {
    String id = correlationId(ctx, "");
    ctx.put(CORRELATION, id == null ? "" : id);
    ctx.next();
  }

  /** The id of a message of this request: its transaction_uuid, else the request's headers. */
  private static String correlationId(RoutingContext ctx, String transactionUuid) {
    return CorrelationId.of(transactionUuid,
        ctx.request().getHeader(CorrelationId.WEBPA_HEADER),
        ctx.request().getHeader(CorrelationId.REQUEST_ID_HEADER));
  }

  /** Records {@code message}'s correlation id as the request's. */
  private static void correlate(RoutingContext ctx, Message message) {
    String id = correlationId(ctx, message.transactionUuid());
    ctx.put(CORRELATION, id == null ? "" : id);
  }

  /*
   * A refusal says only whether credentials were missing or not valid: never which part (user
   * or password) was wrong, never what was sent. Both answers are 401 with a challenge.
   */
  private void authorize(RoutingContext ctx) {
    IngestAuth auth = settings.ingestAuth();
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (auth.permits(header)) {
      ctx.next();
      return;
    }
    refuse(ctx, auth.challenge(), header == null ? AuthFailures.Reason.MISSING
        : AuthFailures.Reason.INVALID,
        header == null ? "credentials required: send an Authorization header"
            : "the credentials in the Authorization header are not valid");
  }

  private void refuse(RoutingContext ctx, String challenge, AuthFailures.Reason reason,
      String error) {
    SocketAddress remote = ctx.request().remoteAddress();
    authFailures.failed(ctx.request().method().name(), ctx.currentRoute().getPath(), reason,
        remote == null ? "an unknown address" : remote.hostAddress(), ctx.get(CORRELATION));
    ctx.response().putHeader("WWW-Authenticate", challenge);
    send(ctx, Answer.error(401, "unauthorized", error));
  }

  private void authorizeAdmin(RoutingContext ctx) {
    Optional<String> token = settings.adminToken();
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (token.isEmpty()) {
      send(ctx, Answer.error(403, "forbidden",
          "changing the configuration over HTTP is off: no admin token is configured"));
      return;
    }
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(ctx, ADMIN_CHALLENGE, AuthFailures.Reason.MISSING,
          "send the admin token as Authorization: Bearer <token>");
      return;
    }
    if (!IngestAuth.tokenMatches(header.substring(7).strip(), token.get())) {
      refuse(ctx, ADMIN_CHALLENGE, AuthFailures.Reason.INVALID,
          "the bearer token in the Authorization header is not valid");
      return;
    }
    ctx.next();
  }

  private void singleType(RoutingContext ctx) {
    BodyType type = BodyType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    if (type == BodyType.MSGPACK || type == BodyType.JSON) {
      ctx.put(BodyType.class.getName(), type);
      ctx.next();
    } else {
      unsupported(ctx, "application/msgpack or application/json");
    }
  }

  private void batchType(RoutingContext ctx) {
    BodyType type = BodyType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    if (type == BodyType.UNSUPPORTED) {
      unsupported(ctx, "application/x-ndjson (one WRP JSON message per line) or application/msgpack"
          + " (messages back to back)");
    } else {
      ctx.put(BodyType.class.getName(), type == BodyType.JSON ? BodyType.NDJSON : type);
      ctx.next();
    }
  }

  private void unsupported(RoutingContext ctx, String expected) {
    String given = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    send(ctx, Answer.error(415, "unsupported_media_type",
        given == null ? "a Content-Type header is required: " + expected
            : "Content-Type " + quoted(given) + " is not supported; send " + expected));
  }

  // ---------------------------------------------------------------- ingest

  private void notify(RoutingContext ctx) {
    Message message = singleMessage(ctx);
    if (message == null) {
      return;
    }
    correlate(ctx, message);
    ingest.publish(message, ctx.body().length(), vertx.getOrCreateContext()).onComplete(done -> {
      Answer answer = answerOf(done);
      if (ErrorType.CIRCUIT_OPEN.label().equals(answer.body().getString("errorType"))) {
        // The circuit closes at the earliest on the next probe: come back after one.
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, circuitRetryAfter);
      }
      send(ctx, answer);
    });
  }

  private void batch(RoutingContext ctx) {
    BodyType type = ctx.get(BodyType.class.getName());
    Buffer buffer = ctx.body().buffer();
    byte[] bytes = buffer == null ? new byte[0] : buffer.getBytes();
    List<BatchItems.Item> items = BatchItems.split(bytes, type);
    Answer[] answers = new Answer[items.size()];
    String[] ids = new String[items.size()];
    String requestId = correlationId(ctx, "");
    List<Message> messages = new ArrayList<>(items.size());
    List<Integer> positions = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      BatchItems.Item item = items.get(i);
      ids[i] = requestId;
      if (item.error() != null) {
        answers[i] = Answer.error(400, "malformed_wrp", item.error());
        continue;
      }
      try {
        Message message = formatOf(type).decode(item.bytes());
        ids[i] = correlationId(ctx, message.transactionUuid());
        messages.add(message);
        positions.add(i);
      } catch (WrpFormatException e) {
        answers[i] = malformed(e);
      }
    }
    // One produceAll for the decoded messages: body order, one config, per-device order kept.
    ingest.publishAll(messages, bytes.length, vertx.getOrCreateContext()).onComplete(done -> {
      for (int j = 0; j < positions.size(); j++) {
        answers[positions.get(j)] =
            done.succeeded() ? done.result().get(j) : Ingest.unexpected(done.cause());
      }
      JsonArray results = new JsonArray();
      int ok = 0;
      for (int i = 0; i < answers.length; i++) {
        Answer answer = answers[i];
        if (answer.status() < 300) {
          ok++;
        }
        logFailure(ctx, ids[i], answer);
        JsonObject result = new JsonObject().put("index", i).put("status", answer.status());
        if (ids[i] != null) {
          result.put(CorrelationId.FIELD, ids[i]);
        }
        results.add(result.mergeIn(answer.body()));
      }
      send(ctx, new Answer(200, new JsonObject()
          .put("count", answers.length).put("succeeded", ok).put("failed", answers.length - ok)
          .put("results", results)));
    });
  }

  private static Answer answerOf(io.vertx.core.AsyncResult<Answer> done) {
    if (done.succeeded()) {
      return done.result();
    }
    return Ingest.unexpected(done.cause());
  }

  private void route(RoutingContext ctx) {
    Message message = singleMessage(ctx);
    if (message == null) {
      return;
    }
    correlate(ctx, message);
    List<Destination> destinations;
    try {
      destinations = ingest.router().route(message);
    } catch (PublishException e) {
      send(ctx, Answer.refused(e));
      return;
    }
    JsonArray list = new JsonArray();
    for (Destination destination : destinations) {
      list.add(describe(destination));
    }
    send(ctx, new Answer(200, new JsonObject().put("qos", message.qualityOfService()).put("destinations", list)));
  }

  /** One destination as JSON: topic, key, headers, shardStrategy, eventType. */
  static JsonObject describe(Destination destination) {
    JsonArray headers = new JsonArray();
    for (Header header : destination.headers()) {
      headers.add(new JsonObject().put("key", header.key()).put("value", header.value()));
    }
    return new JsonObject()
        .put("topic", destination.topic())
        .put("key", destination.key())
        .put("headers", headers)
        .put("shardStrategy", destination.shardStrategy())
        .put("eventType", destination.eventType());
  }

  /** The request body's one message, or null once the request is answered 400. */
  private static Message singleMessage(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    try {
      if (body == null || body.length() == 0) {
        throw new WrpFormatException("empty body: expected one WRP message");
      }
      return formatOf(ctx.get(BodyType.class.getName())).decode(body.getBytes());
    } catch (WrpFormatException e) {
      send(ctx, malformed(e));
      return null;
    }
  }

  /** The decoder for a body type the content-type checks let through. */
  private static Format formatOf(BodyType type) {
    return type == BodyType.MSGPACK ? Format.MSGPACK : Format.JSON;
  }

  private static Answer malformed(WrpFormatException e) {
    return Answer.error(400, "malformed_wrp", "malformed WRP message: " + e.getMessage());
  }

  // ---------------------------------------------------------------- config

  private void getConfig(RoutingContext ctx) {
    if (codec == null) {
      send(ctx, Answer.error(501, "not_implemented", "this bridge was started without a config codec"));
      return;
    }
    send(ctx, new Answer(200, new JsonObject(codec.toMap(publisher.dynamicConfig()))));
  }

  private void putConfig(RoutingContext ctx) {
    if (codec == null) {
      send(ctx, Answer.error(501, "not_implemented", "this bridge was started without a config codec"));
      return;
    }
    String text;
    try {
      Buffer buffer = ctx.body().buffer();
      text = StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(buffer == null ? new byte[0] : buffer.getBytes())).toString();
    } catch (CharacterCodingException e) {
      send(ctx, Answer.error(400, "invalid_config", "the body is not UTF-8 text"));
      return;
    }
    DynamicConfigCodec.Parsed parsed = codec.parse(text);
    if (parsed.config() == null) {
      send(ctx, new Answer(400, new JsonObject().put("error", "invalid configuration")
          .put("errorType", "invalid_config").put("problems", new JsonArray(parsed.problems()))));
      return;
    }
    try {
      publisher.updateConfig(parsed.config());
    } catch (ConfigException e) {
      send(ctx, new Answer(400, new JsonObject().put("error", "invalid configuration")
          .put("errorType", "invalid_config").put("problems", new JsonArray(List.of(e.getMessage())))));
      return;
    }
    log.info("dynamic configuration replaced over HTTP ({} routes)", parsed.config().topicMap().size());
    reloaded.accept(parsed.config());
    send(ctx, new Answer(200, new JsonObject().put("status", "applied")
        .put("config", new JsonObject(codec.toMap(publisher.dynamicConfig())))));
  }

  // ---------------------------------------------------------------- health and metrics

  /**
   * 200 with the publisher's health while the process works, whatever Kafka does (restarting
   * the process would not bring a broker back, and would lose what the buffer holds); 503 only
   * when the publisher is not running although the bridge is not shutting down.
   */
  private void healthz(RoutingContext ctx) {
    Health health = publisher.health();
    if (publisher.isEnabled() && !publisher.isStarted()) {
      Answer answer = Answer.error(503, "not_running", "the publisher is not running");
      answer.body().put("health", HealthJson.of(health));
      send(ctx, answer);
      return;
    }
    send(ctx, new Answer(200, new JsonObject().put("status", "ok")
        .put("health", HealthJson.of(health))));
  }

  /**
   * 503 while the publisher's health is DOWN (not running, or its circuit open) or a routed topic
   * is missing; 200 otherwise (UP or DEGRADED), always with the health as JSON.
   */
  private void readyz(RoutingContext ctx) {
    Health health = publisher.health();
    JsonObject details = HealthJson.of(health);
    if (!publisher.isEnabled()) {
      send(ctx, new Answer(200, new JsonObject().put("status", "ready")
          .put("kafka", "disabled")
          .put("reason", "Kafka publishing is disabled in the configuration (kafka.enabled: false);"
              + " messages are checked and routed, not published")
          .put("health", details)));
      return;
    }
    if (health.status() == Health.Status.DOWN) {
      Answer answer = Answer.error(503, "not_ready", String.join("; ", health.reasons()));
      answer.body().put("health", details);
      send(ctx, answer);
      return;
    }
    Future.fromCompletionStage(readiness.problem(), vertx.getOrCreateContext()).onComplete(done -> {
      Optional<ReadinessCheck.NotReady> problem = done.succeeded() ? done.result()
          : Optional.of(ReadinessCheck.NotReady.because(
              "readiness check failed: " + done.cause().getMessage()));
      if (problem.isPresent()) {
        Answer answer = Answer.error(503, "not_ready", problem.get().reason());
        if (!problem.get().missingTopics().isEmpty()) {
          answer.body().put("missingTopics", new JsonArray(problem.get().missingTopics()));
        }
        answer.body().put("health", details);
        send(ctx, answer);
      } else {
        send(ctx, new Answer(200, new JsonObject().put("status", "ready").put("health", details)));
      }
    });
  }

  private void metrics(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape());
  }

  // ---------------------------------------------------------------- answers

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (status == 413) {
      send(ctx, Answer.error(413, "body_too_large",
          "the request body is larger than the limit of " + settings.maxBodyBytes() + " bytes"));
      return;
    }
    if (status >= 400 && status < 500) {
      send(ctx, Answer.error(status, "bad_request", "the request could not be read"));
      return;
    }
    log.error("request {} {} (transaction {}) failed", ctx.request().method(), ctx.normalizedPath(),
        shown(ctx.get(CORRELATION)), ctx.failure());
    send(ctx, Answer.error(500, "unknown", "internal error; see the bridge's log"));
  }

  private static void send(RoutingContext ctx, Answer answer) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (answer.wantsRetryAfter() && !ctx.response().headers().contains(HttpHeaders.RETRY_AFTER)) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    String id = ctx.get(CORRELATION);
    if (id != null && !id.isEmpty()) {
      ctx.response().putHeader(CorrelationId.WEBPA_HEADER, id);
    }
    String encoded = answer.encode(id);
    if (id != null && !ctx.normalizedPath().equals("/api/v1/messages")) {
      logFailure(ctx, id, answer);
    }
    ctx.response()
        .setStatusCode(answer.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(encoded);
  }

  /**
   * Logs an ingest answer that says the message was not published for a reason on our side or
   * Kafka's (5xx other than 503, whose causes are shed load the metrics count), with its
   * correlation id, rate-limited per error type and path (the publisher logs the failure itself
   * too, with the transaction uuid in the MDC); every other answer at debug level.
   */
  private static void logFailure(RoutingContext ctx, String id, Answer answer) {
    int status = answer.status();
    if (status >= 500 && status != 503) {
      String errorType = answer.body().getString("errorType");
      failedAnswers.failed(errorType, ctx.normalizedPath(),
          ctx.request().method() + " " + ctx.normalizedPath() + " (transaction " + shown(id)
              + ") answered " + status + " " + errorType + ": " + answer.body().getString("error"),
          id);
    } else if (log.isDebugEnabled()) {
      log.debug("{} {} (transaction {}) answered {} {}", ctx.request().method(),
          ctx.normalizedPath(), shown(id), status,
          answer.body().getString("outcome", answer.body().getString("errorType")));
    }
  }

  private static String shown(String id) {
    return id == null || id.isEmpty() ? "none" : id;
  }

  /**
   * A header value as it can be shown in an answer: at most 100 characters, in quotes, with
   * quotes, backslashes and every character outside printable ASCII written as a
   * JSON-style escape (backslash, u, four hex digits).
   * Vert.x reads header bytes as ISO-8859-1, so each byte a client sent shows as one escape and
   * nothing is decoded again (no mojibake, no control characters, no forged log lines).
   */
  static String quoted(String value) {
    int length = Math.min(value.length(), 100);
    StringBuilder shown = new StringBuilder(length + 2).append('"');
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        shown.append(String.format("\\u%04X", (int) c));
      } else {
        shown.append(c);
      }
    }
    if (value.length() > length) {
      shown.append("...");
    }
    return shown.append('"').toString();
  }

  /**
   * Answers a request Vert.x could not parse, before any route sees it (a header name that is
   * not an ASCII token, a request line or headers over the limits), with the JSON error body like
   * every other error, and closes the connection, whose framing can no longer be trusted. The
   * parser's own message is not echoed: it may quote the request's bytes.
   */
  void invalidRequest(HttpServerRequest request) {
    long start = System.nanoTime();
    Throwable cause = request.decoderResult().cause();
    Answer answer;
    if (cause instanceof TooLongHttpLineException) {
      answer = Answer.error(414, "uri_too_long", "the request line is longer than the server accepts");
    } else if (cause instanceof TooLongHttpHeaderException) {
      answer = Answer.error(431, "headers_too_large", "the request headers are larger than the server accepts");
    } else if (cause instanceof IllegalArgumentException
        && String.valueOf(cause.getMessage()).contains("header name")) {
      answer = Answer.error(400, "bad_request",
          "a header name is not valid: header names are ASCII letters, digits and !#$%&'*+-.^_`|~");
    } else {
      answer = Answer.error(400, "bad_request", "the request is not valid HTTP/1.1");
    }
    log.debug("invalid HTTP request answered {}", answer.status(), cause);
    request.response()
        .setStatusCode(answer.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(answer.body().encode())
        .onComplete(done -> request.connection().close());
    httpMetrics.answeredUnrouted(request.method(), answer.status(), System.nanoTime() - start);
  }
}
