package io.wrpkafka.app.bridge;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.wrpkafka.CircuitBreakerConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.SpoolConfig;
import io.wrpkafka.config.BasicCredential;
import io.wrpkafka.config.ServerConfig;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.micrometer.KafkaProducerMetrics;
import io.wrpkafka.micrometer.PublisherMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Threads. Requests are handled on Vert.x event loops; nothing there blocks (see Ingest for the
 * QoS dispatch; readiness reads Publisher.health(), which never waits). The only blocking work runs on the "wrpkafka-produce"
 * worker pool: publisher calls that may wait for buffer room. Its size bounds how many such
 * calls wait at once; more requests queue for it without holding a thread.
 *
 * Drain. drain() first makes new requests answer 503 (Connection: close) and asks the HTTP
 * server to shut down gracefully (it stops accepting connections and closes idle ones), waits
 * until every request already taken has been answered, and only then stops the publisher, which
 * flushes what it buffered within cleanupTimeout. So a request answered 200/202 at QoS >= 25 is
 * either acknowledged by Kafka or still in the publisher's buffer when the flush starts.
 */
/**
 * The HTTP bridge (DESIGN §7): a Vert.x server that takes WRP messages the way Talaria sends them
 * to Caduceus and publishes them through a {@link Publisher}. Build one with {@link #builder()};
 * {@link Builder#start()} returns once it listens. Thread-safe.
 */
public final class Bridge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Bridge.class);
  private static final int PRODUCE_WORKERS = 32;
  /**
   * How often the Kafka client's metric names are re-read: new ones (a topic's first send, a
   * producer replaced by a hot reload) show on /metrics within this time.
   */
  private static final Duration CLIENT_METRICS_REFRESH = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final HttpServer server;
  private final WorkerExecutor workers;
  private final BridgeRoutes routes;
  private final Publisher publisher;
  private final Duration drainTimeout;
  private final Duration cleanupTimeout;
  private final ConfigFileWatcher watcher;
  private final List<AutoCloseable> closeLast;
  private final Object lifecycle = new Object();
  private boolean closed;

  private Bridge(
      Vertx vertx,
      HttpServer server,
      WorkerExecutor workers,
      BridgeRoutes routes,
      Publisher publisher,
      Duration drainTimeout,
      Duration cleanupTimeout,
      ConfigFileWatcher watcher,
      List<AutoCloseable> closeLast) {
    this.vertx = vertx;
    this.server = server;
    this.workers = workers;
    this.routes = routes;
    this.publisher = publisher;
    this.drainTimeout = drainTimeout;
    this.cleanupTimeout = cleanupTimeout;
    this.watcher = watcher;
    this.closeLast = closeLast;
  }

  /** A builder; {@link Builder#config} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the bridge listens on. */
  public int port() {
    return server.actualPort();
  }

  /**
   * Drains and stops: new requests get 503, requests in flight are answered (waiting at most
   * {@code drainTimeout}), then the publisher flushes within {@code cleanupTimeout} and stops, and
   * the HTTP server and its threads end. Blocks until done. Idempotent. Must not be called on a
   * Vert.x thread.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    routes.startDraining();
    if (watcher != null) {
      watcher.close();
    }
    await(server.shutdown(drainTimeout.toMillis(), TimeUnit.MILLISECONDS), drainTimeout);
    if (!routes.awaitIdle(deadline)) {
      log.warn("drain: {} request(s) still in flight after {}", routes.inFlight(), drainTimeout);
    }
    try {
      publisher.stop(cleanupTimeout);
    } catch (RuntimeException e) {
      closeFailed("the publisher", e);
    }
    await(workers.close(), Duration.ofSeconds(5));
    await(vertx.close(), Duration.ofSeconds(10));
    closeAll(closeLast);
    log.info("bridge stopped");
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        closeFailed(resource.getClass().getSimpleName(), e);
      }
    }
  }

  /**
   * One line for a part that failed to stop while draining: with the broker down that is an
   * expected "Connection refused", which a stack trace would dress up as a crash. The trace is
   * logged at debug level.
   */
  private static void closeFailed(String what, Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    log.warn("stopping {} failed: {}: {}{}", what, e.getClass().getSimpleName(), e.getMessage(),
        cause == e ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
    log.debug("stopping {} failed", what, e);
  }

  private static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      log.debug("waiting for the HTTP server failed", e);
      return null;
    }
  }

  /**
   * Builds and starts a {@link Bridge} from a configuration file's settings. Not thread-safe.
   * The package-private setters assemble one from its parts instead (a given publisher, settings,
   * readiness check), as this package's tests do.
   */
  public static final class Builder {
    private WrpKafkaConfig fileConfig;
    private Path configFile;
    private Integer port;
    private String[] brokers;
    private List<String> brokersInUse;
    private BridgeSettings settings;
    private Publisher publisher;
    private Duration recordDeliveryTimeout = Duration.ofMinutes(2);
    private Duration cleanupTimeout = Duration.ofSeconds(10);
    private DynamicConfig disabledConfig;
    private PrometheusMeterRegistry registry;
    private ReadinessCheck readiness = ReadinessCheck.alwaysReady();
    private Duration probeInterval = CircuitBreakerConfig.DEFAULT_PROBE_INTERVAL;
    /** QoS whose produce forces the spool to disk, so never on an event loop. */
    private IntPredicate forcesDisk = qos -> false;
    private TopicCheck topicCheck;
    private DynamicConfigCodec codec;
    private Path watchedFile;
    private Function<Path, DynamicConfigCodec.Parsed> fileLoader;
    private HttpsMaterial https;
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    private Builder() {}

    /**
     * What to run (required): {@code config}'s {@code server:} section (address, port, body
     * limit, auth, admin token, drain timeout, watch) and its {@code kafka:} section (a publisher
     * the bridge creates, starts and stops, or Kafka disabled). {@code file} is where {@code
     * config} was read from, watched when {@code server.watchConfig} is set.
     */
    public Builder config(WrpKafkaConfig config, Path file) {
      this.fileConfig = Objects.requireNonNull(config, "config");
      this.configFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Listen on {@code port} instead of {@code server.port}; 0 picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Publish to {@code brokers} instead of {@code kafka.brokers} (an embedded broker, say). */
    public Builder brokers(String... brokers) {
      this.brokers = Objects.requireNonNull(brokers, "brokers").clone();
      return this;
    }

    /**
     * Something to close last, after the publisher has flushed (an embedded broker). Not closed
     * when {@link #start()} throws: the caller still owns it then.
     */
    public Builder onClose(AutoCloseable resource) {
      this.closeLast.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    Builder settings(BridgeSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The publisher to send to; it must be started. The bridge stops it when it closes, with
     * {@code cleanupTimeout}. {@code recordDeliveryTimeout} bounds how long a QoS 75–99 request
     * waits.
     */
    Builder publisher(Publisher publisher, Duration recordDeliveryTimeout, Duration cleanupTimeout) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
      this.recordDeliveryTimeout = Objects.requireNonNull(recordDeliveryTimeout, "recordDeliveryTimeout");
      this.cleanupTimeout = Objects.requireNonNull(cleanupTimeout, "cleanupTimeout");
      return this;
    }

    /**
     * Kafka publishing disabled: messages are decoded and routed with {@code config}, then
     * answered 202 with outcome {@code DISABLED}; {@code /readyz} says so.
     */
    Builder kafkaDisabled(DynamicConfig config) {
      this.disabledConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The registry {@code /metrics} shows; HTTP server metrics (HttpMetrics) are added to it. */
    Builder meterRegistry(PrometheusMeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The publisher's circuit breaker, whose probe interval is the {@code Retry-After} of an
     * answer refused with {@code circuit_open}; default the default breaker.
     */
    Builder circuitBreaker(CircuitBreakerConfig circuitBreaker) {
      this.probeInterval = circuitBreaker.probeInterval();
      return this;
    }

    /**
     * The publisher's durable spool, if any: a QoS whose records it forces to disk before {@code
     * produce} answers ({@code fsync: always}) is never published on an event loop.
     */
    Builder spool(Optional<SpoolConfig> spool) {
      this.forcesDisk = spool
          .filter(s -> s.fsync() == SpoolConfig.Fsync.ALWAYS)
          .<IntPredicate>map(s -> s::covers)
          .orElse(qos -> false);
      return this;
    }

    /**
     * What {@code /readyz} checks beside the publisher's health (the topics); default: nothing.
     */
    Builder readiness(ReadinessCheck readiness) {
      this.readiness = Objects.requireNonNull(readiness, "readiness");
      return this;
    }

    /** Reads and shows the dynamic config for {@code /api/v1/config}; without it, PUT is 501. */
    Builder configCodec(DynamicConfigCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Watches {@code file} and applies its dynamic part when it changes; {@code loader} reads
     * it. An invalid edit is logged and ignored.
     */
    Builder watch(Path file, Function<Path, DynamicConfigCodec.Parsed> loader) {
      this.watchedFile = Objects.requireNonNull(file, "file");
      this.fileLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * Starts the publisher (unless Kafka is disabled) and the HTTP server, and returns once it
     * listens. Blocks up to about 30 s plus the publisher's start. On failure everything started
     * here is stopped again.
     *
     * @throws IllegalStateException if the port cannot be bound or the publisher cannot start
     * @throws io.wrpkafka.PublishException if the publisher's start check fails (no broker
     *     answered within {@code kafka.startTimeout}, or the TLS handshake or login failed)
     * @throws io.wrpkafka.ConfigException if a broker override is not a valid address
     * @throws java.io.UncheckedIOException if a Kafka TLS file named in the configuration is
     *     unreadable
     * @throws io.wrpkafka.ConfigException if a {@code server.tls} file is missing, unreadable or
     *     not PEM, naming the key and the path
     */
    public Bridge start() {
      if (fileConfig == null) {
        return startFromParts();
      }
      List<AutoCloseable> owned = new ArrayList<>();
      try {
        fromConfigFile(owned);
        closeLast.addAll(0, owned);
        return startFromParts();
      } catch (RuntimeException e) {
        if (publisher != null) {
          publisher.stop(cleanupTimeout);
        }
        closeAll(owned);
        throw e;
      }
    }

    /** Sets the parts from {@link #config}; adds what it starts to {@code owned}. */
    private void fromConfigFile(List<AutoCloseable> owned) {
      ServerConfig server = fileConfig.server();
      Map<String, String> basic = new LinkedHashMap<>();
      for (BasicCredential credential : server.basic()) {
        basic.put(credential.username(), credential.password());
      }
      settings(
          new BridgeSettings(
              server.address(),
              port != null ? port : server.port(),
              server.maxBodyBytes(),
              IngestAuth.of(basic, server.bearerTokens()),
              server.adminToken(),
              server.drainTimeout(),
              server.tls()));
      // Before the publisher starts: a missing certificate should not wait for the brokers.
      server.tls().ifPresent(tls -> https = HttpsMaterial.read(tls));
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      meterRegistry(meters);
      configCodec(new YamlDynamicConfigCodec());
      if (server.watchConfig()) {
        watch(configFile, YamlDynamicConfigCodec::loadFile);
      }
      if (!fileConfig.kafkaEnabled()) {
        kafkaDisabled(fileConfig.dynamicConfig());
        return;
      }
      PublisherConfig config = fileConfig.publisher().orElseThrow();
      if (brokers != null) {
        config = config.toBuilder().brokers(brokers).build();
      }
      brokersInUse = config.brokers();
      Publisher started = Publisher.builder().config(config).build();
      started.start();
      publisher(started, config.recordDeliveryTimeout(), config.cleanupTimeout());
      circuitBreaker(config.circuitBreaker());
      spool(config.spool());
      PublisherMetrics metrics =
          PublisherMetrics.builder(started)
              .tags(List.of(Tag.of("client_id", config.clientId())))
              .build();
      owned.add(metrics);
      metrics.bindTo(meters);
      KafkaProducerMetrics clientMetrics =
          new KafkaProducerMetrics(started::kafkaMetrics, Tags.empty(), CLIENT_METRICS_REFRESH);
      owned.add(clientMetrics);
      clientMetrics.bindTo(meters);
      if (!config.allowAutoTopicCreation()) {
        Admin admin = ClusterAdmin.create(config.clientProperties());
        owned.add(() -> ClusterAdmin.close(admin));
        topicCheck = new TopicCheck(admin, started::dynamicConfig);
        readiness(topicCheck);
        topicCheck.checkAtStart();
      }
    }

    /** Called after a new dynamic configuration was applied (PUT or the watched file). */
    private void reloaded(DynamicConfig config) {
      if (topicCheck != null) {
        topicCheck.reloaded(config);
      }
    }

    private Bridge startFromParts() {
      Objects.requireNonNull(settings, "settings");
      if (https == null && settings.tls().isPresent()) {
        https = HttpsMaterial.read(settings.tls().get());
      }
      if ((publisher == null) == (disabledConfig == null)) {
        throw new IllegalStateException("give exactly one of publisher(...) and kafkaDisabled(...)");
      }
      // A disabled publisher holds no thread or connection, so nothing needs undoing if the
      // server below cannot start.
      Publisher target = publisher != null ? publisher : Publisher.disabled(disabledConfig);
      if (publisher == null) {
        target.start();
      }
      PrometheusMeterRegistry meters =
          registry != null
              ? registry
              : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      long maxWaitMillis = recordDeliveryTimeout.toMillis() + 10_000;
      Vertx vertx =
          Vertx.builder()
              .with(
                  new VertxOptions()
                      // One event loop per core, not Vert.x's two: nothing on a loop waits, and
                      // under wrk it cost less CPU per request (benchmarks/README.md).
                      .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
                      .setMaxWorkerExecuteTime(maxWaitMillis)
                      .setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS))
              .build();
      WorkerExecutor workers =
          vertx.createSharedWorkerExecutor(
              "wrpkafka-produce", PRODUCE_WORKERS, maxWaitMillis, TimeUnit.MILLISECONDS);
      BridgeRoutes routes =
          new BridgeRoutes(
              vertx, settings, target, new Ingest(target, recordDeliveryTimeout, workers, forcesDisk),
              meters,
              readiness, probeInterval, codec, this::reloaded);
      HttpServerOptions options =
          new HttpServerOptions()
              .setHost(settings.host())
              .setPort(settings.port())
              .setCompressionSupported(false)
              // No WebSocket endpoint: without these Netty inspects every request for an
              // extension handshake (about 1 % of the CPU samples under load).
              .setPerFrameWebSocketCompressionSupported(false)
              .setPerMessageWebSocketCompressionSupported(false);
      if (https != null) {
        https.applyTo(options);
      }
      HttpServer server = vertx.createHttpServer(options);
      server.requestHandler(routes.router());
      server.invalidRequestHandler(routes::invalidRequest);
      if (https != null) {
        routes.serveHttps(server);
      }
      try {
        server
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        vertx.close();
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new IllegalStateException(
            "cannot listen on " + settings.host() + ":" + settings.port() + ": "
                + (https == null ? "" : "HTTPS setup failed (check server.tls: " + https.tls() + "): ")
                + cause.getMessage(), cause);
      }
      ConfigFileWatcher watcher = null;
      if (watchedFile != null) {
        watcher = new ConfigFileWatcher(watchedFile, fileLoader, config -> {
          target.updateConfig(config);
          reloaded(config);
        });
        watcher.start();
      }
      log.info(
          "bridge listening on {}://{}:{}, {}",
          https == null ? "http" : "https",
          settings.host(),
          server.actualPort(),
          !target.isEnabled() ? "Kafka publishing disabled"
              : brokersInUse == null ? "Kafka publishing enabled"
              : "publishing to Kafka at " + String.join(",", brokersInUse));
      return new Bridge(
          vertx, server, workers, routes, target, settings.drainTimeout(), cleanupTimeout, watcher,
          List.copyOf(closeLast));
    }
  }
}
