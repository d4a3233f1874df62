package io.wrpkafka.routing;

import io.wrpkafka.ConfigException;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import io.wrpkafka.Routing;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.wrp.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides where a WRP message goes: the topics of the matching routes of a {@link
 * DynamicConfig}, each with its partition key and the configured headers. Built once per config
 * ({@code new Router(config)} compiles every pattern, shard strategy, partition key strategy and
 * header), then used for every message.
 *
 * <p>Immutable apart from the round-robin counters of its routes, and thread-safe: any number of
 * threads may call {@link #route} at once, without locks. Pure Java; no Kafka types.
 */
public final class Router {
  /*
   * Implementation notes
   *
   * Compile at config time, match at message time. The constructor turns each TopicRoute into a
   * CompiledRoute (Pattern, sealed ShardBy, partition key function) and each header value into a
   * HeaderTemplate, so route() only reads.
   *
   * Per message, MessageFacts parses the destination once (Locator.parse) and works out the event
   * type, the lifecycle alias and, lazily, the device id and parsed source, each at most once
   * however many routes use them; device ids already in canonical form, as nearly all are, are
   * read in place (CanonicalIds) instead of parsed into a DeviceId. Headers are built once per
   * message (only when a route matched) into one HeaderList, which Destination keeps without
   * copying, and shared by every destination of that message; a header whose value comes from a
   * closed set (a literal, wrp.Type, wrp.QualityOfService) is built at compile time, with its
   * value's bytes, and reused. Values taken from the message go into the list as UTF-8 bytes,
   * which is what a record carries (Destination.headerValueBytes). Event types cut out of
   * destinations are shared through EventTypes, so that records of one type hold one String.
   *
   * Routing FIRST returns the first matching route; ALL returns one destination per matching
   * route in topic-map order (the Go implementation's behaviour). Round-robin counters are
   * AtomicLongs on the compiled routes: a new Router (a config update) starts them at zero.
   *
   * Errors: an empty or unparseable destination is VALIDATION_ERROR; no matching route is
   * NO_TOPIC_MATCH. A missing shard value is not an error: the route falls back to round-robin
   * and the RouteObserver hears of it. Messages quote at most 80 characters of message input.
   */

  private static final RouteObserver IGNORE = (destination, field) -> { };

  private final DynamicConfig config;
  private final CompiledRoute[] routes;
  private final HeaderTemplate[] headers;
  private final boolean firstMatchOnly;
  private final EventTypes eventTypes = new EventTypes();

  /**
   * Compiles {@code config}.
   *
   * @throws ConfigException naming the route index or header key when something does not
   *     compile (for a config made by {@link DynamicConfig.Builder#build()}, only a programming
   *     error could cause that)
   */
  public Router(DynamicConfig config) {
    this.config = config;
    List<TopicRoute> topicMap = config.topicMap();
    if (topicMap.isEmpty()) {
      throw new ConfigException("topicMap: must contain at least one route");
    }
    this.routes = new CompiledRoute[topicMap.size()];
    for (int i = 0; i < routes.length; i++) {
      try {
        routes[i] = new CompiledRoute(topicMap.get(i));
      } catch (ConfigException e) {
        throw e.under("topicMap[" + i + "]");
      }
    }
    List<HeaderTemplate> templates = new ArrayList<>();
    for (Map.Entry<String, List<String>> header : config.headers().entrySet()) {
      List<String> values = header.getValue();
      for (int i = 0; i < values.size(); i++) {
        templates.add(HeaderTemplate.compile(header.getKey(), i, values.get(i)));
      }
    }
    this.headers = templates.toArray(new HeaderTemplate[0]);
    this.firstMatchOnly = config.routing() == Routing.FIRST;
  }

  /** The config this router was compiled from. */
  public DynamicConfig config() {
    return config;
  }

  /**
   * Routes {@code message}: one destination under {@link Routing#FIRST}, one per matching route
   * under {@link Routing#ALL}. Thread-safe; does not block.
   *
   * @return the destinations, never empty; immutable
   * @throws PublishException {@link ErrorType#NO_TOPIC_MATCH} when no route matches, {@link
   *     ErrorType#VALIDATION_ERROR} when the destination is empty or not a WRP locator
   * @throws NullPointerException if {@code message} is null
   */
  public List<Destination> route(Message message) {
    return route(message, IGNORE);
  }

  /**
   * Routes {@code message} as {@link #route(Message)} does, telling {@code observer} when a
   * hashed shard strategy found no value and fell back to round-robin.
   *
   * @throws PublishException as {@link #route(Message)}; and whatever {@code observer} throws
   */
  public List<Destination> route(Message message, RouteObserver observer) {
    MessageFacts facts = MessageFacts.of(message, eventTypes);
    if (firstMatchOnly) {
      for (CompiledRoute route : routes) {
        if (route.matches(facts)) {
          return List.of(route.destination(facts, headers(facts), observer));
        }
      }
      throw noMatch(facts);
    }
    Destinations destinations = null;
    List<Header> headers = null;
    for (int i = 0; i < routes.length; i++) {
      CompiledRoute route = routes[i];
      if (route.matches(facts)) {
        if (destinations == null) {
          destinations = new Destinations(routes.length - i);
          headers = headers(facts);
        }
        destinations.append(route.destination(facts, headers, observer));
      }
    }
    if (destinations == null) {
      throw noMatch(facts);
    }
    return destinations;
  }

  private List<Header> headers(MessageFacts facts) {
    if (headers.length == 0) {
      return List.of();
    }
    HeaderList out = new HeaderList(headers.length);
    for (HeaderTemplate template : headers) {
      template.addTo(out, facts);
    }
    return out.isEmpty() ? List.of() : out;
  }

  private static PublishException noMatch(MessageFacts facts) {
    String what;
    if (!facts.isEvent) {
      what = "destination " + facts.quotedDestination()
          + ": not an event, and only a \"*\" route takes non-event messages";
    } else if (facts.eventTypeAlias() != null) {
      what = "event type " + MessageFacts.quote(facts.eventType) + " (or "
          + MessageFacts.quote(facts.eventTypeAlias()) + ")";
    } else {
      what = "event type " + MessageFacts.quote(facts.eventType);
    }
    return new PublishException(ErrorType.NO_TOPIC_MATCH, "no route matches " + what);
  }
}
