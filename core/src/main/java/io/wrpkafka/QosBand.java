package io.wrpkafka;

/**
 * The three delivery classes a WRP quality-of-service value falls into; {@link #of(int)} is the
 * one place the 0–24 / 25–74 / 75–99 boundaries are decided. Metrics, the bridge and the
 * publisher all ask it.
 */
public enum QosBand {
  /** 0–24: never blocks; dropped when the buffer is full; {@code ATTEMPTED}. */
  FIRE_AND_FORGET("fire_and_forget", 0, 24),
  /** 25–74: waits for buffer space, then {@code QUEUED}; delivered asynchronously. */
  QUEUED("queued", 25, 74),
  /** 75–99: waits for the broker's acknowledgement: {@code ACCEPTED} or {@code FAILED}. */
  ACKNOWLEDGED("acknowledged", 75, 99);

  private final String label;
  private final int lowest;
  private final int highest;

  QosBand(String label, int lowest, int highest) {
    this.label = label;
    this.lowest = lowest;
    this.highest = highest;
  }

  /** The band of {@code qos}; values below 0 count as 0 and above 99 as 99. Allocation-free. */
  public static QosBand of(int qos) {
    if (qos < 25) {
      return FIRE_AND_FORGET;
    }
    return qos < 75 ? QUEUED : ACKNOWLEDGED;
  }

  /** A stable lower-case label for metrics and logs, e.g. {@code "fire_and_forget"}. */
  public String label() {
    return label;
  }

  /** The lowest QoS value of the band (0, 25 or 75). */
  public int lowest() {
    return lowest;
  }

  /** The highest QoS value of the band (24, 74 or 99). */
  public int highest() {
    return highest;
  }
}
