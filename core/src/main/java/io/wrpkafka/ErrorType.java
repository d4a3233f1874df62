package io.wrpkafka;

/**
 * Why a record was not published, each with the stable label used in metrics and in {@link
 * PublishException#errorType()}. The labels of the first eight match the Go implementation.
 */
public enum ErrorType {
  /** The message could not be encoded. */
  ENCODING_ERROR("encoding_error"),
  /** No route of the topic map matched the message's event type. */
  NO_TOPIC_MATCH("no_topic_match"),
  /** The publisher's buffer was full and the message's QoS does not wait. */
  BUFFER_FULL("buffer_full"),
  /** The broker rejected the record or could not be reached. */
  BROKER_ERROR("broker_error"),
  /** The record was not acknowledged within the configured timeouts. */
  TIMEOUT("timeout"),
  /**
   * The message cannot be routed as it is: for example an empty or malformed destination, or no
   * partition key while {@code denyNilPartitionKey} is set.
   */
  VALIDATION_ERROR("validation_error"),
  /** {@code produce} was called before {@code start()}. */
  NOT_STARTED("not_started"),
  /**
   * A {@code deviceid} or {@code metadata:<field>} shard found no value and fell back to
   * round-robin. The record is still published; this is reported, not raised.
   */
  MISSING_METADATA_FIELD("missing_metadata_field"),
  /** {@code produce} was called after the publisher was stopped or closed. */
  PUBLISHER_CLOSED("publisher_closed"),
  /** The encoded record is larger than the client or broker accepts. */
  RECORD_TOO_LARGE("record_too_large"),
  /** A failure that fits no other type. */
  UNKNOWN("unknown");

  private final String label;

  ErrorType(String label) {
    this.label = label;
  }

  /** The metrics label, e.g. {@code "no_topic_match"}. */
  public String label() {
    return label;
  }
}
