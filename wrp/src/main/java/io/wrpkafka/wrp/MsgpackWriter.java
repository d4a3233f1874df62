package io.wrpkafka.wrp;

import java.util.List;
import java.util.Map;

/** Encodes a {@link Message} as wrp-go's msgpack map into one exactly sized array. */
final class MsgpackWriter {
  /*
   * Two passes over the message: size() adds up the exact encoded length, then write() fills a
   * byte[] of that length. The only allocation is the result array (this is the publisher's hot
   * path: keep it that way). Keys come in wrp-go's order (messages_gen.go:
   * msg_type, source, dest, transaction_uuid, content_type, accept, status, rdr, headers,
   * metadata, path, payload, service_name, url, partner_ids, session_id, qos), empty fields are
   * omitted, msg_type is always written, status and rdr whenever set, qos unless 0.
   *
   * Strings: size() reads each string's chars once (utf8Length: one compare per char while they
   * are ASCII) and notes whether every string of the message was ASCII. If so, write() copies
   * each string with String.getBytes(int, int, byte[], int), a bulk copy of a Latin-1 string's
   * bytes, and takes the length from String.length(). A message with any non-ASCII string takes
   * the general path for its strings: the UTF-8 length again (for the header), then
   * writeUtf8, char by char, with the same result as String.getBytes(UTF_8) (unpaired
   * surrogates become '?'). Metadata is iterated on the message's own LinkedHashMap, whose
   * entries are its nodes, not through the unmodifiable view (a wrapper per entry). Metadata keys
   * and the content types that are KnownStrings (Talaria's keys, the usual content types) are
   * not read at all: their fixstr encoding is made once and copied.
   *
   * wrp v3's spans ([][]string) go where v3's codec put them, right after metadata; v5 has no
   * such field and skips the key. A message without spans is written exactly as v5 writes it.
   *
   * Integers use the smallest signed msgpack form, as Go's msgp (wrp-go v5) and ugorji's codec
   * (wrp-go v3) write them: 200 becomes int16 (d1 00 c8), not uint8. So the bytes equal wrp-go's
   * except for metadata order, which Go randomises and this writer keeps in insertion order.
   *
   * msgpack-core is not used here: its packer buffers into chunks and copies them out, while the
   * exact-size array is what a Kafka record needs. The tests decode this output with msgpack-core.
   */

  private static final byte[] MSG_TYPE = key("msg_type");
  private static final byte[] SOURCE = key("source");
  private static final byte[] DEST = key("dest");
  private static final byte[] TRANSACTION_UUID = key("transaction_uuid");
  private static final byte[] CONTENT_TYPE = key("content_type");
  private static final byte[] ACCEPT = key("accept");
  private static final byte[] STATUS = key("status");
  private static final byte[] RDR = key("rdr");
  private static final byte[] HEADERS = key("headers");
  private static final byte[] METADATA = key("metadata");
  private static final byte[] SPANS = key("spans");
  private static final byte[] PATH = key("path");
  private static final byte[] PAYLOAD = key("payload");
  private static final byte[] SERVICE_NAME = key("service_name");
  private static final byte[] URL = key("url");
  private static final byte[] PARTNER_IDS = key("partner_ids");
  private static final byte[] SESSION_ID = key("session_id");
  private static final byte[] QOS = key("qos");

  private byte[] out;
  private int pos;
  /** Set by {@link #measure}: every string of the message is ASCII (UTF-8 length = length). */
  private boolean ascii = true;

  private MsgpackWriter() {}

  static byte[] encode(Message m) {
    MsgpackWriter w = new MsgpackWriter();
    w.out = new byte[w.measure(m)];
    w.write(m);
    if (w.pos != w.out.length) {
      throw new IllegalStateException("msgpack size mismatch: " + w.pos + " != " + w.out.length);
    }
    return w.out;
  }

  /** The exact encoded length of {@code m}. */
  static int size(Message m) {
    return new MsgpackWriter().measure(m);
  }

  private static int fieldCount(Message m) {
    int n = 1;
    n += m.source().isEmpty() ? 0 : 1;
    n += m.destination().isEmpty() ? 0 : 1;
    n += m.transactionUuid().isEmpty() ? 0 : 1;
    n += m.contentType().isEmpty() ? 0 : 1;
    n += m.accept().isEmpty() ? 0 : 1;
    n += m.status().isPresent() ? 1 : 0;
    n += m.requestDeliveryResponse().isPresent() ? 1 : 0;
    n += m.headers().isEmpty() ? 0 : 1;
    n += m.metadata().isEmpty() ? 0 : 1;
    n += m.spans().isEmpty() ? 0 : 1;
    n += m.path().isEmpty() ? 0 : 1;
    n += m.payloadLength() == 0 ? 0 : 1;
    n += m.serviceName().isEmpty() ? 0 : 1;
    n += m.url().isEmpty() ? 0 : 1;
    n += m.partnerIds().isEmpty() ? 0 : 1;
    n += m.sessionId().isEmpty() ? 0 : 1;
    n += m.qualityOfService() == 0 ? 0 : 1;
    return n;
  }

  /** The exact encoded length of {@code m}; notes whether all its strings are ASCII. */
  private int measure(Message m) {
    long s = containerHeaderSize(fieldCount(m)) + MSG_TYPE.length + 1;
    s += stringFieldSize(SOURCE, m.source());
    s += stringFieldSize(DEST, m.destination());
    s += stringFieldSize(TRANSACTION_UUID, m.transactionUuid());
    s += knownFieldSize(CONTENT_TYPE, m.contentType());
    s += knownFieldSize(ACCEPT, m.accept());
    if (m.status().isPresent()) {
      s += STATUS.length + intSize(m.status().getAsLong());
    }
    if (m.requestDeliveryResponse().isPresent()) {
      s += RDR.length + intSize(m.requestDeliveryResponse().getAsLong());
    }
    s += listFieldSize(HEADERS, m.headers());
    if (!m.metadata().isEmpty()) {
      s += METADATA.length + containerHeaderSize(m.metadata().size());
      for (Map.Entry<String, String> e : m.metadataEntries()) {
        s += knownSize(e.getKey()) + stringSize(e.getValue());
      }
    }
    List<List<String>> spans = m.spans();
    if (!spans.isEmpty()) {
      s += SPANS.length + containerHeaderSize(spans.size());
      for (int i = 0, n = spans.size(); i < n; i++) {
        s += listSize(spans.get(i));
      }
    }
    s += stringFieldSize(PATH, m.path());
    int payload = m.payloadLength();
    if (payload > 0) {
      s += PAYLOAD.length + (payload < 256 ? 2 : payload < 65536 ? 3 : 5) + payload;
    }
    s += stringFieldSize(SERVICE_NAME, m.serviceName());
    s += stringFieldSize(URL, m.url());
    s += listFieldSize(PARTNER_IDS, m.partnerIds());
    s += stringFieldSize(SESSION_ID, m.sessionId());
    if (m.qualityOfService() != 0) {
      s += QOS.length + intSize(m.qualityOfService());
    }
    if (s > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("message too large to encode: " + s + " bytes");
    }
    return (int) s;
  }

  private long stringFieldSize(byte[] key, String value) {
    return value.isEmpty() ? 0 : key.length + stringSize(value);
  }

  private long knownFieldSize(byte[] key, String value) {
    return value.isEmpty() ? 0 : key.length + knownSize(value);
  }

  /** {@link #stringSize}, or the length of its {@link KnownStrings} encoding without reading it. */
  private long knownSize(String s) {
    byte[] known = KnownStrings.msgpack(s);
    return known != null ? known.length : stringSize(s);
  }

  private long listFieldSize(byte[] key, List<String> values) {
    return values.isEmpty() ? 0 : key.length + listSize(values);
  }

  private long listSize(List<String> values) {
    long s = containerHeaderSize(values.size());
    for (int i = 0, n = values.size(); i < n; i++) {
      s += stringSize(values.get(i));
    }
    return s;
  }

  private static int containerHeaderSize(int count) {
    return count < 16 ? 1 : count < 65536 ? 3 : 5;
  }

  private long stringSize(String s) {
    int chars = s.length();
    int prefix = asciiPrefix(s);
    long n = chars;
    if (prefix < chars) {
      ascii = false;
      n = utf8Length(s, prefix);
    }
    return n + (n < 32 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5);
  }

  private static int intSize(long v) {
    if (v >= 0) {
      return v <= Byte.MAX_VALUE ? 1 : v <= Short.MAX_VALUE ? 3 : v <= Integer.MAX_VALUE ? 5 : 9;
    }
    return v >= -32 ? 1 : v >= Byte.MIN_VALUE ? 2 : v >= Short.MIN_VALUE ? 3
        : v >= Integer.MIN_VALUE ? 5 : 9;
  }

  /** UTF-8 length of {@code s} as {@link #writeUtf8} writes it (unpaired surrogates as '?'). */
  static long utf8Length(String s) {
    int prefix = asciiPrefix(s);
    return prefix == s.length() ? prefix : utf8Length(s, prefix);
  }

  /** The number of leading ASCII chars of {@code s}: its length when it is all ASCII. */
  private static int asciiPrefix(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) < 0x80) {
      i++;
    }
    return i;
  }

  /** {@link #utf8Length(String)} from index {@code from}, all chars before it being ASCII. */
  private static long utf8Length(String s, int from) {
    int n = s.length();
    long len = n;
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          len += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          len += 2;
          i++;
        } else if (!Character.isSurrogate(c)) {
          len += 2;
        }
      }
    }
    return len;
  }

  private void write(Message m) {
    containerHeader(0x80, 0xde, fieldCount(m));
    raw(MSG_TYPE);
    out[pos++] = (byte) m.type().code();
    stringField(SOURCE, m.source());
    stringField(DEST, m.destination());
    stringField(TRANSACTION_UUID, m.transactionUuid());
    knownField(CONTENT_TYPE, m.contentType());
    knownField(ACCEPT, m.accept());
    if (m.status().isPresent()) {
      raw(STATUS);
      integer(m.status().getAsLong());
    }
    if (m.requestDeliveryResponse().isPresent()) {
      raw(RDR);
      integer(m.requestDeliveryResponse().getAsLong());
    }
    stringList(HEADERS, m.headers());
    if (!m.metadata().isEmpty()) {
      raw(METADATA);
      containerHeader(0x80, 0xde, m.metadata().size());
      for (Map.Entry<String, String> e : m.metadataEntries()) {
        knownString(e.getKey());
        string(e.getValue());
      }
    }
    List<List<String>> spans = m.spans();
    if (!spans.isEmpty()) {
      raw(SPANS);
      containerHeader(0x90, 0xdc, spans.size());
      for (int i = 0, n = spans.size(); i < n; i++) {
        list(spans.get(i));
      }
    }
    stringField(PATH, m.path());
    byte[] payload = m.payloadArray();
    if (payload.length > 0) {
      raw(PAYLOAD);
      int n = payload.length;
      if (n < 256) {
        out[pos++] = (byte) 0xc4;
        out[pos++] = (byte) n;
      } else if (n < 65536) {
        out[pos++] = (byte) 0xc5;
        u16(n);
      } else {
        out[pos++] = (byte) 0xc6;
        u32(n);
      }
      System.arraycopy(payload, 0, out, pos, n);
      pos += n;
    }
    stringField(SERVICE_NAME, m.serviceName());
    stringField(URL, m.url());
    stringList(PARTNER_IDS, m.partnerIds());
    stringField(SESSION_ID, m.sessionId());
    if (m.qualityOfService() != 0) {
      raw(QOS);
      integer(m.qualityOfService());
    }
  }

  private void stringField(byte[] key, String value) {
    if (!value.isEmpty()) {
      raw(key);
      string(value);
    }
  }

  private void knownField(byte[] key, String value) {
    if (!value.isEmpty()) {
      raw(key);
      knownString(value);
    }
  }

  /** Writes {@code s} as {@link #string} does, copying its {@link KnownStrings} encoding if any. */
  private void knownString(String s) {
    byte[] known = KnownStrings.msgpack(s);
    if (known != null) {
      raw(known);
    } else {
      string(s);
    }
  }

  private void stringList(byte[] key, List<String> values) {
    if (!values.isEmpty()) {
      raw(key);
      list(values);
    }
  }

  private void list(List<String> values) {
    containerHeader(0x90, 0xdc, values.size());
    for (int i = 0, n = values.size(); i < n; i++) {
      string(values.get(i));
    }
  }

  /** Writes a fixmap/fixarray ({@code fix}), or the 16-bit ({@code base}) / 32-bit header. */
  private void containerHeader(int fix, int base, int count) {
    if (count < 16) {
      out[pos++] = (byte) (fix | count);
    } else if (count < 65536) {
      out[pos++] = (byte) base;
      u16(count);
    } else {
      out[pos++] = (byte) (base + 1);
      u32(count);
    }
  }

  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exact for ASCII chars
  private void string(String s) {
    int chars = s.length();
    boolean copy = ascii;
    int n = chars;
    if (!copy) {
      int prefix = asciiPrefix(s);
      copy = prefix == chars;
      n = copy ? chars : (int) utf8Length(s, prefix);
    }
    if (n < 32) {
      out[pos++] = (byte) (0xa0 | n);
    } else if (n < 256) {
      out[pos++] = (byte) 0xd9;
      out[pos++] = (byte) n;
    } else if (n < 65536) {
      out[pos++] = (byte) 0xda;
      u16(n);
    } else {
      out[pos++] = (byte) 0xdb;
      u32(n);
    }
    if (copy) {
      s.getBytes(0, chars, out, pos); // all ASCII: one bulk copy of the string's bytes
      pos += chars;
    } else {
      writeUtf8(s);
    }
  }

  private void writeUtf8(String s) {
    byte[] o = out;
    int p = pos;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        o[p++] = (byte) c;
      } else if (c < 0x800) {
        o[p++] = (byte) (0xc0 | (c >> 6));
        o[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        o[p++] = (byte) (0xf0 | (cp >> 18));
        o[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        o[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        o[p++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        o[p++] = (byte) '?';
      } else {
        o[p++] = (byte) (0xe0 | (c >> 12));
        o[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        o[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    pos = p;
  }

  /** Writes {@code v} in the smallest signed msgpack form, as Go's msgp AppendInt64 does. */
  private void integer(long v) {
    if (v >= -32 && v <= Byte.MAX_VALUE) {
      out[pos++] = (byte) v;
    } else if (v >= Byte.MIN_VALUE && v < 0) {
      out[pos++] = (byte) 0xd0;
      out[pos++] = (byte) v;
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      out[pos++] = (byte) 0xd1;
      u16((int) v);
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      out[pos++] = (byte) 0xd2;
      u32((int) v);
    } else {
      out[pos++] = (byte) 0xd3;
      u64(v);
    }
  }

  private void u16(int v) {
    out[pos++] = (byte) (v >>> 8);
    out[pos++] = (byte) v;
  }

  private void u32(int v) {
    out[pos++] = (byte) (v >>> 24);
    out[pos++] = (byte) (v >>> 16);
    out[pos++] = (byte) (v >>> 8);
    out[pos++] = (byte) v;
  }

  private void u64(long v) {
    u32((int) (v >>> 32));
    u32((int) v);
  }

  private void raw(byte[] bytes) {
    System.arraycopy(bytes, 0, out, pos, bytes.length);
    pos += bytes.length;
  }

  /** A fixstr-encoded key, as every wrp key is shorter than 32 bytes. */
  private static byte[] key(String name) {
    byte[] k = new byte[name.length() + 1];
    k[0] = (byte) (0xa0 | name.length());
    for (int i = 0; i < name.length(); i++) {
      k[i + 1] = (byte) name.charAt(i);
    }
    return k;
  }
}
