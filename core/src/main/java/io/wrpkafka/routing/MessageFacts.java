package io.wrpkafka.routing;

import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import io.wrpkafka.wrp.DeviceId;
import io.wrpkafka.wrp.Locator;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.WrpFormatException;
import java.util.Map;

/**
 * What routing needs to know about one message, each fact worked out at most once per {@code
 * route} call: its event types from the destination, and (lazily) its device id and parsed
 * source. Not thread-safe; lives for one call.
 */
final class MessageFacts {
  /*
   * Event types (DESIGN §4): an "event:" destination's authority is its event type. A Talaria
   * lifecycle event, event:device-status/<device>/online or /offline, has two: "online" (or
   * "offline"), which is its label, and "device-status" as an alias. Other schemes have none
   * (eventType ""), and only a "*" route takes them.
   *
   * Unparseable values (a metadata device id, a source) count as absent rather than failing the
   * message; denyNilPartitionKey is the place to be strict about keys.
   */

  static final String HW_DEVICE_ID = "hw-deviceid";
  static final String SLASHED_HW_DEVICE_ID = "/hw-deviceid";
  private static final String EVENT_PREFIX = "event:";
  private static final String LIFECYCLE_AUTHORITY = "device-status";
  private static final String ONLINE = "online";
  private static final String OFFLINE = "offline";
  private static final int MAX_ECHO = 80;

  final Message message;
  final boolean isEvent;
  /** The event type label: "" when not an event. */
  final String eventType;
  /** The second event type of a lifecycle event ("device-status"), else null. */
  final String eventTypeAlias;
  /** The destination's service ("" when absent), or null until cut out of the destination. */
  private String service;
  private final int serviceStart;
  private final int serviceEnd;

  private boolean deviceIdDone;
  private String deviceId;
  private boolean sourceDone;
  private DeviceId source;

  private MessageFacts(Message message, Locator destination) {
    this.message = message;
    this.service = destination.service();
    this.serviceStart = 0;
    this.serviceEnd = 0;
    this.isEvent = destination.scheme().equals("event");
    if (!isEvent) {
      eventType = "";
      eventTypeAlias = null;
    } else if (destination.authority().equals(LIFECYCLE_AUTHORITY)
        && (destination.ignored().equals("/online") || destination.ignored().equals("/offline"))) {
      eventType = destination.ignored().equals("/online") ? ONLINE : OFFLINE;
      eventTypeAlias = LIFECYCLE_AUTHORITY;
    } else {
      eventType = destination.authority();
      eventTypeAlias = null;
    }
  }

  /** The facts of an event destination read in place; see {@link #ofEvent}. */
  private MessageFacts(Message message, String eventType, String eventTypeAlias,
      int serviceStart, int serviceEnd) {
    this.message = message;
    this.isEvent = true;
    this.eventType = eventType;
    this.eventTypeAlias = eventTypeAlias;
    this.serviceStart = serviceStart;
    this.serviceEnd = serviceEnd;
  }

  /**
   * Reads the facts of {@code message}.
   *
   * @throws PublishException {@link ErrorType#VALIDATION_ERROR} when the destination is empty or
   *     not a WRP locator
   */
  static MessageFacts of(Message message) {
    return of(message, new EventTypes());
  }

  /**
   * Reads the facts of {@code message}, taking its event type from {@code eventTypes} when it
   * holds it already.
   *
   * @throws PublishException {@link ErrorType#VALIDATION_ERROR} when the destination is empty or
   *     not a WRP locator
   */
  static MessageFacts of(Message message, EventTypes eventTypes) {
    String text = message.destination();
    if (text.isEmpty()) {
      throw new PublishException(ErrorType.VALIDATION_ERROR,
          "destination: empty; a message needs a destination such as event:device-status/...");
    }
    MessageFacts event = ofEvent(message, text, eventTypes);
    if (event != null) {
      return event;
    }
    try {
      return new MessageFacts(message, Locator.parse(text));
    } catch (WrpFormatException e) {
      throw new PublishException(ErrorType.VALIDATION_ERROR, "destination: " + e.getMessage(), e);
    }
  }

  /**
   * The facts of a plain {@code event:<type>[/<service>[/...]]} destination, read in place
   * without a Locator and without cutting strings (a lifecycle event's types are constants, the
   * service is cut out only if the device id needs it); null for anything else (upper case, white
   * space at either end of the text or the type, an empty type), which {@link Locator#parse}
   * then reads, with the same result.
   */
  private static MessageFacts ofEvent(Message message, String text, EventTypes eventTypes) {
    int start = EVENT_PREFIX.length();
    int length = text.length();
    if (!text.startsWith(EVENT_PREFIX) || Character.isWhitespace(text.charAt(length - 1))) {
      return null;
    }
    int slash = text.indexOf('/', start);
    int authorityEnd = slash < 0 ? length : slash;
    if (authorityEnd == start || Character.isWhitespace(text.charAt(start))
        || Character.isWhitespace(text.charAt(authorityEnd - 1))) {
      return null;
    }
    int serviceStart = slash < 0 ? length : slash + 1;
    int next = slash < 0 ? -1 : text.indexOf('/', serviceStart);
    int serviceEnd = next < 0 ? length : next;
    if (next >= 0 && authorityEnd - start == LIFECYCLE_AUTHORITY.length()
        && text.startsWith(LIFECYCLE_AUTHORITY, start)) {
      String lifecycle = ignoredIs(text, next, "/online") ? ONLINE
          : ignoredIs(text, next, "/offline") ? OFFLINE : null;
      if (lifecycle != null) {
        return new MessageFacts(message, lifecycle, LIFECYCLE_AUTHORITY, serviceStart, serviceEnd);
      }
    }
    return new MessageFacts(message, eventTypes.of(text, start, authorityEnd), null, serviceStart,
        serviceEnd);
  }

  private static boolean ignoredIs(String text, int from, String ignored) {
    return text.length() - from == ignored.length() && text.startsWith(ignored, from);
  }

  /** The destination's service ({@code mac:112233445566} of a Talaria event), or "". */
  private String service() {
    String s = service;
    if (s == null) {
      s = message.destination().substring(serviceStart, serviceEnd);
      service = s;
    }
    return s;
  }

  /**
   * The canonical device id ({@code mac:112233445566}): from metadata {@code hw-deviceid} or
   * {@code /hw-deviceid}, else the source when it is a mac, uuid or serial id, else the device of
   * an {@code event:<type>/<device>/...} destination; null when none parses.
   */
  String deviceId() {
    if (!deviceIdDone) {
      deviceIdDone = true;
      deviceId = findDeviceId();
    }
    return deviceId;
  }

  private String findDeviceId() {
    String fromMetadata = metadata(HW_DEVICE_ID, SLASHED_HW_DEVICE_ID);
    if (fromMetadata != null) {
      DeviceId id = parseDeviceId(fromMetadata);
      if (id != null) {
        return id.toString();
      }
    }
    DeviceId fromSource = source();
    if (fromSource != null && isDeviceScheme(fromSource)) {
      return fromSource.toString();
    }
    if (isEvent && !service().isEmpty()) {
      DeviceId fromDestination = parseDeviceId(service());
      if (fromDestination != null && isDeviceScheme(fromDestination)) {
        return fromDestination.toString();
      }
    }
    return null;
  }

  /** The parsed source (any scheme), or null when it is empty or does not parse. */
  DeviceId source() {
    if (!sourceDone) {
      sourceDone = true;
      String text = message.source();
      source = text.isEmpty() ? null : parseDeviceId(text);
    }
    return source;
  }

  /** The id part of the parsed source ({@code 112233445566}), or null; Go's DeviceID field. */
  String sourceId() {
    DeviceId id = source();
    return id == null || id.id().isEmpty() ? null : id.id();
  }

  /**
   * The UTF-8 bytes of {@link #sourceId()}, cut straight out of the canonical source (no String
   * for the id), or null when there is none.
   */
  byte[] sourceIdBytes() {
    DeviceId id = source();
    if (id == null) {
      return null;
    }
    String canonical = id.toString();
    int from = id.prefix().length() + 1;
    return from >= canonical.length() ? null : Utf8.of(canonical, from, canonical.length());
  }

  /**
   * The non-empty value of metadata {@code field}, else of {@code slashedField} (the same name
   * with a leading {@code /}, as some Talaria versions write it), else null.
   */
  String metadata(String field, String slashedField) {
    Map<String, String> metadata = message.metadata();
    if (metadata.isEmpty()) {
      return null;
    }
    String value = metadata.get(field);
    if (value == null || value.isEmpty()) {
      value = metadata.get(slashedField);
    }
    return value == null || value.isEmpty() ? null : value;
  }

  /** The destination for an error message, cut to a bounded length. */
  String quotedDestination() {
    return quote(message.destination());
  }

  static String quote(String text) {
    String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
    return '"' + shown + '"';
  }

  private static DeviceId parseDeviceId(String text) {
    try {
      return DeviceId.parse(text);
    } catch (WrpFormatException e) {
      return null;
    }
  }

  private static boolean isDeviceScheme(DeviceId id) {
    String prefix = id.prefix();
    return prefix.equals("mac") || prefix.equals("uuid") || prefix.equals("serial");
  }
}
