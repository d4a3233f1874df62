package io.wrpkafka.bench;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * QoS 10 produce calls while the only broker is stopped.
 *
 * @param calls produce calls made
 * @param attempted calls answered ATTEMPTED (taken into the buffer)
 * @param dropped calls answered DROPPED (buffer full)
 * @param latency every call's latency, nanoseconds
 * @param attemptedLatency latency of the ATTEMPTED calls
 * @param droppedLatency latency of the DROPPED calls
 * @param stopTime how long stopping the broker took
 * @param startTime how long starting it again took, until it served
 * @param drainTime from the restart until the publisher's buffer was empty
 * @param drained whether the buffer emptied within the wait
 * @param delivered records that reached the topics after the restart
 * @param heapBefore heap in use after a full collection before the broker was stopped
 * @param heapWhileDown heap in use after a full collection once the calls were made, the broker
 *     still down and every attempted record held by the publisher and the client
 */
record BrokerDownResult(
    long calls,
    long attempted,
    long dropped,
    Histogram latency,
    Histogram attemptedLatency,
    Histogram droppedLatency,
    Duration stopTime,
    Duration startTime,
    Duration drainTime,
    boolean drained,
    long delivered,
    long heapBefore,
    long heapWhileDown) {

  /** Heap held per attempted record while the broker was down, bytes. */
  double heapPerBufferedRecord() {
    return attempted == 0 ? 0 : (double) (heapWhileDown - heapBefore) / attempted;
  }
}
