package io.wrpkafka.routing;

import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One configured header value, compiled once: a literal, or a {@code wrp.<field>} reference
 * that yields zero or more values per message. Immutable and thread-safe.
 */
final class HeaderTemplate {
  /*
   * Field names and values follow the Go implementation's header.go: names are case-sensitive;
   * Type is wrp-go's MessageType name (SimpleEventMessageType); DeviceID is the id part of the
   * parsed source; Status and RequestDeliveryResponse only when set; QualityOfService always
   * (also 0); Headers and PartnerIDs give one header per entry; Header.<name> reads the WRP
   * headers written "Name: value", matching the name without case and trimming both; Metadata.<key>
   * reads that key. Empty values are omitted. A "wrp." value naming no field is left out of every
   * record and reported by warning(), as the seed documents say (the Go code sends it as a
   * literal); headers are compiled once instead of parsed per record.
   */

  private static final String PREFIX = "wrp.";
  private static final String HEADER_PREFIX = "Header.";
  private static final String METADATA_PREFIX = "Metadata.";
  private static final String FIELDS = "Type, Source, DeviceID, Destination, TransactionUUID,"
      + " ContentType, Accept, Status, RequestDeliveryResponse, Headers, Path, ServiceName, URL,"
      + " PartnerIDs, SessionID, QualityOfService, Header.<name> or Metadata.<key>";

  @FunctionalInterface
  private interface Values {
    void addTo(HeaderList out, String key, MessageFacts facts);
  }

  /** WRP QoS values 0 to 99. */
  private static final int QOS_LEVELS = 100;

  private static final Values OMITTED = (out, k, f) -> { };

  private final String key;
  private final Values values;

  private HeaderTemplate(String key, Values values) {
    this.key = key;
    this.values = values;
  }

  /** Appends this template's headers for the message to {@code out}. */
  void addTo(HeaderList out, MessageFacts facts) {
    values.addTo(out, key, facts);
  }

  /**
   * Compiles value {@code index} of header {@code key}; a {@code wrp.} value that names no field
   * compiles to a template that adds nothing ({@link #warning} describes it).
   */
  static HeaderTemplate compile(String key, int index, String value) {
    if (value.isEmpty()) {
      return new HeaderTemplate(key, OMITTED);
    }
    if (!value.startsWith(PREFIX)) {
      Header literal = new Header(key, value);
      byte[] literalBytes = Utf8.of(value);
      return new HeaderTemplate(key, (out, k, f) -> out.append(literal, literalBytes));
    }
    Values values = constantsOf(key, value.substring(PREFIX.length()));
    if (values == null) {
      values = field(value.substring(PREFIX.length()));
    }
    return new HeaderTemplate(key, values == null ? OMITTED : values);
  }

  /**
   * The warning for value {@code index} of header {@code key} when it is a {@code wrp.} value
   * naming no field: {@code headers["key"][index]: unknown WRP field "wrp.Nope" (expected …); the
   * header is omitted}. Null for any other value.
   */
  static String warning(String key, int index, String value) {
    if (!value.startsWith(PREFIX) || field(value.substring(PREFIX.length())) != null) {
      return null;
    }
    return "headers[\"" + key + "\"][" + index + "]: unknown WRP field \"" + value
        + "\" (expected wrp. followed by " + FIELDS + "); the header is omitted";
  }

  /**
   * The fields whose values come from a small closed set (Type: one per message type;
   * QualityOfService: 0 to 99), as headers and value bytes built once here, so a message reuses
   * them instead of making a String, a Header and an array; null for any other field. Same
   * values as {@link #field}.
   */
  private static Values constantsOf(String key, String field) {
    if (field.equals("Type")) {
      MessageType[] types = MessageType.values();
      Header[] byType = new Header[types.length];
      byte[][] bytesByType = new byte[types.length][];
      for (MessageType type : types) {
        byType[type.ordinal()] = new Header(key, goName(type));
        bytesByType[type.ordinal()] = Utf8.of(goName(type));
      }
      return (out, k, f) -> {
        MessageType type = f.message.type();
        if (type != null) {
          out.append(byType[type.ordinal()], bytesByType[type.ordinal()]);
        }
      };
    }
    if (field.equals("QualityOfService")) {
      Header[] byQos = new Header[QOS_LEVELS];
      byte[][] bytesByQos = new byte[QOS_LEVELS][];
      for (int qos = 0; qos < QOS_LEVELS; qos++) {
        byQos[qos] = new Header(key, Integer.toString(qos));
        bytesByQos[qos] = Utf8.of(Integer.toString(qos));
      }
      return (out, k, f) -> {
        int qos = f.message.qualityOfService();
        if (qos >= 0 && qos < QOS_LEVELS) {
          out.append(byQos[qos], bytesByQos[qos]);
        } else {
          add(out, k, Integer.toString(qos));
        }
      };
    }
    return null;
  }

  /** The values of a {@code wrp.} field name, or null when it names no field. */
  private static Values field(String field) {
    Values values = standardField(field);
    if (values == null && field.startsWith(HEADER_PREFIX)) {
      String name = field.substring(HEADER_PREFIX.length()).strip();
      values = name.isEmpty() ? null : (out, k, f) -> addWrpHeader(out, k, f.message, name);
    }
    if (values == null && field.startsWith(METADATA_PREFIX)) {
      String metadataKey = field.substring(METADATA_PREFIX.length()).strip();
      values = metadataKey.isEmpty() ? null : (out, k, f) -> {
        Map<String, String> metadata = f.message.metadata();
        add(out, k, metadata.isEmpty() ? null : metadata.get(metadataKey));
      };
    }
    return values;
  }

  private static Values standardField(String field) {
    return switch (field) {
      case "Type" -> (out, k, f) -> add(out, k, goName(f.message.type()));
      case "Source" -> (out, k, f) -> add(out, k, f.message.source());
      case "DeviceID" -> (out, k, f) -> {
        byte[] id = f.sourceIdBytes();
        if (id != null) {
          out.append(k, id);
        }
      };
      case "Destination" -> (out, k, f) -> add(out, k, f.message.destination());
      case "TransactionUUID" -> (out, k, f) -> add(out, k, f.message.transactionUuid());
      case "ContentType" -> (out, k, f) -> add(out, k, f.message.contentType());
      case "Accept" -> (out, k, f) -> add(out, k, f.message.accept());
      case "Status" -> (out, k, f) -> add(out, k, f.message.status());
      case "RequestDeliveryResponse" ->
          (out, k, f) -> add(out, k, f.message.requestDeliveryResponse());
      case "Headers" -> (out, k, f) -> addAll(out, k, f.message.headers());
      case "Path" -> (out, k, f) -> add(out, k, f.message.path());
      case "ServiceName" -> (out, k, f) -> add(out, k, f.message.serviceName());
      case "URL" -> (out, k, f) -> add(out, k, f.message.url());
      case "PartnerIDs" -> (out, k, f) -> addAll(out, k, f.message.partnerIds());
      case "SessionID" -> (out, k, f) -> add(out, k, f.message.sessionId());
      case "QualityOfService" ->
          (out, k, f) -> add(out, k, Integer.toString(f.message.qualityOfService()));
      default -> null;
    };
  }

  /** The name wrp-go's MessageType.String() gives, e.g. {@code SimpleEventMessageType}. */
  static String goName(MessageType type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case AUTHORIZATION -> "AuthorizationMessageType";
      case SIMPLE_REQUEST_RESPONSE -> "SimpleRequestResponseMessageType";
      case SIMPLE_EVENT -> "SimpleEventMessageType";
      case CREATE -> "CreateMessageType";
      case RETRIEVE -> "RetrieveMessageType";
      case UPDATE -> "UpdateMessageType";
      case DELETE -> "DeleteMessageType";
      case SERVICE_REGISTRATION -> "ServiceRegistrationMessageType";
      case SERVICE_ALIVE -> "ServiceAliveMessageType";
      case UNKNOWN -> "UnknownMessageType";
    };
  }

  // Values from the message go to the list as bytes: no Header per record (see HeaderList).
  private static void add(HeaderList out, String key, String value) {
    if (value != null && !value.isEmpty()) {
      out.append(key, Utf8.of(value));
    }
  }

  private static void add(HeaderList out, String key, OptionalLong value) {
    if (value.isPresent()) {
      out.append(key, Utf8.of(Long.toString(value.getAsLong())));
    }
  }

  private static void addAll(HeaderList out, String key, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      add(out, key, values.get(i));
    }
  }

  // WRP headers are "Name: value"; entries without a colon are skipped, as in Go.
  private static void addWrpHeader(HeaderList out, String key, Message message, String name) {
    List<String> headers = message.headers();
    for (int i = 0; i < headers.size(); i++) {
      String header = headers.get(i);
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      int start = 0;
      int end = colon;
      while (start < end && Character.isWhitespace(header.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(header.charAt(end - 1))) {
        end--;
      }
      if (end - start == name.length()
          && header.regionMatches(true, start, name, 0, name.length())) {
        addTrimmed(out, key, header, colon + 1);
      }
    }
  }

  /** Adds {@code text} from {@code from} to its end, white space stripped, unless empty. */
  private static void addTrimmed(HeaderList out, String key, String text, int from) {
    int start = from;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.append(key, Utf8.of(text, start, end));
    }
  }
}
