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
  /** Whether this is a Talaria lifecycle event, whose second event type is "device-status". */
  private final boolean lifecycle;
  /** The event type label: "" when not an event. */
  final String eventType;
  /**
   * The service {@link Locator#parse} read, or null for a destination read in place, whose
   * service is found again in the text when the device id needs it.
   */
  private final String locatorService;

  // Fields are few on purpose: one of these is allocated per message (40 bytes as they are).
  private boolean deviceIdDone;
  private String deviceId;
  private boolean sourceDone;
  /** The scheme of the parsed source, or null when it is empty or does not parse. */
  private String sourceScheme;
  /** The parsed source when it was not canonical already; null when it is read in place. */
  private DeviceId parsedSource;

  private MessageFacts(Message message, Locator destination) {
    this.message = message;
    this.locatorService = destination.service();
    this.isEvent = destination.scheme().equals("event");
    if (!isEvent) {
      eventType = "";
      lifecycle = false;
    } else if (destination.authority().equals(LIFECYCLE_AUTHORITY)
        && (destination.ignored().equals("/online") || destination.ignored().equals("/offline"))) {
      eventType = destination.ignored().equals("/online") ? ONLINE : OFFLINE;
      lifecycle = true;
    } else {
      eventType = destination.authority();
      lifecycle = false;
    }
  }

  /** The facts of an event destination read in place; see {@link #ofEvent}. */
  private MessageFacts(Message message, String eventType, boolean lifecycle) {
    this.message = message;
    this.isEvent = true;
    this.eventType = eventType;
    this.lifecycle = lifecycle;
    this.locatorService = null;
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
   * service is found again only if the device id needs it); null for anything else (upper case,
   * white space at either end of the text or the type, an empty type), which {@link
   * Locator#parse} then reads, with the same result.
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
    int next = slash < 0 ? -1 : text.indexOf('/', slash + 1);
    if (next >= 0 && authorityEnd - start == LIFECYCLE_AUTHORITY.length()
        && text.startsWith(LIFECYCLE_AUTHORITY, start)) {
      String lifecycle = ignoredIs(text, next, "/online") ? ONLINE
          : ignoredIs(text, next, "/offline") ? OFFLINE : null;
      if (lifecycle != null) {
        return new MessageFacts(message, lifecycle, true);
      }
    }
    return new MessageFacts(message, eventTypes.of(text, start, authorityEnd), false);
  }

  private static boolean ignoredIs(String text, int from, String ignored) {
    return text.length() - from == ignored.length() && text.startsWith(ignored, from);
  }

  /** The second event type of a lifecycle event ("device-status"), else null. */
  String eventTypeAlias() {
    return lifecycle ? LIFECYCLE_AUTHORITY : null;
  }

  /**
   * The canonical device id ({@code mac:112233445566}): from metadata {@code hw-deviceid} or
   * {@code /hw-deviceid}, else the source when it is a mac, uuid or serial id, else the device of
   * an {@code event:<type>/<device>/...} destination; null when none parses. The id itself when
   * it is canonical already, as most are; else a new String.
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
      String id = canonical(fromMetadata, 0, fromMetadata.length(), false);
      if (id != null) {
        return id;
      }
    }
    String scheme = sourceScheme();
    if (scheme != null && isDeviceScheme(scheme)) {
      if (parsedSource != null) {
        return parsedSource.toString();
      }
      String text = message.source();
      int end = CanonicalIds.end(text, scheme.length() + 1, text.length());
      return end == text.length() ? text : text.substring(0, end);
    }
    return isEvent ? destinationDeviceId() : null;
  }

  /** The device id of the destination's service, if it has one with a device scheme. */
  private String destinationDeviceId() {
    if (locatorService != null) {
      return locatorService.isEmpty()
          ? null : canonical(locatorService, 0, locatorService.length(), true);
    }
    String text = message.destination();
    int slash = text.indexOf('/', EVENT_PREFIX.length());
    if (slash < 0) {
      return null;
    }
    int to = CanonicalIds.end(text, slash + 1, text.length());
    return to == slash + 1 ? null : canonical(text, slash + 1, to, true);
  }

  /**
   * The canonical form of the device id {@code text} holds from {@code from} to {@code to}, or
   * null when it does not parse or, with {@code devicesOnly}, is not a mac, uuid or serial id.
   */
  private static String canonical(String text, int from, int to, boolean devicesOnly) {
    String scheme = CanonicalIds.scheme(text, from, to);
    if (scheme != null) {
      if (devicesOnly && !isDeviceScheme(scheme)) {
        return null;
      }
      int end = CanonicalIds.end(text, from + scheme.length() + 1, to);
      return from == 0 && end == text.length() ? text : text.substring(from, end);
    }
    DeviceId id = parseDeviceId(from == 0 && to == text.length() ? text : text.substring(from, to));
    return id == null || (devicesOnly && !isDeviceScheme(id.prefix())) ? null : id.toString();
  }

  /** The scheme of the parsed source (any scheme), or null when it is empty or does not parse. */
  private String sourceScheme() {
    if (!sourceDone) {
      sourceDone = true;
      String text = message.source();
      if (!text.isEmpty()) {
        sourceScheme = CanonicalIds.scheme(text, 0, text.length());
        if (sourceScheme == null) {
          parsedSource = parseDeviceId(text);
          sourceScheme = parsedSource == null ? null : parsedSource.prefix();
        }
      }
    }
    return sourceScheme;
  }

  /** The id part of the parsed source ({@code 112233445566}), or null; Go's DeviceID field. */
  String sourceId() {
    String scheme = sourceScheme();
    if (scheme == null) {
      return null;
    }
    if (parsedSource != null) {
      String id = parsedSource.id();
      return id.isEmpty() ? null : id;
    }
    String text = message.source();
    int from = scheme.length() + 1;
    return text.substring(from, CanonicalIds.end(text, from, text.length()));
  }

  /**
   * The UTF-8 bytes of {@link #sourceId()}, cut straight out of the source (no String for the
   * id), or null when there is none.
   */
  byte[] sourceIdBytes() {
    String scheme = sourceScheme();
    if (scheme == null) {
      return null;
    }
    String text = parsedSource != null ? parsedSource.toString() : message.source();
    int from = scheme.length() + 1;
    int end = CanonicalIds.end(text, from, text.length());
    return from >= end ? null : Utf8.of(text, from, end);
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

  private static boolean isDeviceScheme(String scheme) {
    return scheme.equals(CanonicalIds.MAC) || scheme.equals(CanonicalIds.UUID)
        || scheme.equals(CanonicalIds.SERIAL);
  }
}
