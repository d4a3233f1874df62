package io.wrpkafka.internal;

import io.wrpkafka.routing.Destination;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;

/*
 * An append-only log of segment files with acknowledgements out of order.
 *
 * Appends take the lock, give the record the next sequence, write its entry (length, CRC32C,
 * body) with one positional write at the end of the active segment, and mark it pending. A
 * segment that would grow past segmentBytes is closed (forced first) and a new one started.
 *
 * Acknowledgements (from the Kafka client's I/O thread) only go into a small queue; the spool's
 * thread applies them in batches: clears the pending bits, writes one acknowledgements entry for
 * the batch (so a restarted process does not send them again), and deletes segments that hold
 * nothing pending. Deletion goes in segment order only: an acknowledgements entry in segment N
 * may name records of any segment up to N, so deleting N while an older segment lives would
 * forget acknowledgements and re-send those records after a crash.
 *
 * Recovery reads every segment once: record entries become pending, acknowledgement entries clear
 * them (whichever segment they are in). Damage (a torn tail after a crash, a flipped byte) is
 * found by the CRC, logged with the file and offset, and skipped; intact entries after it are
 * kept. Recovered segments are only read; appends go to a new segment.
 *
 * Durability: a write is in the operating system's page cache when append returns, so it
 * survives a crash of the process; force() (fsync) makes it survive a crash of the machine.
 */
/**
 * The spool's on-disk log. Thread-safe: appends from any thread, upkeep from one. Internal, not
 * API: public only so that the benchmarks can measure it against other stores (DESIGN §9).
 */
public final class SpoolLog implements Closeable {
  private static final int ACKS_PER_ENTRY = 8192;

  private final Path directory;
  private final long segmentBytes;
  private final Logger log;
  private final ReentrantLock lock = new ReentrantLock();
  /** Every live segment by base; changed under the lock, read by the cursor without it. */
  private final ConcurrentSkipListMap<Long, SpoolSegment> segments = new ConcurrentSkipListMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final CRC32C crc = new CRC32C();
  private final Object syncMonitor = new Object();
  private long[] ackQueue = new long[1024];
  private int ackCount;
  private long[] ackBatch = new long[1024];
  private SpoolSegment active;
  private long nextSeq;
  private ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
  private SpoolSegment synced;
  private long syncedTo;
  private boolean closed;

  private SpoolLog(Path directory, long segmentBytes, Logger log) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    this.log = log;
  }

  /**
   * Opens the log in {@code directory} (created if missing), recovering what is there: damaged
   * entries are logged and skipped, never fatal.
   *
   * @throws IOException if the directory cannot be created or listed, or a new segment cannot be
   *     created
   */
  public static SpoolLog open(Path directory, long segmentBytes, Logger log) throws IOException {
    SpoolLog spool = new SpoolLog(directory, segmentBytes, log);
    spool.recover();
    return spool;
  }

  /** The lock that orders appends; a stage may hold it to make a decision atomic with them. */
  ReentrantLock lock() {
    return lock;
  }

  /**
   * Appends a record and returns its sequence; with {@code force}, returns only once it is forced
   * to the device (concurrent callers share one force).
   *
   * @throws IOException if the write fails (the disk is full, say); nothing was appended then
   */
  public long append(long timeMillis, int qos, Destination destination,
      ProducerRecord<byte[], byte[]> record, boolean force) throws IOException {
    int bound = SpoolEntry.recordSize(destination, record);
    SpoolSegment segment;
    long end;
    long seq;
    lock.lock();
    try {
      if (closed) {
        throw new IOException("spool is closed");
      }
      if (active.size > 0 && active.size + bound > segmentBytes) {
        roll();
      }
      seq = nextSeq;
      ByteBuffer buffer = scratch(bound);
      SpoolEntry.of(seq, timeMillis, qos, destination, record).writeTo(buffer, crc);
      buffer.flip();
      write(buffer);
      nextSeq++;
      active.added(seq, timeMillis);
      records.incrementAndGet();
      segment = active;
      end = active.size;
    } finally {
      lock.unlock();
    }
    if (force) {
      force(segment, end);
    }
    return seq;
  }

  /** Queues the acknowledgement of {@code seq}; cheap, never blocks for long, idempotent. */
  public void acknowledge(long seq) {
    synchronized (this) {
      if (ackCount == ackQueue.length) {
        long[] grown = new long[ackQueue.length * 2];
        System.arraycopy(ackQueue, 0, grown, 0, ackCount);
        ackQueue = grown;
      }
      ackQueue[ackCount++] = seq;
    }
  }

  /**
   * Applies the queued acknowledgements: writes them to the log and deletes segments left with
   * nothing pending. Called by one thread.
   *
   * @return how many records were newly acknowledged
   */
  public int applyAcknowledgements() throws IOException {
    long[] batch;
    int count;
    synchronized (this) {
      if (ackCount == 0) {
        return 0;
      }
      batch = ackQueue;
      count = ackCount;
      ackQueue = ackBatch.length >= 1024 ? ackBatch : new long[1024];
      ackCount = 0;
    }
    ackBatch = batch;
    int applied = 0;
    lock.lock();
    try {
      for (int i = 0; i < count; i++) {
        Map.Entry<Long, SpoolSegment> holder = segments.floorEntry(batch[i]);
        if (holder != null && holder.getValue().acknowledge(batch[i])) {
          batch[applied++] = batch[i];
        }
      }
      records.addAndGet(-applied);
      if (closed) {
        return applied;
      }
      for (int from = 0; from < applied; from += ACKS_PER_ENTRY) {
        int n = Math.min(ACKS_PER_ENTRY, applied - from);
        long[] chunk = batch;
        if (from > 0) {
          chunk = new long[n];
          System.arraycopy(batch, from, chunk, 0, n);
        }
        ByteBuffer buffer = scratch(SpoolEntry.acksSize(n));
        SpoolEntry.writeAcks(buffer, chunk, n, crc);
        buffer.flip();
        write(buffer);
      }
      deleteAcknowledgedPrefix();
    } finally {
      lock.unlock();
    }
    return applied;
  }

  /** Forces the active segment to the device. */
  public void force() throws IOException {
    SpoolSegment segment;
    long end;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      segment = active;
      end = active.size;
    } finally {
      lock.unlock();
    }
    force(segment, end);
  }

  /** Whether {@code seq} is still unacknowledged. */
  boolean isPending(long seq) {
    lock.lock();
    try {
      Map.Entry<Long, SpoolSegment> holder = segments.floorEntry(seq);
      return holder != null && holder.getValue().isPending(seq);
    } finally {
      lock.unlock();
    }
  }

  /** Unacknowledged records. Lock-free. */
  public long records() {
    return records.get();
  }

  /** Bytes of all segment files. Lock-free. */
  public long bytes() {
    return bytes.get();
  }

  /**
   * The admission time of the first record of the oldest segment that holds an unacknowledged
   * record: the oldest entry's time, or a little before it; empty when nothing is pending.
   * Lock-free.
   */
  Optional<Instant> oldestEntry() {
    // Lock-free, so that a health probe never makes an append wait (nor a QoS 0-24 append,
    // which only tries the lock, go past the spool); a value a moment old is fine for health.
    for (SpoolSegment segment : segments.values()) {
      if (segment.live > 0) {
        return Optional.of(Instant.ofEpochMilli(segment.firstTimeMillis));
      }
    }
    return Optional.empty();
  }

  /** A reader of the unacknowledged records, oldest first, from the start of the log. */
  public Cursor cursor() {
    return new Cursor();
  }

  /** Whether {@code cursor} has read everything appended so far. Call with the lock held. */
  boolean caughtUp(Cursor cursor) {
    return cursor.base == active.base && cursor.position >= active.size;
  }

  /** Closes the files (forcing the active one); further appends fail. Idempotent. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      active.channel.force(false);
      active.channel.close();
      active.channel = null;
    } finally {
      lock.unlock();
    }
  }

  /** Reads the unacknowledged records in sequence order; used by one thread at a time. */
  public final class Cursor implements Closeable {
    private final CRC32C readCrc = new CRC32C();
    private long base = -1;
    private long position;
    private FileChannel channel;

    /** The next unacknowledged record, or null when everything written so far was read. */
    public SpoolEntry next() throws IOException {
      while (true) {
        Map.Entry<Long, SpoolSegment> at = segments.ceilingEntry(Math.max(base, 0));
        if (at == null) {
          return null;
        }
        SpoolSegment segment = at.getValue();
        if (segment.base != base || channel == null) {
          closeChannel();
          base = segment.base;
          position = 0;
          channel = FileChannel.open(segment.file, StandardOpenOption.READ);
        }
        SpoolSegment.Read read =
            SpoolSegment.read(channel, segment.file, position, segment.size, (f, o, b, w) -> {},
                readCrc);
        if (read == null) {
          if (segments.higherKey(segment.base) == null) {
            return null;
          }
          base = segment.base + 1;
          closeChannel();
          continue;
        }
        position = read.next();
        ByteBuffer body = read.body();
        if (body.get(0) == SpoolEntry.RECORD && isPending(SpoolEntry.seqOf(body))) {
          return SpoolEntry.decodeRecord(body);
        }
      }
    }

    @Override
    public void close() throws IOException {
      closeChannel();
    }

    private void closeChannel() throws IOException {
      if (channel != null) {
        channel.close();
        channel = null;
      }
    }
  }

  // ------------------------------------------------------------------ under the lock

  private void recover() throws IOException {
    Files.createDirectories(directory);
    List<Long> bases = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SpoolSegment.SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        try {
          bases.add(Long.parseLong(name.substring(0, name.length() - SpoolSegment.SUFFIX.length())));
        } catch (NumberFormatException e) {
          log.warn("spool {}: ignoring file {}, not a segment name", directory, name);
        }
      }
    }
    bases.sort(null);
    List<Long> acks = new ArrayList<>();
    long maxSeq = -1;
    long maxBase = -1;
    for (long base : bases) {
      SpoolSegment segment = new SpoolSegment(base, directory.resolve(SpoolSegment.fileName(base)));
      maxBase = Math.max(maxBase, base);
      try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.READ)) {
        long limit = channel.size();
        long position = 0;
        SpoolSegment.Read read;
        while ((read = SpoolSegment.read(channel, segment.file, position, limit, this::damaged,
            crc)) != null) {
          position = read.next();
          ByteBuffer body = read.body();
          if (body.get(0) == SpoolEntry.RECORD) {
            long seq = SpoolEntry.seqOf(body);
            if (seq >= base) {
              segment.added(seq, SpoolEntry.timeOf(body));
              maxSeq = Math.max(maxSeq, seq);
            }
          } else {
            body.position(1);
            int count = body.getInt();
            for (int i = 0; i < count; i++) {
              acks.add(body.getLong());
            }
          }
        }
        segment.size = limit;
      } catch (IOException e) {
        log.warn("spool segment {} cannot be read, skipped: {}", segment.file, e.toString());
        continue;
      }
      segments.put(base, segment);
      bytes.addAndGet(segment.size);
    }
    for (long seq : acks) {
      Map.Entry<Long, SpoolSegment> holder = segments.floorEntry(seq);
      if (holder != null) {
        holder.getValue().acknowledge(seq);
      }
    }
    long pending = 0;
    for (SpoolSegment segment : segments.values()) {
      pending += segment.live;
    }
    records.set(pending);
    nextSeq = Math.max(maxSeq + 1, maxBase + 1);
    lock.lock();
    try {
      active = newSegment(nextSeq);
      deleteAcknowledgedPrefix();
    } finally {
      lock.unlock();
    }
    if (pending > 0) {
      log.info("spool {}: {} unacknowledged records in {} segments from a previous run",
          directory, pending, segments.size() - 1);
    }
  }

  private void damaged(Path file, long offset, long skipped, String why) {
    log.warn("spool segment {}: {} at offset {}; skipped {} bytes, the intact entries around it"
        + " are kept", file, why, offset, skipped);
  }

  private SpoolSegment newSegment(long base) throws IOException {
    SpoolSegment segment = new SpoolSegment(base, directory.resolve(SpoolSegment.fileName(base)));
    segment.channel = FileChannel.open(segment.file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.READ);
    segments.put(base, segment);
    return segment;
  }

  private void roll() throws IOException {
    SpoolSegment old = active;
    old.channel.force(false);
    active = newSegment(nextSeq);
    old.channel.close();
    old.channel = null;
  }

  private void write(ByteBuffer buffer) throws IOException {
    long start = active.size;
    int length = buffer.remaining();
    try {
      while (buffer.hasRemaining()) {
        active.channel.write(buffer, start + length - buffer.remaining());
      }
    } catch (IOException e) {
      try {
        active.channel.truncate(start);
      } catch (IOException ignored) {
        e.addSuppressed(ignored);
      }
      throw e;
    }
    active.size = start + length;
    bytes.addAndGet(length);
  }

  private void deleteAcknowledgedPrefix() {
    for (SpoolSegment segment : segments.values()) {
      if (segment == active || segment.live > 0) {
        return;
      }
      try {
        Files.deleteIfExists(segment.file);
        segments.remove(segment.base);
        bytes.addAndGet(-segment.size);
      } catch (IOException e) {
        log.warn("spool segment {} could not be deleted: {}", segment.file, e.toString());
        return;
      }
    }
  }

  private ByteBuffer scratch(int bound) {
    if (scratch.capacity() < bound) {
      scratch = ByteBuffer.allocateDirect(Math.max(bound, scratch.capacity() * 2));
    }
    scratch.clear();
    return scratch;
  }

  private void force(SpoolSegment segment, long end) throws IOException {
    synchronized (syncMonitor) {
      if (segment == synced && syncedTo >= end) {
        return;
      }
      FileChannel channel = segment.channel;
      if (channel == null) {
        return; // rolled or closed: forced then
      }
      long target = segment.size;
      try {
        channel.force(false);
      } catch (java.nio.channels.ClosedChannelException e) {
        return; // rolled (forced before closing) or closed (forced too)
      }
      synced = segment;
      syncedTo = target;
    }
  }
}
