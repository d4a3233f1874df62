package io.wrpkafka.routing;

import java.util.Objects;

/**
 * A Kafka record header produced by routing: the configured key and one resolved value (the
 * publisher writes the value as UTF-8).
 *
 * @param key the header key as configured
 * @param value the literal or the value taken from the message; never empty
 */
public record Header(String key, String value) {
  /** Creates a header; both parts are required. */
  public Header {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
