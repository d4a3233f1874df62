package io.wrpkafka;

import io.wrpkafka.routing.Destination;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/*
 * A record between admission and its outcome. Two things happen exactly once and may race:
 *  - its room in the RecordBuffer is returned (when the client finished with it, or a lane
 *    gave up on it before sending): `released`;
 *  - its outcome is reported to the future and the listeners (by the same completion, or
 *    earlier by a QoS 75-99 caller that stopped waiting): `reported`.
 * Field updaters instead of AtomicBooleans keep it to one allocation per record.
 */
/** One admitted record on its way to Kafka; also the client's completion callback. */
final class PendingRecord implements Callback {
  private static final AtomicIntegerFieldUpdater<PendingRecord> RELEASED =
      AtomicIntegerFieldUpdater.newUpdater(PendingRecord.class, "released");
  private static final AtomicIntegerFieldUpdater<PendingRecord> REPORTED =
      AtomicIntegerFieldUpdater.newUpdater(PendingRecord.class, "reported");

  /**
   * The Kafka record until a lane takes it to send. The client copies key, value and headers into
   * its own batch, so dropping the reference lets the value bytes be collected while the record
   * waits for its acknowledgement (halves the heap a buffered record holds; EndToEndBenchmark's
   * "heap held per buffered record"). Drain-owned, like the lane's other state.
   */
  private ProducerRecord<byte[], byte[]> record;
  final Destination destination;
  final int qos;
  final long startNanos;
  final long size;
  /** Null unless someone waits for the acknowledgement. */
  final CompletableFuture<ProduceResult> future;

  private final Publisher owner;
  private volatile int released;
  private volatile int reported;

  PendingRecord(
      Publisher owner,
      ProducerRecord<byte[], byte[]> record,
      Destination destination,
      int qos,
      long startNanos,
      long size,
      CompletableFuture<ProduceResult> future) {
    this.owner = owner;
    this.record = record;
    this.destination = destination;
    this.qos = qos;
    this.startNanos = startNanos;
    this.size = size;
    this.future = future;
  }

  /** Hands the Kafka record over for sending, once; the pending record keeps only its outcome. */
  ProducerRecord<byte[], byte[]> takeRecord() {
    ProducerRecord<byte[], byte[]> taken = record;
    record = null;
    return taken;
  }

  /** Called by the Kafka client (I/O thread, or the sending thread for early errors). */
  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (RELEASED.compareAndSet(this, 0, 1)) {
      owner.completed(this, exception);
    }
  }

  /** Completes the record without the client, e.g. when a lane gives up before sending. */
  void fail(PublishException error) {
    if (RELEASED.compareAndSet(this, 0, 1)) {
      owner.completed(this, error);
    }
  }

  /** Claims the single report of this record's outcome; true for the first caller only. */
  boolean claimReport() {
    return REPORTED.compareAndSet(this, 0, 1);
  }
}
