package io.wrpkafka;

/** The three delivery classes a WRP quality-of-service value falls into. */
enum QosBand {
  /** 0–24: never blocks; dropped when the buffer is full; {@code ATTEMPTED}. */
  BEST_EFFORT,
  /** 25–74: waits for buffer space, then {@code QUEUED}; delivered asynchronously. */
  QUEUED,
  /** 75–99: waits for the broker's acknowledgement: {@code ACCEPTED} or {@code FAILED}. */
  ACKNOWLEDGED;

  /** The band of {@code qos}; values below 0 count as 0 and above 99 as 99. */
  static QosBand of(int qos) {
    if (qos < 25) {
      return BEST_EFFORT;
    }
    return qos < 75 ? QUEUED : ACKNOWLEDGED;
  }
}
