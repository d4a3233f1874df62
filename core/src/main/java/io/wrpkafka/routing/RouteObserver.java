package io.wrpkafka.routing;

/**
 * Hears about routing decisions worth reporting while {@link Router#route(io.wrpkafka.wrp.Message,
 * RouteObserver)} runs. Called on the routing thread, before {@code route} returns: keep it
 * quick and do not throw (an exception propagates to the caller of {@code route}).
 */
@FunctionalInterface
public interface RouteObserver {
  /**
   * A {@code deviceid} or {@code metadata:<field>} shard found no value, so {@code destination}'s
   * topic was picked round-robin; {@code destination.shardStrategy()} still names the configured
   * strategy. A publisher reports this as {@code missing_metadata_field}.
   *
   * @param destination the destination that fell back
   * @param field {@code deviceid}, or the metadata field name of a {@code metadata:<field>} shard
   */
  void shardValueMissing(Destination destination, String field);
}
