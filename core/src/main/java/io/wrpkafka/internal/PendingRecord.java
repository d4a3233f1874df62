package io.wrpkafka.internal;

import io.wrpkafka.ProduceResult;
import io.wrpkafka.PublishException;
import io.wrpkafka.routing.Destination;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/*
 * Two things happen exactly once per record and may race:
 *  - its end reaches its Completion (when the client finished with it, or a stage gave up on it
 *    before sending): `ended`;
 *  - its outcome is reported to the future and the listeners (by that completion, or earlier by
 *    a QoS 75-99 caller that stopped waiting): `reported`.
 * Both are bits of one int set by CAS through a field updater, not AtomicBooleans: one
 * allocation per record, and a small one.
 *
 * Size. While the broker is down a record waits in its lane or in the client's batch with this
 * object beside it, so every field here is paid per buffered record: the flags share one int,
 * the counted size is an int, and the kept Kafka record is the one field with a flag. 80 -> 72
 * bytes with compressed oops (JOL), measured with EndToEndBenchmark's broker-down section. The
 * lane queue's link (`next`, see LaneQueue) took it back to 80 bytes, in place of the 24-byte
 * node a ConcurrentLinkedQueue allocated beside it.
 *
 * The Kafka record: the client copies key, value and headers into its own batch, so once a lane
 * has sent it the pending record drops its reference and the value bytes can be collected while
 * the record waits for its acknowledgement (half the heap a buffered record holds). Only a record
 * that the dead-letter stage may need again (its QoS is covered by the dead-letter topic of the
 * config it was admitted under) keeps it.
 *
 * Compact until sent. A record the publisher admits waits in its lane (for as long as the
 * broker is down) before the client copies it, so until then it is held as `parts`, one array:
 * key bytes, value bytes, then each header's key and value bytes (the router's arrays, shared
 * for fixed values). The ProducerRecord, its RecordHeaders, their list and a header object per
 * header (about 210 bytes with three headers) are made by takeRecord, when the lane sends it,
 * and are garbage once the client has copied them. EndToEndBenchmark's broker-down section
 * measures the heap per buffered record.
 *
 * The destination: only its topic, event type and shard strategy label the record's events, so
 * those three (strings of the compiled route, shared by every record) are kept rather than the
 * Destination, whose key string and header list are per message and would otherwise stay on the
 * heap beside the client's copy until the acknowledgement (about 300 bytes a record).
 */
/** One admitted record on its way to Kafka; also the client's completion callback. */
public final class PendingRecord implements Callback {
  private static final AtomicIntegerFieldUpdater<PendingRecord> STATE =
      AtomicIntegerFieldUpdater.newUpdater(PendingRecord.class, "state");
  /** {@link #state} bits: the end reached the completion; the outcome was reported. */
  private static final int ENDED = 1;
  private static final int REPORTED = 2;

  /**
   * The Kafka record ({@code ProducerRecord}), or its parts until it is sent ({@code Object[]}:
   * key, value, then header key and value pairs); null once sent unless kept.
   */
  private Object record;
  /** Whether {@link #record} stays after sending, for the dead-letter stage. */
  private final boolean keep;
  /** Whether a lane (or the spool) took {@link #record} for sending. Drain-owned, no race. */
  private boolean taken;
  private final String topic;
  private final String eventType;
  private final String shardStrategy;
  private final int qos;
  private final long startNanos;
  /** The counted room; an int (a record is far below 2 GiB), read as a long. */
  private final int size;
  private final CompletableFuture<ProduceResult> future;
  private final Completion completion;
  private final String transactionUuid;
  private volatile int state;
  /** The record's spool sequence; -1 when not spooled. Written before the record is forwarded. */
  private long spoolSeq = -1;
  /**
   * The record after this one in its lane's {@link LaneQueue}; only that queue touches it,
   * through a VarHandle (so package-private).
   */
  @SuppressWarnings("unused")
  PendingRecord next;

  /** The placeholder a {@link LaneQueue} starts from; never sent nor completed. */
  private PendingRecord() {
    this.keep = false;
    this.topic = null;
    this.eventType = null;
    this.shardStrategy = null;
    this.qos = 0;
    this.startNanos = 0;
    this.size = 0;
    this.future = null;
    this.completion = null;
    this.transactionUuid = "";
  }

  static PendingRecord stub() {
    return new PendingRecord();
  }

  /**
   * @param destination where the record goes; its event type and strategy label the events
   * @param startNanos {@link System#nanoTime()} of the produce call (or of the failure, for a
   *     dead-letter record): the delivery timeout counts from it
   * @param size the room the record took in the {@link RecordBuffer}
   * @param future completed with the outcome; null when nobody waits for it
   * @param keepRecord whether the Kafka record stays reachable after sending, for the dead-letter
   *     stage
   * @param completion where the record's end goes
   */
  public PendingRecord(
      ProducerRecord<byte[], byte[]> record,
      Destination destination,
      int qos,
      long startNanos,
      long size,
      CompletableFuture<ProduceResult> future,
      boolean keepRecord,
      Completion completion) {
    this(record, destination, qos, startNanos, size, future, keepRecord, completion, "");
  }

  /**
   * Like the constructor above, for a record of the message with {@code transactionUuid} (kept
   * by reference, for the failure log's MDC; {@code ""} when the message has none).
   */
  public PendingRecord(
      ProducerRecord<byte[], byte[]> record,
      Destination destination,
      int qos,
      long startNanos,
      long size,
      CompletableFuture<ProduceResult> future,
      boolean keepRecord,
      Completion completion,
      String transactionUuid) {
    this.transactionUuid = transactionUuid;
    if (size < 0 || size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("size out of range: " + size);
    }
    this.record = record;
    this.keep = keepRecord;
    this.topic = destination.topic();
    this.eventType = destination.eventType();
    this.shardStrategy = destination.shardStrategy();
    this.qos = qos;
    this.startNanos = startNanos;
    this.size = (int) size;
    this.future = future;
    this.completion = completion;
  }

  /**
   * A record of the message with {@code transactionUuid} held in compact form until a lane sends
   * it: its key and value, and the headers of {@code destination} ({@link
   * Destination#headerKey}, {@link Destination#headerValueBytes}), whose arrays it keeps rather
   * than copies. The Kafka record is made when it is taken for sending.
   *
   * @param key the record key, or null
   * @param value the record value
   */
  public PendingRecord(
      Destination destination,
      byte[] key,
      byte[] value,
      int qos,
      long startNanos,
      long size,
      CompletableFuture<ProduceResult> future,
      boolean keepRecord,
      Completion completion,
      String transactionUuid) {
    this((ProducerRecord<byte[], byte[]>) null, destination, qos, startNanos, size, future,
        keepRecord, completion, transactionUuid);
    int headers = destination.headers().size();
    Object[] parts = new Object[2 + 2 * headers];
    parts[0] = key;
    parts[1] = value;
    for (int i = 0; i < headers; i++) {
      parts[2 + 2 * i] = destination.headerKey(i);
      parts[3 + 2 * i] = destination.headerValueBytes(i);
    }
    this.record = parts;
  }

  /** The record's topic. */
  public String topic() {
    return topic;
  }

  /**
   * Where the record goes, for labelling its events: topic, event type and shard strategy, without
   * the key and headers (which the record does not keep). Allocates a new value on each call.
   */
  public Destination destination() {
    return new Destination(topic, null, List.of(), shardStrategy, eventType);
  }

  /** The message's quality of service. */
  public int qos() {
    return qos;
  }

  /** {@link System#nanoTime()} when the record's way began: its delivery timeout counts from it. */
  public long startNanos() {
    return startNanos;
  }

  /** The WRP transaction uuid of the record's message; {@code ""} when it has none. */
  public String transactionUuid() {
    return transactionUuid;
  }

  /** The room the record holds in the {@link RecordBuffer}. */
  public long size() {
    return size;
  }

  /** The outcome's future; null unless someone waits for it. */
  public CompletableFuture<ProduceResult> future() {
    return future;
  }

  /** The record's sequence in the spool, or -1 when it is not spooled. */
  public long spoolSeq() {
    return spoolSeq;
  }

  /** Marks the record as spooled under {@code seq}; before it is forwarded. */
  void spooled(long seq) {
    this.spoolSeq = seq;
  }

  /**
   * The Kafka record not yet handed over for sending; null once a lane took it. Made from the
   * compact form on the first call and kept until it is taken.
   */
  ProducerRecord<byte[], byte[]> record() {
    if (taken) {
      return null;
    }
    ProducerRecord<byte[], byte[]> built = built();
    record = built;
    return built;
  }

  /** Whether the record's outcome was reported (to its future and the listeners). */
  public boolean reported() {
    return (state & REPORTED) != 0;
  }

  /**
   * Hands the Kafka record over for sending, once (null on a second call). Drain-owned, like the
   * lane's other state.
   */
  ProducerRecord<byte[], byte[]> takeRecord() {
    if (taken) {
      return null;
    }
    taken = true;
    ProducerRecord<byte[], byte[]> handed = built();
    record = keep ? handed : null;
    return handed;
  }

  /**
   * The Kafka record as admitted, if it was kept for the dead-letter stage; else null. Call it
   * once the record ended (it may make the record from the compact form).
   */
  public ProducerRecord<byte[], byte[]> keptRecord() {
    return keep ? built() : null;
  }

  /** The Kafka record, made from the compact form if that is what is held; null if none. */
  @SuppressWarnings("unchecked")
  private ProducerRecord<byte[], byte[]> built() {
    Object held = record;
    if (!(held instanceof Object[] parts)) {
      return (ProducerRecord<byte[], byte[]>) held;
    }
    ProducerRecord<byte[], byte[]> kafka =
        new ProducerRecord<>(topic, null, null, (byte[]) parts[0], (byte[]) parts[1], null);
    for (int i = 2; i < parts.length; i += 2) {
      kafka.headers().add(new RecordHeader((String) parts[i], (byte[]) parts[i + 1]));
    }
    return kafka;
  }

  /** Called by the Kafka client (I/O thread, or the sending thread for early errors). */
  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (setBit(ENDED)) {
      completion.completed(this, exception);
    }
  }

  /** Ends the record without the client, e.g. when a lane gives up before sending. */
  public void fail(PublishException error) {
    onCompletion(null, error);
  }

  /** Claims the single report of this record's outcome; true for the first caller only. */
  public boolean claimReport() {
    return setBit(REPORTED);
  }

  /** Sets {@code bit} of the state; true if this call set it. */
  private boolean setBit(int bit) {
    // Most records end with no bit set: a CAS from 0 first asks for the cache line once, for
    // writing, where a read first would fetch it from the lane's core and then upgrade it.
    if (STATE.compareAndSet(this, 0, bit)) {
      return true;
    }
    while (true) {
      int current = state;
      if ((current & bit) != 0) {
        return false;
      }
      if (STATE.compareAndSet(this, current, current | bit)) {
        return true;
      }
    }
  }
}
