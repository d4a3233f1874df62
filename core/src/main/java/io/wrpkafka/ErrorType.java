package io.wrpkafka;

/**
 * Why a record was not published, each with the stable label used in metrics and in {@link
 * PublishException#errorType()}. The labels of the first eight match the Go implementation. Each
 * type has a default answer to "is it worth trying again later"; a {@link PublishException} built
 * from a Kafka client exception answers from the exception's class instead (see the core README's
 * error table).
 */
public enum ErrorType {
  /** The message could not be encoded. */
  ENCODING_ERROR("encoding_error", false),
  /** No route of the topic map matched the message's event type. */
  NO_TOPIC_MATCH("no_topic_match", false),
  /** The publisher's buffer was full and the message's QoS does not wait. */
  BUFFER_FULL("buffer_full", true),
  /** The broker rejected the record or could not be reached, for a reason no other type names. */
  BROKER_ERROR("broker_error", true),
  /** The record was not acknowledged within the configured timeouts. */
  TIMEOUT("timeout", true),
  /**
   * The message cannot be routed as it is: for example an empty or malformed destination, or no
   * partition key while {@code denyNilPartitionKey} is set.
   */
  VALIDATION_ERROR("validation_error", false),
  /** {@code produce} was called before {@code start()}. */
  NOT_STARTED("not_started", true),
  /**
   * A {@code deviceid} or {@code metadata:<field>} shard found no value and fell back to
   * round-robin. The record is still published; this is reported, not raised.
   */
  MISSING_METADATA_FIELD("missing_metadata_field", false),
  /** {@code produce} was called after the publisher was stopped or closed. */
  PUBLISHER_CLOSED("publisher_closed", false),
  /** The encoded record is larger than the client or broker accepts. */
  RECORD_TOO_LARGE("record_too_large", false),
  /** The brokers refused the credentials (SASL) or the TLS handshake failed. */
  AUTHENTICATION_ERROR("authentication_error", false),
  /** The credentials were accepted but may not write the topic (an ACL denied it). */
  AUTHORIZATION_ERROR("authorization_error", false),
  /** The topic does not exist (and may not be created), or its name is invalid. */
  TOPIC_NOT_FOUND("topic_not_found", false),
  /** Fewer in-sync replicas than the topic's {@code min.insync.replicas}; usually passes. */
  NOT_ENOUGH_REPLICAS("not_enough_replicas", true),
  /** A configured header could not be built from the message. */
  HEADER_EXTRACTION_ERROR("header_extraction_error", false),
  /** The publisher's circuit breaker is open: no broker has been reachable for a while. */
  CIRCUIT_OPEN("circuit_open", true),
  /** A failed record could not be written to the dead-letter topic either. */
  DEAD_LETTER_FAILED("dead_letter_failed", false),
  /**
   * The durable local spool is full ({@code spool.maxBytes}) or cannot be written: the record was
   * not spooled and followed the in-memory QoS rules instead (see the core README, "Spool").
   */
  SPOOL_FULL("spool_full", true),
  /** A failure that fits no other type. */
  UNKNOWN("unknown", false);

  private final String label;
  private final boolean retryable;

  ErrorType(String label, boolean retryable) {
    this.label = label;
    this.retryable = retryable;
  }

  /** The metrics label, e.g. {@code "no_topic_match"}. */
  public String label() {
    return label;
  }

  /**
   * Whether a failure of this type is, by default, worth trying again later (the cause may pass:
   * a full buffer, a timeout, a broker away). {@link PublishException#retryable()} may say
   * otherwise for one failure when Kafka's exception tells more.
   */
  public boolean retryable() {
    return retryable;
  }
}
