package io.wrpkafka.routing;

import static io.wrpkafka.routing.MessageFactsTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import io.wrpkafka.Routing;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.wrp.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {

  private static final String DEVICE = "mac:112233445566";

  private static TopicRoute route(String pattern, String topic) {
    return TopicRoute.builder().pattern(pattern).topic(topic).build();
  }

  /** A router over routes written "pattern=topic" and separated by spaces. */
  private static Router router(Routing routing, String routes) {
    List<TopicRoute> topicMap = new ArrayList<>();
    for (String spec : routes.split(" ")) {
      int eq = spec.indexOf('=');
      topicMap.add(route(spec.substring(0, eq), spec.substring(eq + 1)));
    }
    return new Router(DynamicConfig.builder().topicMap(topicMap).routing(routing).build());
  }

  private static Message event(String destination) {
    return message(DEVICE, destination, "");
  }

  private static List<String> topics(List<Destination> destinations) {
    return destinations.stream().map(Destination::topic).toList();
  }

  private static final String ROUTES =
      "online=lifecycle device-status=status device-*=devices *-change=changes *=default";

  @ParameterizedTest(name = "{0} goes to {1}")
  @CsvSource({
      "event:device-status/mac:112233445566/online,  lifecycle",
      "event:device-status/mac:112233445566/offline, status",
      "event:device-status/mac:112233445566/status,  status",
      "event:device-reboot/mac:112233445566,         devices",
      "event:node-change,                            changes",
      "event:fw-upgrade/mac:112233445566,            default",
      "mac:112233445566/config,                      default",
  })
  void firstMatchingRouteWins(String destination, String topic) {
    assertThat(topics(router(Routing.FIRST, ROUTES).route(event(destination))))
        .containsExactly(topic);
  }

  @ParameterizedTest(name = "{0} goes to {1}")
  @CsvSource({
      "event:device-status/mac:112233445566/online,  lifecycle status devices default",
      "event:device-status/mac:112233445566/offline, status devices default",
      "event:node-change,                            changes default",
      "mac:112233445566/config,                      default",
  })
  void routingAllPublishesToEveryMatchingRouteInOrder(String destination, String topics) {
    assertThat(topics(router(Routing.ALL, ROUTES).route(event(destination))))
        .containsExactly(topics.split(" "));
  }

  @ParameterizedTest(name = "pattern {0} takes {1}: {2}")
  @CsvSource({
      "online,          event:device-status/mac:112233445566/online,  true",
      "offline,         event:device-status/mac:112233445566/online,  false",
      "device-status,   event:device-status/mac:112233445566/online,  true",
      "*line,           event:device-status/mac:112233445566/offline, true",
      "device-*,        event:device-status/mac:112233445566/offline, true",
      "device-status,   event:device-status/mac:112233445566/restart, true",
      "restart,         event:device-status/mac:112233445566/restart, false",
  })
  void lifecycleEventMatchesOnEitherEventType(String pattern, String destination,
      boolean matches) {
    Router router = router(Routing.FIRST, pattern + "=hit");
    if (matches) {
      assertThat(topics(router.route(event(destination)))).containsExactly("hit");
    } else {
      assertThatThrownBy(() -> router.route(event(destination)))
          .isInstanceOf(PublishException.class);
    }
  }

  @ParameterizedTest(name = "{0} has event type \"{1}\"")
  @CsvSource(quoteCharacter = '\'', value = {
      "event:device-status/mac:112233445566/online,  online",
      "event:device-status/mac:112233445566/offline, offline",
      "event:device-status/mac:112233445566,         device-status",
      "dns:talaria/api,                              ''",
  })
  void destinationCarriesTheEventTypeLabel(String destination, String eventType) {
    assertThat(router(Routing.FIRST, "*=all").route(event(destination)).get(0).eventType())
        .isEqualTo(eventType);
  }

  @ParameterizedTest(name = "pattern {0} does not take a non-event message")
  @CsvSource({"mac*", "*config", "\\*", "112233445566"})
  void nonEventMessageMatchesOnlyTheCatchAll(String pattern) {
    Router router = router(Routing.FIRST, pattern + "=x");
    assertThatThrownBy(() -> router.route(event("mac:112233445566/config")))
        .isInstanceOfSatisfying(PublishException.class,
            e -> assertThat(e.errorType()).isEqualTo(ErrorType.NO_TOPIC_MATCH))
        .hasMessage("no route matches destination \"mac:112233445566/config\": not an event,"
            + " and only a \"*\" route takes non-event messages");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = ';', value = {
      "event:fw-upgrade/mac:112233445566; no route matches event type \"fw-upgrade\"",
      "event:device-status/mac:112233445566/online; "
          + "no route matches event type \"online\" (or \"device-status\")",
  })
  void unmatchedEventIsNoTopicMatchNamingTheEventType(String destination, String message) {
    Router router = router(Routing.FIRST, "a=x b=y");
    assertThatThrownBy(() -> router.route(event(destination)))
        .isInstanceOfSatisfying(PublishException.class,
            e -> assertThat(e.errorType()).isEqualTo(ErrorType.NO_TOPIC_MATCH))
        .hasMessage(message);
  }

  @ParameterizedTest(name = "routing {0} reports no match too")
  @CsvSource({"FIRST", "ALL"})
  void noMatchIsReportedUnderEitherRouting(Routing routing) {
    Router router = router(routing, "a=x");
    assertThatThrownBy(() -> router.route(event("event:b")))
        .isInstanceOfSatisfying(PublishException.class,
            e -> assertThat(e.errorType()).isEqualTo(ErrorType.NO_TOPIC_MATCH));
  }

  @Test
  void longEventTypeIsCutInTheMessage() {
    String type = "x".repeat(500);
    assertThatThrownBy(() -> router(Routing.FIRST, "a=x").route(event("event:" + type)))
        .hasMessage("no route matches event type \"" + "x".repeat(80) + "...\"");
  }

  @Test
  void emptyDestinationIsAValidationError() {
    assertThatThrownBy(() -> router(Routing.FIRST, "*=x").route(event("")))
        .isInstanceOfSatisfying(PublishException.class,
            e -> assertThat(e.errorType()).isEqualTo(ErrorType.VALIDATION_ERROR))
        .hasMessageStartingWith("destination: empty");
  }

  @Test
  void destinationCarriesKeyHeadersAndStrategy() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("source", List.of("wrp.Source"));
    headers.put("service", List.of("bridge"));
    Router router = new Router(DynamicConfig.builder()
        .topicMap(List.of(route("*", "events"))).headers(headers).build());
    Destination d = router.route(event("event:device-status/" + DEVICE + "/online")).get(0);
    assertThat(d).isEqualTo(new Destination("events", DEVICE,
        List.of(new Header("source", DEVICE), new Header("service", "bridge")), "single",
        "online"));
  }

  @Test
  void headerNamingNoWrpFieldIsOmittedAndTheOthersKept() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("source", List.of("wrp.source", "wrp.Source"));
    headers.put("nope", List.of("wrp.Nope"));
    Router router = new Router(DynamicConfig.builder()
        .topicMap(List.of(route("*", "events"))).headers(headers).build());
    Destination d = router.route(event("event:device-status/" + DEVICE + "/online")).get(0);
    assertThat(d.headers()).containsExactly(new Header("source", DEVICE));
  }

  @Test
  void routeWithPartitionKeyNoneHasANullKey() {
    TopicRoute keyless = TopicRoute.builder().pattern("*").topic("t").partitionKey("none")
        .build();
    Router router = new Router(DynamicConfig.builder().topicMap(List.of(keyless)).build());
    assertThat(router.route(event("event:x")).get(0).key()).isNull();
  }

  @Test
  void eachRouteKeysByItsOwnPartitionKeyUnderRoutingAll() {
    TopicRoute bySource = TopicRoute.builder().pattern("*").topic("a").partitionKey("source")
        .build();
    TopicRoute byDevice = TopicRoute.builder().pattern("*").topic("b").build();
    Router router = new Router(DynamicConfig.builder().topicMap(List.of(bySource, byDevice))
        .routing(Routing.ALL).build());
    assertThat(router.route(event("event:x")).stream().map(Destination::key))
        .containsExactly("112233445566", DEVICE);
  }

  @Test
  void shardFallbackIsReportedToTheObserverWithTheConfiguredStrategy() {
    TopicRoute sharded = TopicRoute.builder().pattern("*").topics(List.of("t0", "t1"))
        .shardBy("metadata:tenant").build();
    Router router = new Router(DynamicConfig.builder().topicMap(List.of(sharded)).build());
    List<String> reports = new ArrayList<>();
    RouteObserver observer = (d, field) -> reports.add(d.topic() + " " + d.shardStrategy()
        + " " + field);
    router.route(message(DEVICE, "event:x", ""), observer);
    router.route(message(DEVICE, "event:x", ""), observer);
    router.route(message(DEVICE, "event:x", "tenant=acme"), observer);
    assertThat(reports).containsExactly("t0 metadata tenant", "t1 metadata tenant");
  }

  @Test
  void routeWithoutObserverStillFallsBack() {
    TopicRoute sharded = TopicRoute.builder().pattern("*").topics(List.of("t0", "t1"))
        .shardBy("deviceid").build();
    Router router = new Router(DynamicConfig.builder().topicMap(List.of(sharded)).build());
    Destination d = router.route(message("dns:talaria", "event:x", "")).get(0);
    assertThat(d.topic()).isEqualTo("t0");
    assertThat(d.shardStrategy()).isEqualTo("deviceid");
    assertThat(d.key()).isNull();
  }

  @Test
  void routerKeepsItsConfig() {
    DynamicConfig config = DynamicConfig.builder().topicMap(List.of(route("*", "x"))).build();
    assertThat(new Router(config).config()).isSameAs(config);
  }

  @Test
  void destinationsAreImmutable() {
    List<Destination> destinations = router(Routing.ALL, "*=a *=b").route(event("event:x"));
    assertThatThrownBy(() -> destinations.add(destinations.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> destinations.set(0, destinations.get(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> destinations.remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(destinations::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void destinationsOfRoutingAllBehaveAsAnyListOfThem() {
    List<Destination> destinations =
        router(Routing.ALL, "x=a *=b y=c *=d").route(event("event:x"));
    List<Destination> copy = List.copyOf(destinations);
    assertThat(topics(copy)).containsExactly("a", "b", "d");
    assertThat(destinations).isEqualTo(copy);
    assertThat(destinations.hashCode()).isEqualTo(copy.hashCode());
    assertThat(destinations.toString()).isEqualTo(copy.toString());
    assertThatThrownBy(() -> destinations.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void roundRobinSpreadsEvenlyAcrossThreads() throws Exception {
    TopicRoute sharded = TopicRoute.builder().pattern("*").topics(List.of("t0", "t1", "t2"))
        .shardBy("roundrobin").build();
    Router router = new Router(DynamicConfig.builder().topicMap(List.of(sharded)).build());
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            String topic = router.route(event("event:x")).get(0).topic();
            counts.computeIfAbsent(topic, k -> new AtomicInteger()).incrementAndGet();
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(counts.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())))
        .isEqualTo(Map.of("t0", 400, "t1", 400, "t2", 400));
  }

  @Test
  void newRouterStartsRoundRobinAtTheFirstTopic() {
    DynamicConfig config = DynamicConfig.builder().topicMap(List.of(TopicRoute.builder()
        .pattern("*").topics(List.of("t0", "t1")).shardBy("roundrobin").build())).build();
    Router first = new Router(config);
    first.route(event("event:x"));
    assertThat(new Router(config).route(event("event:x")).get(0).topic()).isEqualTo("t0");
    assertThat(Collections.frequency(topics(first.route(event("event:x"))), "t1")).isOne();
  }

  @Test
  void messagesOfOneEventTypeShareTheirEventTypeString() {
    Router router = router(Routing.FIRST, "*=default");
    Destination first = router.route(event("event:telemetry/mac:112233445566/report")).get(0);
    Destination second = router.route(event("event:telemetry/mac:665544332211/report")).get(0);
    assertThat(second.eventType()).isEqualTo("telemetry").isSameAs(first.eventType());
  }
}
