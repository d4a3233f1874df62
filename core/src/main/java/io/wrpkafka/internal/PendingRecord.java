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

/*
 * Two things happen exactly once per record and may race:
 *  - its end reaches its Completion (when the client finished with it, or a stage gave up on it
 *    before sending): `ended`;
 *  - its outcome is reported to the future and the listeners (by that completion, or earlier by
 *    a QoS 75-99 caller that stopped waiting): `reported`.
 * Field updaters instead of AtomicBooleans keep it to one allocation per record.
 *
 * The Kafka record: the client copies key, value and headers into its own batch, so once a lane
 * has sent it the pending record drops its reference and the value bytes can be collected while
 * the record waits for its acknowledgement (half the heap a buffered record holds). Only a record
 * that the dead-letter stage may need again (its QoS is covered by the dead-letter topic of the
 * config it was admitted under) keeps it.
 *
 * The destination: only its topic, event type and shard strategy label the record's events, so
 * those three (strings of the compiled route, shared by every record) are kept rather than the
 * Destination, whose key string and header list are per message and would otherwise stay on the
 * heap beside the client's copy until the acknowledgement (about 300 bytes a record).
 */
/** One admitted record on its way to Kafka; also the client's completion callback. */
public final class PendingRecord implements Callback {
  private static final AtomicIntegerFieldUpdater<PendingRecord> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(PendingRecord.class, "ended");
  private static final AtomicIntegerFieldUpdater<PendingRecord> REPORTED =
      AtomicIntegerFieldUpdater.newUpdater(PendingRecord.class, "reported");

  private ProducerRecord<byte[], byte[]> record;
  private final ProducerRecord<byte[], byte[]> kept;
  private final String topic;
  private final String eventType;
  private final String shardStrategy;
  private final int qos;
  private final long startNanos;
  private final long size;
  private final CompletableFuture<ProduceResult> future;
  private final Completion completion;
  private final String transactionUuid;
  private volatile int ended;
  private volatile int reported;
  /** The record's spool sequence; -1 when not spooled. Written before the record is forwarded. */
  private long spoolSeq = -1;

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
    this.record = record;
    this.kept = keepRecord ? record : null;
    this.topic = destination.topic();
    this.eventType = destination.eventType();
    this.shardStrategy = destination.shardStrategy();
    this.qos = qos;
    this.startNanos = startNanos;
    this.size = size;
    this.future = future;
    this.completion = completion;
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

  /** The Kafka record not yet handed over for sending; null once a lane took it. */
  ProducerRecord<byte[], byte[]> record() {
    return record;
  }

  /** Whether the record's outcome was reported (to its future and the listeners). */
  public boolean reported() {
    return reported != 0;
  }

  /** Hands the Kafka record over for sending, once. Drain-owned, like the lane's other state. */
  ProducerRecord<byte[], byte[]> takeRecord() {
    ProducerRecord<byte[], byte[]> taken = record;
    record = null;
    return taken;
  }

  /** The Kafka record as admitted, if it was kept for the dead-letter stage; else null. */
  public ProducerRecord<byte[], byte[]> keptRecord() {
    return kept;
  }

  /** Called by the Kafka client (I/O thread, or the sending thread for early errors). */
  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (ENDED.compareAndSet(this, 0, 1)) {
      completion.completed(this, exception);
    }
  }

  /** Ends the record without the client, e.g. when a lane gives up before sending. */
  public void fail(PublishException error) {
    onCompletion(null, error);
  }

  /** Claims the single report of this record's outcome; true for the first caller only. */
  public boolean claimReport() {
    return REPORTED.compareAndSet(this, 0, 1);
  }
}
