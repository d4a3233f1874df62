package io.wrpkafka.internal;

import io.wrpkafka.routing.Destination;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/*
 * On-disk layout of one entry (big-endian):
 *
 *   int    length of everything after the crc (the body)
 *   int    CRC32C of the body
 *   body:  byte kind (1 record, 2 acknowledgements)
 *          record: long seq, long timeMillis, byte qos, str topic, str eventType, str strategy,
 *                  bytes key (-1 = null), bytes value, short header count, (str key, bytes value)*
 *          acknowledgements: int count, long seq*
 *   str = short length + UTF-8; bytes = int length + bytes
 *
 * The length comes first so a reader can skip an entry without decoding it; the CRC covers the
 * body, so a flipped byte anywhere in it (or a wrong length, which shifts the body) is caught.
 */
/**
 * One spooled record as written to a segment, and the entry format. Immutable. Internal, not API:
 * public only so that the benchmarks can measure the spool's log against other stores (DESIGN §9).
 */
public record SpoolEntry(
    long seq,
    long timeMillis,
    int qos,
    String topic,
    String eventType,
    String shardStrategy,
    byte[] key,
    byte[] value,
    List<Header> headers) {
  static final byte RECORD = 1;
  static final byte ACKS = 2;
  /** Bytes before the body of an entry: its length and CRC32C. */
  public static final int HEADER_BYTES = 8;
  /** The largest body a reader believes; a larger length is corruption. */
  static final int MAX_BODY = 64 << 20;

  /** The entry of {@code record} (admitted at {@code timeMillis}) with sequence {@code seq}. */
  public static SpoolEntry of(long seq, long timeMillis, int qos, Destination destination,
      ProducerRecord<byte[], byte[]> record) {
    List<Header> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(header);
    }
    return new SpoolEntry(seq, timeMillis, qos, destination.topic(), destination.eventType(),
        destination.shardStrategy(), record.key(), record.value(), headers);
  }

  /** The Kafka record to send again. */
  ProducerRecord<byte[], byte[]> producerRecord() {
    return new ProducerRecord<>(topic, null, null, key, value, new ArrayList<>(headers));
  }

  /** Where the record goes, for its events (its routing headers are not kept). */
  Destination destination() {
    return new Destination(topic, key == null ? null : new String(key, StandardCharsets.UTF_8),
        List.of(), shardStrategy, eventType);
  }

  /** The bytes the record's entry takes on disk. */
  public static int recordSize(Destination destination, ProducerRecord<byte[], byte[]> record) {
    int size = HEADER_BYTES + 1 + 8 + 8 + 1 + str(destination.topic()) + str(destination.eventType())
        + str(destination.shardStrategy()) + 4 + (record.key() == null ? 0 : record.key().length)
        + 4 + record.value().length + 2;
    for (Header header : record.headers()) {
      size += str(header.key()) + 4 + (header.value() == null ? 0 : header.value().length);
    }
    return size;
  }

  /** Writes this record's whole entry (length, CRC, body) into {@code out} from its position. */
  public void writeTo(ByteBuffer out, CRC32C crc) {
    int start = out.position();
    out.position(start + HEADER_BYTES);
    out.put(RECORD).putLong(seq).putLong(timeMillis).put((byte) qos);
    putString(out, topic);
    putString(out, eventType);
    putString(out, shardStrategy);
    putBytes(out, key);
    putBytes(out, value);
    out.putShort((short) headers.size());
    for (Header header : headers) {
      putString(out, header.key());
      putBytes(out, header.value() == null ? new byte[0] : header.value());
    }
    seal(out, start, crc);
  }

  /** Writes an acknowledgements entry for {@code count} sequences from {@code seqs}. */
  static void writeAcks(ByteBuffer out, long[] seqs, int count, CRC32C crc) {
    int start = out.position();
    out.position(start + HEADER_BYTES);
    out.put(ACKS).putInt(count);
    for (int i = 0; i < count; i++) {
      out.putLong(seqs[i]);
    }
    seal(out, start, crc);
  }

  /** The bytes an acknowledgements entry of {@code count} sequences takes. */
  static int acksSize(int count) {
    return HEADER_BYTES + 1 + 4 + 8 * count;
  }

  /** Decodes a record body whose CRC was checked. */
  public static SpoolEntry decodeRecord(ByteBuffer body) {
    body.get();
    long seq = body.getLong();
    long time = body.getLong();
    int qos = body.get();
    String topic = getString(body);
    String eventType = getString(body);
    String strategy = getString(body);
    byte[] key = getBytes(body);
    byte[] value = getBytes(body);
    int count = body.getShort();
    List<Header> headers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      headers.add(new RecordHeader(getString(body), getBytes(body)));
    }
    return new SpoolEntry(seq, time, qos, topic, eventType, strategy, key, value == null
        ? new byte[0] : value, headers);
  }

  /** The sequence of a record body whose CRC was checked, without decoding the rest. */
  static long seqOf(ByteBuffer body) {
    return body.getLong(body.position() + 1);
  }

  /** The admission time of a record body whose CRC was checked. */
  static long timeOf(ByteBuffer body) {
    return body.getLong(body.position() + 9);
  }

  /** Whether {@code body} decodes completely as what its kind byte says. */
  static boolean wellFormed(ByteBuffer body) {
    ByteBuffer b = body.duplicate();
    try {
      byte kind = b.get(b.position());
      if (kind == RECORD) {
        decodeRecord(b);
      } else if (kind == ACKS) {
        b.get();
        int count = b.getInt();
        if (count < 0 || count * 8L != b.remaining()) {
          return false;
        }
      } else {
        return false;
      }
      return true;
    } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
      return false;
    }
  }

  private static void seal(ByteBuffer out, int start, CRC32C crc) {
    int end = out.position();
    int length = end - start - HEADER_BYTES;
    crc.reset();
    ByteBuffer body = out.duplicate();
    body.position(start + HEADER_BYTES).limit(end);
    crc.update(body);
    out.putInt(start, length).putInt(start + 4, (int) crc.getValue());
  }

  private static int str(String s) {
    return 2 + s.length() * 3;
  }

  private static void putString(ByteBuffer out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) bytes.length).put(bytes);
  }

  private static void putBytes(ByteBuffer out, byte[] bytes) {
    if (bytes == null) {
      out.putInt(-1);
    } else {
      out.putInt(bytes.length).put(bytes);
    }
  }

  private static String getString(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    if (length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] getBytes(ByteBuffer in) {
    int length = in.getInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }
}
