package io.wrpkafka.bench;

/**
 * The sample message a JMH benchmark works on, as its {@code @Param} (public because JMH's
 * generated classes live in another package): a Talaria online event with 15 metadata entries,
 * or a telemetry event with a 200-byte payload. See {@link SampleMessages}.
 */
public enum SampleKind {
  TALARIA_ONLINE,
  TELEMETRY
}
