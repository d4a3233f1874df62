package io.wrpkafka.wrp;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** wrp-go's JSON form of a {@link Message}, through Jackson's streaming API. */
final class JsonCodec {
  /*
   * Same keys, order and omission rules as MsgpackWriter (wrp v3's spans as an array of arrays
   * of strings, as Go's encoding/json writes a [][]string); the payload is standard base64 with
   * padding, as Go's encoding/json writes a []byte. Decoding is strict about types (a string
   * field must be a JSON string or null, numbers must be integers fitting a long) and skips
   * unknown fields whatever they hold. Jackson bounds nesting (MAX_DEPTH) and reports malformed
   * JSON and invalid UTF-8 itself; every Jackson failure becomes a WrpFormatException carrying
   * the byte offset. Parser source snippets are disabled so the payload never reaches a message.
   */

  private static final int MAX_DEPTH = 64;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();

  private JsonCodec() {}

  static byte[] encode(Message m) {
    ByteArrayBuilder out = new ByteArrayBuilder(256 + m.payloadLength() * 4 / 3);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("msg_type", m.type().code());
      stringField(g, "source", m.source());
      stringField(g, "dest", m.destination());
      stringField(g, "transaction_uuid", m.transactionUuid());
      stringField(g, "content_type", m.contentType());
      stringField(g, "accept", m.accept());
      if (m.status().isPresent()) {
        g.writeNumberField("status", m.status().getAsLong());
      }
      if (m.requestDeliveryResponse().isPresent()) {
        g.writeNumberField("rdr", m.requestDeliveryResponse().getAsLong());
      }
      listField(g, "headers", m.headers());
      if (!m.metadata().isEmpty()) {
        g.writeObjectFieldStart("metadata");
        Metadata metadata = m.metadataArrays();
        for (int i = 0, n = metadata.size(); i < n; i++) {
          g.writeStringField(metadata.key(i), metadata.value(i));
        }
        g.writeEndObject();
      }
      List<List<String>> spans = m.spans();
      if (!spans.isEmpty()) {
        g.writeArrayFieldStart("spans");
        for (int i = 0, n = spans.size(); i < n; i++) {
          g.writeStartArray();
          List<String> span = spans.get(i);
          for (int j = 0, k = span.size(); j < k; j++) {
            g.writeString(span.get(j));
          }
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      stringField(g, "path", m.path());
      byte[] payload = m.payloadArray();
      if (payload.length > 0) {
        g.writeFieldName("payload");
        g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, payload, 0, payload.length);
      }
      stringField(g, "service_name", m.serviceName());
      stringField(g, "url", m.url());
      listField(g, "partner_ids", m.partnerIds());
      stringField(g, "session_id", m.sessionId());
      if (m.qualityOfService() != 0) {
        g.writeNumberField("qos", m.qualityOfService());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("JSON encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  private static void stringField(JsonGenerator g, String name, String value) throws IOException {
    if (!value.isEmpty()) {
      g.writeStringField(name, value);
    }
  }

  private static void listField(JsonGenerator g, String name, List<String> values)
      throws IOException {
    if (!values.isEmpty()) {
      g.writeArrayFieldStart(name);
      for (int i = 0, n = values.size(); i < n; i++) {
        g.writeString(values.get(i));
      }
      g.writeEndArray();
    }
  }

  static Message decode(byte[] bytes) {
    JsonParser p = null;
    try {
      p = FACTORY.createParser(bytes);
      Message m = readMessage(p);
      if (p.nextToken() != null) {
        throw new WrpFormatException(
            "message: trailing content after the JSON object at offset " + offset(p));
      }
      return m;
    } catch (WrpFormatException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw new WrpFormatException("message: invalid JSON: " + e.getOriginalMessage()
          + " at offset " + offset(e.getLocation()), e);
    } catch (IOException | RuntimeException e) {
      // A boundary: nothing but WrpFormatException may leave decode for any input.
      throw new WrpFormatException("message: invalid JSON: " + e.getClass().getSimpleName()
          + (p == null ? "" : " at offset " + offset(p.currentLocation())), e);
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException ignored) {
          // In-memory input: nothing to release.
        }
      }
    }
  }

  private static Message readMessage(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw wrongType(p, "message", "object", t);
    }
    Message.Builder b = Message.builder();
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "msg_type": {
          long at = offset(p);
          Long code = integer(p, "msg_type");
          if (code == null || code < 2 || code > 11) {
            throw new WrpFormatException("msg_type: unknown code " + code
                + " (expected 2 to 11) at offset " + at);
          }
          b.type(MessageType.fromCode(code));
          break;
        }
        case "source":
          b.source(string(p, "source"));
          break;
        case "dest":
          b.destination(string(p, "dest"));
          break;
        case "transaction_uuid":
          b.transactionUuid(string(p, "transaction_uuid"));
          break;
        case "content_type":
          b.contentType(string(p, "content_type"));
          break;
        case "accept":
          b.accept(string(p, "accept"));
          break;
        case "status": {
          Long v = integer(p, "status");
          if (v == null) {
            b.clearStatus();
          } else {
            b.status(v);
          }
          break;
        }
        case "rdr": {
          Long v = integer(p, "rdr");
          if (v == null) {
            b.clearRequestDeliveryResponse();
          } else {
            b.requestDeliveryResponse(v);
          }
          break;
        }
        case "headers":
          b.headers(stringList(p, "headers"));
          break;
        case "metadata":
          b.metadataOwned(metadata(p));
          break;
        case "spans":
          b.spans(spans(p));
          break;
        case "path":
          b.path(string(p, "path"));
          break;
        case "payload":
          b.payloadOwned(payload(p));
          break;
        case "service_name":
          b.serviceName(string(p, "service_name"));
          break;
        case "url":
          b.url(string(p, "url"));
          break;
        case "partner_ids":
          b.partnerIds(stringList(p, "partner_ids"));
          break;
        case "session_id":
          b.sessionId(string(p, "session_id"));
          break;
        case "qos": {
          long at = offset(p);
          Long qos = integer(p, "qos");
          if (qos != null && (qos < 0 || qos > 99)) {
            throw new WrpFormatException(
                "qos: " + qos + " is out of range (expected 0 to 99) at offset " + at);
          }
          b.qualityOfService(qos == null ? 0 : qos.intValue());
          break;
        }
        default:
          p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw wrongType(p, "message", "field name or end of object", t);
    }
    if (b.typeOrNull() == null) {
      throw new WrpFormatException("msg_type: missing (required)");
    }
    return b.build();
  }

  private static String string(JsonParser p, String where) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    throw wrongType(p, where, "string", t);
  }

  private static Long integer(JsonParser p, String where) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType(p, where, "integer", t);
    }
    JsonParser.NumberType type = p.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw new WrpFormatException(where + ": " + echo(p.getText())
          + " does not fit a signed 64-bit integer at offset " + offset(p));
    }
    return p.getLongValue();
  }

  private static List<String> stringList(JsonParser p, String where) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (t != JsonToken.START_ARRAY) {
      throw wrongType(p, where, "array", t);
    }
    List<String> values = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      values.add(string(p, where + "[" + values.size() + "]"));
    }
    return values;
  }

  /** wrp v3's [][]string; null for the field or a span means absent/empty, as Go reads it. */
  private static List<List<String>> spans(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (t != JsonToken.START_ARRAY) {
      throw wrongType(p, "spans", "array", t);
    }
    List<List<String>> spans = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      spans.add(stringList(p, "spans[" + spans.size() + "]"));
    }
    return spans;
  }

  private static Metadata metadata(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Metadata.EMPTY;
    }
    Metadata.Builder map = new Metadata.Builder(16);
    if (t != JsonToken.START_OBJECT) {
      throw wrongType(p, "metadata", "object", t);
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      map.put(key, string(p, "metadata[\"" + echo(key) + "\"]"));
    }
    return map.build();
  }

  private static byte[] payload(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return new byte[0];
    }
    if (t != JsonToken.VALUE_STRING) {
      throw wrongType(p, "payload", "base64 string", t);
    }
    long at = offset(p);
    try {
      return p.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new WrpFormatException("payload: invalid base64 at offset " + at, e);
    }
  }

  private static WrpFormatException wrongType(JsonParser p, String where, String expected,
      JsonToken found) {
    return new WrpFormatException(where + ": expected " + expected + ", found "
        + tokenName(found) + " at offset " + offset(p));
  }

  private static String tokenName(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    switch (t) {
      case START_OBJECT:
        return "object";
      case START_ARRAY:
        return "array";
      case VALUE_STRING:
        return "string";
      case VALUE_NUMBER_INT:
        return "integer";
      case VALUE_NUMBER_FLOAT:
        return "number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean";
      case VALUE_NULL:
        return "null";
      case FIELD_NAME:
        return "field name";
      case END_OBJECT:
        return "end of object";
      case END_ARRAY:
        return "end of array";
      default:
        return t.name();
    }
  }

  private static long offset(JsonParser p) {
    return offset(p.currentTokenLocation());
  }

  private static long offset(JsonLocation location) {
    return location == null ? -1 : location.getByteOffset();
  }

  private static String echo(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
