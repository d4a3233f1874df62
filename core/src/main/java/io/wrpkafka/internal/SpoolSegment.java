package io.wrpkafka.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.zip.CRC32C;

/*
 * A segment is one file of the spool, named after the sequence of its first record
 * (00000000000000000042.spool). Records get consecutive sequences; `pending` has a bit per record
 * (index seq - base) that is set while the record is unacknowledged. A record lost to corruption
 * simply has no bit. The segment's bookkeeping is guarded by the SpoolLog's lock; `size` is
 * volatile so that a reader of the active segment sees how far it may read.
 */
/** One file of the spool log and which of its records are still unacknowledged. */
final class SpoolSegment {
  static final String SUFFIX = ".spool";

  final long base;
  final Path file;
  /** Sequences [base, nextSeq) belong to this segment; guarded by the log's lock. */
  long nextSeq;
  final BitSet pending = new BitSet();
  /** Unacknowledged records; written under the log's lock, read without it for health. */
  volatile int live;
  /** Admission time of the segment's first record, for the backlog's age; 0 when none. */
  volatile long firstTimeMillis;
  /** Bytes written and readable. */
  volatile long size;
  /** The write channel; null once the segment is no longer the one appended to. */
  FileChannel channel;

  SpoolSegment(long base, Path file) {
    this.base = base;
    this.nextSeq = base;
    this.file = file;
  }

  static String fileName(long base) {
    return String.format("%020d%s", base, SUFFIX);
  }

  /** Marks a record written (or recovered) as unacknowledged. */
  void added(long seq, long timeMillis) {
    if (live == 0 && firstTimeMillis == 0) {
      firstTimeMillis = timeMillis;
    }
    pending.set((int) (seq - base));
    live++;
    nextSeq = Math.max(nextSeq, seq + 1);
  }

  /** Clears a record's bit; false if it was not pending (already acknowledged, or unknown). */
  boolean acknowledge(long seq) {
    long index = seq - base;
    if (index < 0 || index >= nextSeq - base || !pending.get((int) index)) {
      return false;
    }
    pending.clear((int) index);
    live--;
    return true;
  }

  boolean isPending(long seq) {
    long index = seq - base;
    return index >= 0 && index < nextSeq - base && pending.get((int) index);
  }

  /** One entry read from a segment: where it starts and its checked body. */
  record Read(long position, long next, ByteBuffer body, String why) {}

  /** What a scan reports when it skips unreadable bytes. */
  interface Damage {
    void skipped(Path file, long offset, long bytes, String why);
  }

  /**
   * Reads the entry at {@code position}, below {@code limit}. A length that does not fit, a body
   * that does not match its CRC or does not decode is damage: the reader then looks for the next
   * position where an intact entry starts (a single flipped byte costs one entry), and reports
   * the skipped range. Returns null at the end.
   */
  static Read read(FileChannel channel, Path file, long position, long limit, Damage damage,
      CRC32C crc) throws IOException {
    if (position >= limit) {
      return null;
    }
    Read first = intactAt(channel, position, limit, crc);
    if (first.body() != null) {
      return first;
    }
    String why = first.why();
    // Only the body damaged (the common flipped byte): the entry after it is where its length says.
    if (first.next() > position && first.next() < limit) {
      Read after = intactAt(channel, first.next(), limit, crc);
      if (after.body() != null) {
        damage.skipped(file, position, first.next() - position, why);
        return after;
      }
    }
    for (long p = position + 1; p + SpoolEntry.HEADER_BYTES <= limit; p++) {
      Read candidate = intactAt(channel, p, limit, crc);
      if (candidate.body() != null) {
        damage.skipped(file, position, p - position, why);
        return candidate;
      }
    }
    damage.skipped(file, position, limit - position, why);
    return null;
  }

  /** The intact entry at {@code p}, or a Read without body saying why not (next: its end). */
  private static Read intactAt(FileChannel channel, long p, long limit, CRC32C crc)
      throws IOException {
    if (p + SpoolEntry.HEADER_BYTES > limit) {
      return new Read(p, p, null, "entry truncated (torn write)");
    }
    ByteBuffer header = ByteBuffer.allocate(SpoolEntry.HEADER_BYTES);
    readFully(channel, header, p);
    int length = header.getInt(0);
    int expected = header.getInt(4);
    if (length <= 0 || length > SpoolEntry.MAX_BODY) {
      return new Read(p, p, null, "impossible entry length " + length);
    }
    long end = p + SpoolEntry.HEADER_BYTES + length;
    if (end > limit) {
      return new Read(p, p, null, "entry truncated (torn write)");
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    readFully(channel, body, p + SpoolEntry.HEADER_BYTES);
    body.flip();
    crc.reset();
    crc.update(body.duplicate());
    if ((int) crc.getValue() != expected || !SpoolEntry.wellFormed(body)) {
      return new Read(p, end, null, "checksum mismatch");
    }
    return new Read(p, end, body, null);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException("unexpected end of spool segment");
      }
    }
  }
}
