package io.wrpkafka.wrp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/** Decodes one wrp msgpack map strictly; used once per input, not thread-safe. */
final class MsgpackReader {
  /*
   * A small strict reader instead of msgpack-core's MessageUnpacker, so that every guarantee is
   * visible in one file:
   * - Every length or count is checked against the bytes that remain before anything is
   *   allocated or looped over (an element takes at least one byte, a map entry two). Strings
   *   and payloads are then backed by bytes actually present; lists and maps start at most
   *   INITIAL_CAPACITY large and grow with decoded elements. Every loop is bounded by the input.
   * - Skipped values (unknown keys such as wrp v3's "include_spans") recurse at most MAX_DEPTH
   *   levels. Known fields have a fixed shape: wrp v3's "spans", the deepest, is an array of
   *   arrays of str, read by two plain loops.
   * - Strings are UTF-8 decoded strictly. They are first made with the JDK's own UTF-8
   *   constructor: on JDK 17 it checks for ASCII with a vectorised intrinsic (faster than our
   *   eight-bytes-at-a-time check) and then copies the bytes into a Latin-1 String. That
   *   constructor is lenient: each malformed sequence becomes U+FFFD. So a String without U+FFFD
   *   is exactly what a strict decoder returns, and one with it (a malformed input, or a U+FFFD
   *   the sender wrote) is decoded again by a CharsetDecoder that reports malformed input.
   *   Metadata keys and content types are first looked up in KnownStrings
   *   (Talaria's keys, the usual content types): a match returns the shared constant, no copy.
   * - All failures are WrpFormatException naming the field and the offset of the offending byte.
   * Accepted beyond what wrp-go writes: any key order, keys as str or bin, any msgpack integer
   * width, nil for any field (meaning absent), payload as bin or str. A repeated key is decoded
   * again and the last one wins, as in wrp-go (msgp); inside metadata the last value wins too.
   */

  static final int MAX_DEPTH = 32;
  /** Collections start at most this large and grow only as elements actually decode. */
  private static final int INITIAL_CAPACITY = 64;
  private static final int MAX_ECHO = 40;
  private static final byte[] EMPTY = new byte[0];
  /** What the JDK's lenient UTF-8 decoding puts in place of each malformed sequence. */
  private static final char REPLACEMENT = '\ufffd';

  private static final byte[][] KEYS = {
      ascii("msg_type"), ascii("source"), ascii("dest"), ascii("transaction_uuid"),
      ascii("content_type"), ascii("accept"), ascii("status"), ascii("rdr"), ascii("headers"),
      ascii("metadata"), ascii("path"), ascii("payload"), ascii("service_name"), ascii("url"),
      ascii("partner_ids"), ascii("session_id"), ascii("qos"), ascii("spans")};
  private static final int MSG_TYPE = 0;
  private static final int SOURCE = 1;
  private static final int DEST = 2;
  private static final int TRANSACTION_UUID = 3;
  private static final int CONTENT_TYPE = 4;
  private static final int ACCEPT = 5;
  private static final int STATUS = 6;
  private static final int RDR = 7;
  private static final int HEADERS = 8;
  private static final int METADATA = 9;
  private static final int PATH = 10;
  private static final int PAYLOAD = 11;
  private static final int SERVICE_NAME = 12;
  private static final int URL = 13;
  private static final int PARTNER_IDS = 14;
  private static final int SESSION_ID = 15;
  private static final int QOS = 16;
  private static final int SPANS = 17;

  private final byte[] buf;
  private int pos;
  private CharsetDecoder utf8;
  /** Where {@link #field} starts looking: after the last field found. */
  private int nextField;

  MsgpackReader(byte[] buf) {
    this.buf = buf;
  }

  /**
   * The length of the one msgpack value of any type starting at {@code offset}, walked as
   * unknown keys are skipped: bounded by the input and {@link #MAX_DEPTH} levels deep.
   */
  static int valueLength(byte[] buf, int offset) {
    MsgpackReader reader = new MsgpackReader(buf);
    reader.pos = offset;
    reader.skip("value", 1);
    return reader.pos - offset;
  }

  Message readMessage() {
    if (buf.length == 0) {
      throw new WrpFormatException("message: empty input (expected a msgpack map)");
    }
    int count = mapHeader("message");
    // The fields as the message will hold them; a repeated key is read again and the last wins.
    MessageType type = null;
    String source = "";
    String destination = "";
    String transactionUuid = "";
    String contentType = "";
    String accept = "";
    OptionalLong status = OptionalLong.empty();
    OptionalLong requestDeliveryResponse = OptionalLong.empty();
    List<String> headers = List.of();
    Metadata metadata = Metadata.EMPTY;
    List<List<String>> spans = List.of();
    String path = "";
    byte[] payload = EMPTY;
    String serviceName = "";
    String url = "";
    List<String> partnerIds = List.of();
    String sessionId = "";
    int qualityOfService = 0;
    for (int i = 0; i < count; i++) {
      int keyAt = pos;
      int keyLength = keyHeader(i);
      int field = field(pos, keyLength);
      if (field < 0) {
        int keyStart = pos;
        pos += keyLength;
        try {
          skip("value", 1);
        } catch (WrpFormatException e) {
          throw relabel(e, "value", lenientText(keyStart, keyLength));
        }
        continue;
      }
      pos += keyLength;
      switch (field) {
        case MSG_TYPE:
          type = messageType();
          break;
        case SOURCE:
          source = string("source");
          break;
        case DEST:
          destination = string("dest");
          break;
        case TRANSACTION_UUID:
          transactionUuid = string("transaction_uuid");
          break;
        case CONTENT_TYPE:
          contentType = knownString("content_type");
          break;
        case ACCEPT:
          accept = knownString("accept");
          break;
        case STATUS:
          status = nil() ? OptionalLong.empty() : OptionalLong.of(integer("status"));
          break;
        case RDR:
          requestDeliveryResponse = nil() ? OptionalLong.empty() : OptionalLong.of(integer("rdr"));
          break;
        case HEADERS:
          headers = stringList("headers");
          break;
        case METADATA:
          metadata = metadata();
          break;
        case SPANS:
          spans = spans();
          break;
        case PATH:
          path = string("path");
          break;
        case PAYLOAD:
          payload = payload();
          break;
        case SERVICE_NAME:
          serviceName = string("service_name");
          break;
        case URL:
          url = string("url");
          break;
        case PARTNER_IDS:
          partnerIds = stringList("partner_ids");
          break;
        case SESSION_ID:
          sessionId = string("session_id");
          break;
        case QOS:
          qualityOfService = qos();
          break;
        default:
          throw new IllegalStateException("unhandled field " + field + " at offset " + keyAt);
      }
    }
    if (pos != buf.length) {
      throw new WrpFormatException("message: " + (buf.length - pos)
          + " trailing bytes after the message map at offset " + pos);
    }
    if (type == null) {
      throw new WrpFormatException("msg_type: missing (required)");
    }
    return new Message(type, source, destination, transactionUuid, contentType, accept, status,
        requestDeliveryResponse, headers, metadata, spans, path, payload, serviceName, url,
        partnerIds, sessionId, qualityOfService);
  }

  private MessageType messageType() {
    int at = pos;
    if (nil()) {
      throw new WrpFormatException("msg_type: expected int, found nil at offset " + at);
    }
    long code = integer("msg_type");
    if (code < 2 || code > 11) {
      throw new WrpFormatException(
          "msg_type: unknown code " + code + " (expected 2 to 11) at offset " + at);
    }
    return MessageType.fromCode(code);
  }

  private int qos() {
    if (nil()) {
      return 0;
    }
    int at = pos;
    long qos = integer("qos");
    if (qos < 0 || qos > 99) {
      throw new WrpFormatException(
          "qos: " + qos + " is out of range (expected 0 to 99) at offset " + at);
    }
    return (int) qos;
  }

  /** An unmodifiable list, as Message.Builder makes it. */
  private List<String> stringList(String where) {
    if (nil()) {
      return List.of();
    }
    int count = arrayHeader(where);
    if (count == 0) {
      return List.of();
    }
    if (count == 1) { // the usual partner_ids and headers: no ArrayList to copy later
      try {
        return List.of(string(where));
      } catch (WrpFormatException e) {
        throw relabel(e, where, where + "[0]");
      }
    }
    List<String> values = new ArrayList<>(Math.min(count, INITIAL_CAPACITY));
    for (int i = 0; i < count; i++) {
      try {
        values.add(string(where));
      } catch (WrpFormatException e) {
        throw relabel(e, where, where + "[" + i + "]");
      }
    }
    return List.copyOf(values);
  }

  /**
   * wrp v3's [][]string: nil for the field or a span means absent/empty, as a str does below.
   * Unmodifiable at both levels, as Message.Builder.spans makes them.
   */
  private List<List<String>> spans() {
    if (nil()) {
      return List.of();
    }
    int count = arrayHeader("spans");
    if (count == 0) {
      return List.of();
    }
    List<List<String>> spans = new ArrayList<>(Math.min(count, INITIAL_CAPACITY));
    for (int i = 0; i < count; i++) {
      try {
        spans.add(stringList("spans"));
      } catch (WrpFormatException e) {
        throw relabel(e, "spans", "spans[" + i + "]");
      }
    }
    return Collections.unmodifiableList(spans);
  }

  private Metadata metadata() {
    if (nil()) {
      return Metadata.EMPTY;
    }
    int count = mapHeader("metadata");
    Metadata.Builder map = new Metadata.Builder(Math.min(count, INITIAL_CAPACITY));
    for (int i = 0; i < count; i++) {
      String key;
      try {
        key = knownString("metadata");
      } catch (WrpFormatException e) {
        throw relabel(e, "metadata", "metadata key #" + i);
      }
      try {
        map.put(key, string("metadata"));
      } catch (WrpFormatException e) {
        throw relabel(e, "metadata", "metadata[\"" + echo(key) + "\"]");
      }
    }
    return map.build();
  }

  private byte[] payload() {
    int at = pos;
    need(1, "payload");
    int t = buf[pos] & 0xff;
    long length;
    if (t == 0xc0) {
      pos++;
      return EMPTY;
    } else if (t == 0xc4 || t == 0xd9) {
      pos++;
      length = u8("payload");
    } else if (t == 0xc5 || t == 0xda) {
      pos++;
      length = u16("payload");
    } else if (t == 0xc6 || t == 0xdb) {
      pos++;
      length = u32("payload");
    } else if (t >= 0xa0 && t <= 0xbf) {
      pos++;
      length = t & 0x1f;
    } else {
      throw wrongType("payload", "bin or str", t, at);
    }
    checkLength(length, "payload", at);
    byte[] payload = Arrays.copyOfRange(buf, pos, pos + (int) length);
    pos += (int) length;
    return payload;
  }

  /** Consumes a nil and returns true, or returns false leaving the position unchanged. */
  private boolean nil() {
    if (pos < buf.length && buf[pos] == (byte) 0xc0) {
      pos++;
      return true;
    }
    return false;
  }

  private String string(String where) {
    int length = textHeader(where, false, true);
    if (length < 0) {
      return "";
    }
    String s = utf8(pos, length, where);
    pos += length;
    return s;
  }

  /**
   * Reads a string as {@link #string} does, returning the shared constant when it is one of
   * {@link KnownStrings} (a metadata key, a content type): no copy, and its hash is cached.
   */
  private String knownString(String where) {
    int length = textHeader(where, false, true);
    if (length < 0) {
      return "";
    }
    String known = KnownStrings.lookup(buf, pos, length);
    String s = known != null ? known : utf8(pos, length, where);
    pos += length;
    return s;
  }

  /**
   * Reads a map key's str or bin header and returns its length; the bytes follow at pos. The
   * key's label ({@code message key #3}) is built only when something is wrong.
   */
  private int keyHeader(int index) {
    try {
      return textHeader("message key", true, false);
    } catch (WrpFormatException e) {
      throw relabel(e, "message key", "message key #" + index);
    }
  }

  /**
   * Reads a str header (or a bin header when {@code binToo}) and returns the length of the bytes
   * that follow at pos, checked against what remains; -1 for nil when {@code nilToo}.
   */
  private int textHeader(String where, boolean binToo, boolean nilToo) {
    int at = pos;
    need(1, where);
    int t = buf[pos] & 0xff;
    long length;
    if (t >= 0xa0 && t <= 0xbf) {
      pos++;
      length = t & 0x1f;
    } else if (t == 0xd9 || (binToo && t == 0xc4)) {
      pos++;
      length = u8(where);
    } else if (t == 0xda || (binToo && t == 0xc5)) {
      pos++;
      length = u16(where);
    } else if (t == 0xdb || (binToo && t == 0xc6)) {
      pos++;
      length = u32(where);
    } else if (nilToo && t == 0xc0) {
      pos++;
      return -1;
    } else {
      throw wrongType(where, "str", t, at);
    }
    checkLength(length, where, at);
    return (int) length;
  }

  private long integer(String where) {
    int at = pos;
    need(1, where);
    int t = buf[pos++] & 0xff;
    if (t <= 0x7f) {
      return t;
    }
    if (t >= 0xe0) {
      return (byte) t;
    }
    switch (t) {
      case 0xcc:
        return u8(where);
      case 0xcd:
        return u16(where);
      case 0xce:
        return u32(where);
      case 0xcf: {
        long v = u64(where);
        if (v < 0) {
          throw new WrpFormatException(where + ": " + Long.toUnsignedString(v)
              + " does not fit a signed 64-bit integer at offset " + at);
        }
        return v;
      }
      case 0xd0:
        return (byte) u8(where);
      case 0xd1:
        return (short) u16(where);
      case 0xd2:
        return (int) u32(where);
      case 0xd3:
        return u64(where);
      default:
        pos = at;
        throw wrongType(where, "int", t, at);
    }
  }

  private int mapHeader(String where) {
    int at = pos;
    need(1, where);
    int t = buf[pos] & 0xff;
    long count;
    if (t >= 0x80 && t <= 0x8f) {
      pos++;
      count = t & 0x0f;
    } else if (t == 0xde) {
      pos++;
      count = u16(where);
    } else if (t == 0xdf) {
      pos++;
      count = u32(where);
    } else {
      throw wrongType(where, "map", t, at);
    }
    checkCount(count * 2, count, "entries", where, at);
    return (int) count;
  }

  private int arrayHeader(String where) {
    int at = pos;
    need(1, where);
    int t = buf[pos] & 0xff;
    long count;
    if (t >= 0x90 && t <= 0x9f) {
      pos++;
      count = t & 0x0f;
    } else if (t == 0xdc) {
      pos++;
      count = u16(where);
    } else if (t == 0xdd) {
      pos++;
      count = u32(where);
    } else {
      throw wrongType(where, "array", t, at);
    }
    checkCount(count, count, "elements", where, at);
    return (int) count;
  }

  /** Skips one value of any type, descending at most {@link #MAX_DEPTH} containers. */
  private void skip(String where, int depth) {
    int at = pos;
    need(1, where);
    int t = buf[pos++] & 0xff;
    if (t <= 0x7f || t >= 0xe0 || t == 0xc0 || t == 0xc2 || t == 0xc3) {
      return;
    }
    if (t <= 0x8f) {
      skipContainer(where, (t & 0x0f) * 2L, depth, at);
    } else if (t <= 0x9f) {
      skipContainer(where, t & 0x0f, depth, at);
    } else if (t <= 0xbf) {
      skipBytes(where, t & 0x1f, at);
    } else {
      switch (t) {
        case 0xc4:
        case 0xd9:
          skipBytes(where, u8(where), at);
          break;
        case 0xc5:
        case 0xda:
          skipBytes(where, u16(where), at);
          break;
        case 0xc6:
        case 0xdb:
          skipBytes(where, u32(where), at);
          break;
        case 0xc7:
          skipBytes(where, u8(where) + 1L, at);
          break;
        case 0xc8:
          skipBytes(where, u16(where) + 1L, at);
          break;
        case 0xc9:
          skipBytes(where, u32(where) + 1L, at);
          break;
        case 0xcc:
        case 0xd0:
          skipBytes(where, 1, at);
          break;
        case 0xcd:
        case 0xd1:
          skipBytes(where, 2, at);
          break;
        case 0xca:
        case 0xce:
        case 0xd2:
          skipBytes(where, 4, at);
          break;
        case 0xcb:
        case 0xcf:
        case 0xd3:
          skipBytes(where, 8, at);
          break;
        case 0xd4:
          skipBytes(where, 2, at);
          break;
        case 0xd5:
          skipBytes(where, 3, at);
          break;
        case 0xd6:
          skipBytes(where, 5, at);
          break;
        case 0xd7:
          skipBytes(where, 9, at);
          break;
        case 0xd8:
          skipBytes(where, 17, at);
          break;
        case 0xdc:
          skipContainer(where, u16(where), depth, at);
          break;
        case 0xdd:
          skipContainer(where, u32(where), depth, at);
          break;
        case 0xde:
          skipContainer(where, u16(where) * 2L, depth, at);
          break;
        case 0xdf:
          skipContainer(where, u32(where) * 2L, depth, at);
          break;
        default:
          throw new WrpFormatException(
              where + ": invalid type byte 0x" + Integer.toHexString(t) + " at offset " + at);
      }
    }
  }

  private void skipContainer(String where, long values, int depth, int at) {
    if (depth >= MAX_DEPTH) {
      throw new WrpFormatException(where + ": value nested deeper than " + MAX_DEPTH
          + " levels at offset " + at);
    }
    checkCount(values, values, "values", where, at);
    for (long i = 0; i < values; i++) {
      skip(where, depth + 1);
    }
  }

  private void skipBytes(String where, long length, int at) {
    checkLength(length, where, at);
    pos += (int) length;
  }

  private void checkLength(long length, String where, int at) {
    if (length > buf.length - pos) {
      throw new WrpFormatException(where + ": declared length " + length + " at offset " + at
          + " exceeds the " + (buf.length - pos) + " bytes left (truncated input?)");
    }
  }

  private void checkCount(long bytesNeeded, long count, String unit, String where, int at) {
    if (bytesNeeded > buf.length - pos) {
      throw new WrpFormatException(where + ": declares " + count + " " + unit + " at offset "
          + at + " but only " + (buf.length - pos) + " bytes are left (truncated input?)");
    }
  }

  private void need(int n, String where) {
    if (buf.length - pos < n) {
      throw new WrpFormatException(where + ": unexpected end of input at offset " + pos
          + " (need " + n + " more bytes, " + (buf.length - pos) + " left)");
    }
  }

  private int u8(String where) {
    need(1, where);
    return buf[pos++] & 0xff;
  }

  private int u16(String where) {
    need(2, where);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  private long u32(String where) {
    need(4, where);
    long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
        | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  private long u64(String where) {
    need(8, where);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos + i] & 0xff);
    }
    pos += 8;
    return v;
  }

  /**
   * The index in {@link #KEYS} of the key at {@code off}, or -1. The search starts after the
   * last field found: wrp-go writes the keys in KEYS order, so that is usually the next one.
   */
  private int field(int off, int length) {
    int n = KEYS.length;
    for (int k = 0, i = nextField; k < n; k++, i = i + 1 == n ? 0 : i + 1) {
      byte[] key = KEYS[i];
      if (key.length == length && KnownStrings.sameBytes(buf, off, key)) {
        nextField = i + 1 == n ? 0 : i + 1;
        return i;
      }
    }
    return -1;
  }

  private String utf8(int off, int length, String where) {
    String s = new String(buf, off, length, StandardCharsets.UTF_8);
    if (s.indexOf(REPLACEMENT) < 0) { // O(1) for a Latin-1 string, which cannot hold U+FFFD
      return s;
    }
    return strictUtf8(off, length, where); // malformed input, or a U+FFFD the sender wrote
  }

  private String strictUtf8(int off, int length, String where) {
    CharsetDecoder d = utf8;
    if (d == null) {
      d = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      utf8 = d;
    }
    d.reset();
    ByteBuffer in = ByteBuffer.wrap(buf, off, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult result = d.decode(in, out, true);
    if (!result.isError()) {
      result = d.flush(out);
    }
    if (result.isError()) {
      throw new WrpFormatException(where + ": invalid UTF-8 at offset " + in.position());
    }
    out.flip();
    return out.toString();
  }

  /** Decodes untrusted key text for an error message only: lenient and cut short. */
  private String lenientText(int off, int length) {
    return echo(new String(buf, off, Math.min(length, MAX_ECHO * 4), StandardCharsets.UTF_8));
  }

  private static String echo(String s) {
    return s.length() > MAX_ECHO ? s.substring(0, MAX_ECHO) + "..." : s;
  }

  /**
   * Renames the field an element's error starts with ({@code headers: ...} becomes {@code
   * headers[2]: ...}), so the element's label is built only when something is wrong.
   */
  private static WrpFormatException relabel(WrpFormatException e, String field, String label) {
    return new WrpFormatException(label + e.getMessage().substring(field.length()), e.getCause());
  }

  private static WrpFormatException wrongType(String where, String expected, int t, int at) {
    return new WrpFormatException(
        where + ": expected " + expected + ", found " + typeName(t) + " at offset " + at);
  }

  static String typeName(int t) {
    if (t <= 0x7f || t >= 0xe0 || (t >= 0xcc && t <= 0xd3)) {
      return "int";
    }
    if (t <= 0x8f || t == 0xde || t == 0xdf) {
      return "map";
    }
    if (t <= 0x9f || t == 0xdc || t == 0xdd) {
      return "array";
    }
    if (t <= 0xbf || (t >= 0xd9 && t <= 0xdb)) {
      return "str";
    }
    switch (t) {
      case 0xc0:
        return "nil";
      case 0xc2:
      case 0xc3:
        return "bool";
      case 0xc4:
      case 0xc5:
      case 0xc6:
        return "bin";
      case 0xca:
      case 0xcb:
        return "float";
      case 0xc1:
        return "invalid type byte 0xc1";
      default:
        return "ext";
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
