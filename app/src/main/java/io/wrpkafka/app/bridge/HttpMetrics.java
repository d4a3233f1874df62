package io.wrpkafka.app.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/*
 * Why not Vert.x's own metrics (vertx-micrometer-metrics). They looked up the request counter and
 * the response timer in the registry for every answer, building their tags each time (Tags.and,
 * MeterRegistry.getOrCreateMeter), and kept byte summaries and connection gauges nobody reads:
 * about 14 % of the bridge's CPU samples under load (benchmarks/README.md, bridge load test).
 * Here each (route, method, status) finds its meters by array index after the first answer, so
 * an answer costs a counter increment and a timer record, and allocates nothing.
 *
 * The names stay those Vert.x used, so dashboards and alerts written for them keep working.
 * Label values are bounded: the route is one of the bridge's endpoint paths or "" (any other
 * path, as Vert.x labelled an unmatched route), the method one of the standard ones or OTHER.
 */
/**
 * The bridge's HTTP server metrics: {@value #REQUESTS} ({@code vertx_http_server_requests_total}
 * in Prometheus) and {@value #RESPONSE_TIME} ({@code vertx_http_server_response_time_seconds}),
 * both tagged {@code route}, {@code method} and {@code code}; and {@value #ACTIVE} ({@code
 * vertx_http_server_active_requests}) tagged {@code method}. Meters appear with their first
 * request. Thread-safe; never blocks.
 */
final class HttpMetrics {
  /** Answered requests. */
  static final String REQUESTS = "vertx.http.server.requests";
  /** Time from the request's arrival at the router to its answer's end. */
  static final String RESPONSE_TIME = "vertx.http.server.response.time";
  /** Requests taken and not yet answered. */
  static final String ACTIVE = "vertx.http.server.active.requests";
  /** The {@code route} of a path that is none of the bridge's endpoints. */
  static final String NO_ROUTE = "";

  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT");
  private static final String OTHER_METHOD = "OTHER";
  private static final int MIN_STATUS = 100;
  private static final int STATUSES = 500;

  private record Meters(Counter requests, Timer responseTime) {}

  private final MeterRegistry registry;
  private final List<String> routes;
  private final AtomicInteger[] active = new AtomicInteger[METHODS.size() + 1];
  /** Bit i set once the gauge of method i is registered. */
  private volatile int gauges;
  /** Per route and method (lazily), per status: the meters, created with the first answer. */
  private final AtomicReferenceArray<AtomicReferenceArray<Meters>> meters;

  /**
   * Records into {@code registry}; {@code routes} are the endpoint paths that label themselves,
   * every other path is labelled {@link #NO_ROUTE}.
   */
  HttpMetrics(MeterRegistry registry, List<String> routes) {
    this.registry = registry;
    this.routes = List.copyOf(routes);
    for (int i = 0; i < active.length; i++) {
      active[i] = new AtomicInteger();
    }
    this.meters = new AtomicReferenceArray<>((this.routes.size() + 1) * active.length);
  }

  /** Notes a request taken; {@link #ended} must follow once it is answered. */
  void started(HttpMethod method) {
    int index = methodIndex(method);
    active[index].incrementAndGet();
    int bit = 1 << index;
    if ((gauges & bit) == 0) {
      registerGauge(index, bit);
    }
  }

  /** The first request of a method shows its gauge. */
  private synchronized void registerGauge(int index, int bit) {
    if ((gauges & bit) == 0) {
      Gauge.builder(ACTIVE, active[index], AtomicInteger::get)
          .tag("method", methodName(index))
          .register(registry);
      gauges |= bit;
    }
  }

  /**
   * Counts a request answered with {@code status}, taken at {@code startNanos} ({@link
   * System#nanoTime()}), for {@code path}; call once per {@link #started}.
   */
  void ended(HttpMethod method, String path, int status, long startNanos) {
    int methodIndex = methodIndex(method);
    active[methodIndex].decrementAndGet();
    answered(methodIndex, routeIndex(path), status, System.nanoTime() - startNanos);
  }

  /**
   * Counts a request answered with {@code status} before any route saw it (an invalid request),
   * which {@link #started} did not count.
   */
  void answeredUnrouted(HttpMethod method, int status, long nanos) {
    answered(methodIndex(method), routes.size(), status, nanos);
  }

  private void answered(int methodIndex, int routeIndex, int status, long nanos) {
    Meters found = meters(methodIndex, routeIndex, status);
    found.requests().increment();
    found.responseTime().record(nanos, TimeUnit.NANOSECONDS);
  }

  private Meters meters(int methodIndex, int routeIndex, int status) {
    int slot = status - MIN_STATUS;
    if (slot < 0 || slot >= STATUSES) {
      return create(methodIndex, routeIndex, status); // not an HTTP status; never sent here
    }
    int pair = routeIndex * active.length + methodIndex;
    AtomicReferenceArray<Meters> byStatus = meters.get(pair);
    if (byStatus == null) {
      meters.compareAndSet(pair, null, new AtomicReferenceArray<>(STATUSES));
      byStatus = meters.get(pair);
    }
    Meters found = byStatus.get(slot);
    if (found == null) {
      // Two threads may both create: the registry gives both the same meters.
      found = create(methodIndex, routeIndex, status);
      byStatus.set(slot, found);
    }
    return found;
  }

  private Meters create(int methodIndex, int routeIndex, int status) {
    String route = routeIndex < routes.size() ? routes.get(routeIndex) : NO_ROUTE;
    String method = methodName(methodIndex);
    String code = Integer.toString(status);
    return new Meters(
        Counter.builder(REQUESTS)
            .tag("route", route).tag("method", method).tag("code", code)
            .register(registry),
        Timer.builder(RESPONSE_TIME)
            .tag("route", route).tag("method", method).tag("code", code)
            .register(registry));
  }

  private int routeIndex(String path) {
    int index = routes.indexOf(path); // a handful of short paths: cheaper than hashing
    return index < 0 ? routes.size() : index;
  }

  private static int methodIndex(HttpMethod method) {
    int index = METHODS.indexOf(method.name());
    return index < 0 ? METHODS.size() : index;
  }

  private static String methodName(int index) {
    return index < METHODS.size() ? METHODS.get(index) : OTHER_METHOD;
  }
}
