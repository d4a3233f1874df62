package io.wrpkafka.routing;

import java.util.function.Function;

/** The partition key strategies of a route ({@code TopicRoute.partitionKey()}). */
final class PartitionKeys {
  /*
   * deviceid: the canonical device id (MessageFacts.deviceId: metadata, then source, then the
   *   event destination's device), e.g. mac:112233445566.
   * source: the id part of the parsed source, e.g. 112233445566, as the Go implementation's
   *   "source" hash key (wrp.ParseDeviceID(source).ID()).
   * metadata/<field>: the raw metadata value, also read from "/<field>".
   * none: no key.
   * A missing or unparseable value gives a null key; never an exception.
   */

  private PartitionKeys() {}

  /**
   * The key function for a validated, normalised strategy.
   *
   * @throws IllegalArgumentException for a value {@code TopicRoute} would have rejected
   */
  static Function<MessageFacts, String> of(String strategy) {
    switch (strategy) {
      case "deviceid":
        return MessageFacts::deviceId;
      case "source":
        return MessageFacts::sourceId;
      case "none":
        return facts -> null;
      default:
        if (strategy.startsWith("metadata/")) {
          String field = strategy.substring("metadata/".length());
          String slashedField = "/" + field;
          return facts -> facts.metadata(field, slashedField);
        }
        throw new IllegalArgumentException(
            "partitionKey: unknown strategy \"" + strategy + "\"");
    }
  }
}
