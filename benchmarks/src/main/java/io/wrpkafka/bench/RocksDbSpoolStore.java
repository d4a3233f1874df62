package io.wrpkafka.bench;

import io.wrpkafka.internal.SpoolEntry;
import io.wrpkafka.routing.Destination;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/*
 * RocksDB used as a spool would use it: key = the sequence (8 bytes big-endian, so iteration
 * order is append order), value = the same entry body our segment log writes (SpoolEntry's
 * encoding; RocksDB checksums its WAL records and blocks itself). Append = put with the WAL on
 * (sync=true for fsync always: concurrent writers share one sync, RocksDB's group commit);
 * acknowledgements are queued like the segment log's and applied by the upkeep thread as one
 * WriteBatch of deletes; fsync interval = flushWal(true) from the upkeep thread; recovery = open
 * (which replays the WAL) and iterate from the first key. Default options otherwise.
 */
/** RocksDB ({@code rocksdbjni}) as a {@link SpoolStore}, for comparison only. Thread-safe. */
final class RocksDbSpoolStore implements SpoolStore {
  private final Options options;
  private final RocksDB db;
  private final WriteOptions relaxed = new WriteOptions();
  private final WriteOptions synced = new WriteOptions().setSync(true);
  private final AtomicLong nextSeq;
  private final AtomicLong pending;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
  private long[] ackQueue = new long[1024];
  private int ackCount;
  private long[] ackBatch = new long[1024];

  private RocksDbSpoolStore(Options options, RocksDB db, long nextSeq) {
    this.options = options;
    this.db = db;
    this.nextSeq = new AtomicLong(nextSeq);
    this.pending = new AtomicLong();
  }

  /** Opens (recovering) the database in {@code directory}. */
  static RocksDbSpoolStore open(Path directory) throws IOException {
    RocksDB.loadLibrary();
    Options options = new Options().setCreateIfMissing(true);
    try {
      RocksDB db = RocksDB.open(options, directory.toString());
      long next = 0;
      try (RocksIterator it = db.newIterator()) {
        it.seekToLast();
        if (it.isValid()) {
          next = ByteBuffer.wrap(it.key()).getLong() + 1;
        }
      }
      return new RocksDbSpoolStore(options, db, next);
    } catch (RocksDBException e) {
      options.close();
      throw new IOException("opening RocksDB in " + directory, e);
    }
  }

  @Override
  public long append(long timeMillis, int qos, Destination destination,
      ProducerRecord<byte[], byte[]> record, boolean force) throws IOException {
    long seq = nextSeq.getAndIncrement();
    Scratch s = scratch.get();
    ByteBuffer value = s.value(SpoolEntry.recordSize(destination, record));
    SpoolEntry.of(seq, timeMillis, qos, destination, record).writeTo(value, s.crc);
    value.flip().position(SpoolEntry.HEADER_BYTES);
    s.key.clear();
    s.key.putLong(seq).flip();
    try {
      db.put(force ? synced : relaxed, s.key, value);
    } catch (RocksDBException e) {
      throw new IOException("put " + seq, e);
    }
    pending.incrementAndGet();
    return seq;
  }

  @Override
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

  @Override
  public void applyAcknowledgements() throws IOException {
    long[] batch;
    int count;
    synchronized (this) {
      if (ackCount == 0) {
        return;
      }
      batch = ackQueue;
      count = ackCount;
      ackQueue = ackBatch.length >= 1024 ? ackBatch : new long[1024];
      ackCount = 0;
    }
    ackBatch = batch;
    byte[] key = new byte[8];
    ByteBuffer keyBuffer = ByteBuffer.wrap(key);
    try (WriteBatch deletes = new WriteBatch()) {
      for (int i = 0; i < count; i++) {
        keyBuffer.putLong(0, batch[i]);
        deletes.delete(key);
      }
      db.write(relaxed, deletes);
    } catch (RocksDBException e) {
      throw new IOException("deleting " + count + " acknowledged entries", e);
    }
    pending.addAndGet(-count);
  }

  @Override
  public void force() throws IOException {
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      throw new IOException("flushWal", e);
    }
  }

  @Override
  public long pending() {
    return pending.get();
  }

  @Override
  public long readPending() {
    long count = 0;
    try (RocksIterator it = db.newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        SpoolEntry.decodeRecord(ByteBuffer.wrap(it.value()));
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() {
    db.close();
    relaxed.close();
    synced.close();
    options.close();
  }

  /** A thread's direct buffers for put (RocksDB's ByteBuffer API wants direct ones). */
  private static final class Scratch {
    final ByteBuffer key = ByteBuffer.allocateDirect(8);
    final CRC32C crc = new CRC32C();
    ByteBuffer value = ByteBuffer.allocateDirect(4096);

    ByteBuffer value(int bound) {
      if (value.capacity() < bound) {
        value = ByteBuffer.allocateDirect(Math.max(bound, value.capacity() * 2));
      }
      value.clear();
      return value;
    }
  }
}
