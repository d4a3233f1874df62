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
   * The key function of a {@code partitionKey} as {@link RouteGrammar#parsePartitionKey} reads
   * it (raw or normal form).
   *
   * @throws io.wrpkafka.ConfigException for a value {@link RouteGrammar#partitionKey} rejects
   */
  static Function<MessageFacts, String> of(String strategy) {
    RouteGrammar.KeySpec spec = RouteGrammar.parsePartitionKey(strategy);
    return switch (spec.kind()) {
      case DEVICEID -> MessageFacts::deviceId;
      case SOURCE -> MessageFacts::sourceId;
      case NONE -> facts -> null;
      case METADATA -> {
        String field = spec.field();
        String slashedField = "/" + field;
        yield facts -> facts.metadata(field, slashedField);
      }
    };
  }
}
