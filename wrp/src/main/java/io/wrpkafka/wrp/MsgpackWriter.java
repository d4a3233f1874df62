package io.wrpkafka.wrp;

import java.util.Arrays;
import java.util.List;

/**
 * Encodes a {@link Message} as wrp-go's msgpack map into one exactly sized array. Thread-safe:
 * each thread writes into its own scratch buffer.
 */
final class MsgpackWriter {
  /*
   * One pass over the message into a thread-confined scratch buffer, then one copy of the bytes
   * into the exactly sized result (Arrays.copyOfRange: the JIT fills the new array by the copy
   * and does not zero it first). The result is the only allocation of an encode (this is the
   * publisher's hot path: keep it that way). An earlier version walked the message twice, once
   * to add up the exact size and once to write; the size pass cost as much as the writing.
   *
   * Keys come in wrp-go's order (messages_gen.go: msg_type, source, dest, transaction_uuid,
   * content_type, accept, status, rdr, headers, metadata, path, payload, service_name, url,
   * partner_ids, session_id, qos), empty fields are omitted, msg_type is always written, status
   * and rdr whenever set, qos unless 0. The body starts HEADER_ROOM bytes into the scratch
   * buffer; the map header, known only once the fields are counted, goes right before it.
   *
   * Strings: one loop ORs all chars of the string together; it has no early exit, so the JIT
   * unrolls it (an exit at the first non-ASCII char made it a char at a time). If the OR is
   * below 0x80 the string's bytes are copied with String.getBytes(int, int, byte[], int), a
   * bulk copy of a Latin-1 string. Otherwise the string is written char by char as UTF-8, the
   * same bytes as String.getBytes(UTF_8) (unpaired surrogates become '?'). Metadata keys and
   * content types that are KnownStrings (Talaria's keys, the usual content types) are not read
   * at all: their fixstr encoding is made once and copied. Metadata is read by index from its
   * arrays (Metadata): no iterator, no entry objects.
   *
   * A payload larger than SPLICE_PAYLOAD is not copied into the scratch buffer: its place is
   * noted and it is copied once, straight into the result, between the bytes before and after.
   * A scratch buffer that grew beyond KEEP_BYTES for a large message is dropped afterwards, so a
   * thread keeps at most a few KiB.
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

  /** Room before the body for the largest map header (map16: 3 bytes; wrp has 18 keys). */
  private static final int HEADER_ROOM = 3;
  private static final int INITIAL_BYTES = 2048;
  /** A scratch array grown beyond this for one message is dropped after it. */
  private static final int KEEP_BYTES = 64 * 1024;
  /** Payloads larger than this go straight into the result instead of through the scratch. */
  private static final int SPLICE_PAYLOAD = 1024;
  /** The largest array the JVM reliably allocates. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

  private static final ThreadLocal<MsgpackWriter> SCRATCH =
      ThreadLocal.withInitial(MsgpackWriter::new);

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

  private byte[] out = new byte[INITIAL_BYTES];
  private int pos;
  /** The number of map entries written so far. */
  private int fields;
  /** A large payload copied straight into the result at {@link #spliceAt}, or null. */
  private byte[] splice;
  private int spliceAt;

  private MsgpackWriter() {}

  static byte[] encode(Message m) {
    return SCRATCH.get().encodeMessage(m);
  }

  private byte[] encodeMessage(Message m) {
    pos = HEADER_ROOM;
    fields = 0;
    try {
      write(m);
      return result();
    } finally {
      splice = null; // keep no reference to the caller's payload
      if (out.length > KEEP_BYTES) {
        out = new byte[INITIAL_BYTES];
      }
    }
  }

  /** Puts the map header before the body and copies both (and a spliced payload) out. */
  private byte[] result() {
    int start;
    if (fields < 16) {
      start = HEADER_ROOM - 1;
      out[start] = (byte) (0x80 | fields);
    } else {
      start = HEADER_ROOM - 3;
      out[start] = (byte) 0xde;
      out[start + 1] = (byte) (fields >>> 8);
      out[start + 2] = (byte) fields;
    }
    if (splice == null) {
      return Arrays.copyOfRange(out, start, pos); // filled by the copy, never zeroed first
    }
    long total = (long) pos - start + splice.length;
    if (total > MAX_ARRAY) {
      throw new IllegalArgumentException("message too large to encode: " + total + " bytes");
    }
    byte[] result = new byte[(int) total];
    int head = spliceAt - start;
    System.arraycopy(out, start, result, 0, head);
    System.arraycopy(splice, 0, result, head, splice.length);
    System.arraycopy(out, spliceAt, result, head + splice.length, pos - spliceAt);
    return result;
  }

  /** Makes room for {@code more} bytes at {@link #pos}. */
  private void ensure(long more) {
    if (more > out.length - pos) {
      long needed = pos + more;
      if (needed > MAX_ARRAY) {
        throw new IllegalArgumentException("message too large to encode: over " + needed
            + " bytes");
      }
      out = Arrays.copyOf(out, (int) Math.min(MAX_ARRAY, Math.max(needed, 2L * out.length)));
    }
  }

  /** UTF-8 length of {@code s} as {@link #string} writes it (unpaired surrogates as '?'). */
  static long utf8Length(String s) {
    int n = s.length();
    long len = n;
    for (int i = 0; i < n; i++) {
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
    ensure(MSG_TYPE.length + 1);
    raw(MSG_TYPE);
    out[pos++] = (byte) m.type().code();
    fields++;
    stringField(SOURCE, m.source());
    stringField(DEST, m.destination());
    stringField(TRANSACTION_UUID, m.transactionUuid());
    knownField(CONTENT_TYPE, m.contentType());
    knownField(ACCEPT, m.accept());
    if (m.status().isPresent()) {
      integerField(STATUS, m.status().getAsLong());
    }
    if (m.requestDeliveryResponse().isPresent()) {
      integerField(RDR, m.requestDeliveryResponse().getAsLong());
    }
    stringList(HEADERS, m.headers());
    Metadata metadata = m.metadataArrays();
    int entries = metadata.size();
    if (entries > 0) {
      ensure(METADATA.length + 5);
      raw(METADATA);
      containerHeader(0x80, 0xde, entries);
      fields++;
      String[] pairs = metadata.entryArray();
      for (int i = 0, end = 2 * entries; i < end; i += 2) {
        knownString(pairs[i]);
        string(pairs[i + 1]);
      }
    }
    List<List<String>> spans = m.spans();
    if (!spans.isEmpty()) {
      ensure(SPANS.length + 5);
      raw(SPANS);
      containerHeader(0x90, 0xdc, spans.size());
      fields++;
      for (int i = 0, n = spans.size(); i < n; i++) {
        list(spans.get(i));
      }
    }
    stringField(PATH, m.path());
    byte[] payload = m.payloadArray();
    int n = payload.length;
    if (n > 0) {
      boolean spliced = n > SPLICE_PAYLOAD;
      ensure(PAYLOAD.length + 5 + (spliced ? 0 : n));
      raw(PAYLOAD);
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
      if (spliced) {
        splice = payload;
        spliceAt = pos;
      } else {
        System.arraycopy(payload, 0, out, pos, n);
        pos += n;
      }
      fields++;
    }
    stringField(SERVICE_NAME, m.serviceName());
    stringField(URL, m.url());
    stringList(PARTNER_IDS, m.partnerIds());
    stringField(SESSION_ID, m.sessionId());
    if (m.qualityOfService() != 0) {
      integerField(QOS, m.qualityOfService());
    }
  }

  private void integerField(byte[] key, long value) {
    ensure(key.length + 9);
    raw(key);
    integer(value);
    fields++;
  }

  private void stringField(byte[] key, String value) {
    if (!value.isEmpty()) {
      ensure(key.length);
      raw(key);
      string(value);
      fields++;
    }
  }

  private void knownField(byte[] key, String value) {
    if (!value.isEmpty()) {
      ensure(key.length);
      raw(key);
      knownString(value);
      fields++;
    }
  }

  /** Writes {@code s} as {@link #string} does, copying its {@link KnownStrings} encoding if any. */
  private void knownString(String s) {
    byte[] known = KnownStrings.msgpack(s);
    if (known != null) {
      ensure(known.length);
      raw(known);
    } else {
      string(s);
    }
  }

  private void stringList(byte[] key, List<String> values) {
    if (!values.isEmpty()) {
      ensure(key.length);
      raw(key);
      list(values);
      fields++;
    }
  }

  private void list(List<String> values) {
    ensure(5);
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

  /** Writes a str header and {@code s} in UTF-8. Allocates nothing unless the scratch grows. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exact for ASCII chars
  private void string(String s) {
    int n = s.length();
    int any = 0;
    for (int i = 0; i < n; i++) { // no early exit: the JIT unrolls it
      any |= s.charAt(i);
    }
    if (any < 0x80) {
      ensure(5L + n);
      strHeader(n);
      s.getBytes(0, n, out, pos); // all ASCII: one bulk copy of a Latin-1 string's bytes
      pos += n;
      return;
    }
    long utf8 = utf8Length(s);
    ensure(5 + utf8);
    strHeader((int) utf8);
    writeUtf8(s);
  }

  private void strHeader(int n) {
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
  }

  /** Writes {@code s} as String.getBytes(UTF_8) would. */
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
