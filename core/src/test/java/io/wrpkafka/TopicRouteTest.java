package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicRouteTest {

  /** Builds a route from a row; {@code topics} is '|'-separated, "-" means unset. */
  static TopicRoute.Builder route(String pattern, String topic, String topics, String shardBy) {
    TopicRoute.Builder b = TopicRoute.builder();
    if (!pattern.equals("-")) {
      b.pattern(pattern);
    }
    if (!topic.equals("-")) {
      b.topic(topic);
    }
    if (!topics.equals("-")) {
      b.topics(topics.isEmpty() ? List.of() : Arrays.asList(topics.split("\\|")));
    }
    if (!shardBy.equals("-")) {
      b.shardBy(shardBy);
    }
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(quoteCharacter = '\'', value = {
      "valid single topic,                 event.type, my-topic, -,               -",
      "valid multi-topic round-robin,      event.*,    -,        topic-1|topic-2, roundrobin",
      "valid device id shard,              *,          -,        shard-1|shard-2, deviceid",
      "valid metadata shard,               event-*,    -,        a|b,             metadata:tenant_id",
      "strategy names ignore case,         *,          -,        a|b,             RoundRobin",
      "one sharded topic,                  *,          -,        only,            deviceid",
  })
  void validRoutesBuild(String name, String pattern, String topic, String topics, String shardBy) {
    assertThat(route(pattern, topic, topics, shardBy).build()).isNotNull();
  }

  @ParameterizedTest(name = "{0} -> {5}")
  @CsvSource(quoteCharacter = '\'', value = {
      "invalid empty pattern,           '',     my-topic, -,               -,           'pattern: must not be empty'",
      "missing pattern,                 -,      my-topic, -,               -,           'pattern: must not be empty'",
      "two stars,                       a*b*,   my-topic, -,               -,           'pattern: \"a*b*\" has more than one unescaped *'",
      "both topic and topics set,       e.type, my-topic, topic-1|topic-2, roundrobin,  'topic, topics: mutually exclusive'",
      "shard strategy with single topic,e.type, my-topic, -,               roundrobin,  'shardBy: \"roundrobin\" needs topics'",
      "multi-topic missing strategy,    e.*,    -,        topic-1|topic-2, -,           'shardBy: required with topics'",
      "no topics or topic,              e.type, -,        -,               -,           'topic: required (or topics with shardBy)'",
      "empty topics list,               *,      -,        '',              roundrobin,  'topic: required (or topics with shardBy)'",
      "unknown shard strategy,          e.*,    -,        topic-1|topic-2, hash,        'shardBy: unknown strategy \"hash\" (expected roundrobin, deviceid or metadata:<field>)'",
      "metadata without field,          *,      -,        t1|t2,           'metadata:', 'shardBy: \"metadata:\" names no metadata field'",
      "metadata with blank field,       *,      -,        t1|t2,           'metadata: ','shardBy: \"metadata: \" names no metadata field'",
      "illegal topic character,         *,      'a topic',-,               -,           'topic: \"a topic\" is not a valid Kafka topic name'",
      "dot topic,                       *,      '.',      -,               -,           'topic: \".\" is not a valid Kafka topic name'",
      "illegal sharded topic,           *,      -,        ok|b/c,          deviceid,    'topics[1]: \"b/c\" is not a valid Kafka topic name'",
      "empty sharded topic,             *,      -,        ok||x,           deviceid,    'topics[1]: \"\" is not a valid Kafka topic name'",
      "repeated sharded topic,          *,      -,        a|b|a,           roundrobin,  'topics[2]: \"a\" repeats topics[0]'",
  })
  void invalidRoutesNameTheField(String name, String pattern, String topic, String topics,
      String shardBy, String message) {
    assertThatThrownBy(() -> route(pattern, topic, topics, shardBy).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void topicNameLongerThan249CharactersIsRejected() {
    assertThatThrownBy(() -> TopicRoute.builder().pattern("*").topic("t".repeat(250)).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a valid Kafka topic name");
  }

  @ParameterizedTest(name = "partitionKey \"{0}\" is stored as \"{1}\"")
  @CsvSource(quoteCharacter = '\'', value = {
      "'',               deviceid",
      "deviceid,         deviceid",
      "DeviceID,         deviceid",
      "source,           source",
      "none,             none",
      "NONE,             none",
      "metadata/tenant,  metadata/tenant",
      "Metadata/Tenant,  metadata/Tenant",
      "metadata,         metadata/hw-deviceid",
      "metadata/,        metadata/hw-deviceid",
  })
  void partitionKeyIsNormalised(String value, String expected) {
    TopicRoute route = TopicRoute.builder().pattern("*").topic("t").partitionKey(value).build();
    assertThat(route.partitionKey()).isEqualTo(expected);
  }

  @Test
  void unknownPartitionKeyIsRejectedListingTheAcceptedOnes() {
    assertThatThrownBy(() -> TopicRoute.builder().pattern("*").topic("t")
        .partitionKey("random").build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("partitionKey: unknown strategy \"random\""
            + " (expected deviceid, source, metadata/<field> or none)");
  }

  @ParameterizedTest(name = "shardBy \"{0}\" is stored as \"{1}\"")
  @CsvSource({"roundrobin, roundrobin", "DEVICEID, deviceid", "Metadata:Tenant, metadata:Tenant",
      "' deviceid ', deviceid"})
  void shardByIsNormalised(String value, String expected) {
    TopicRoute route = TopicRoute.builder().pattern("*").topics(List.of("a", "b")).shardBy(value)
        .build();
    assertThat(route.shardBy()).isEqualTo(expected);
  }

  @Test
  void toBuilderDerivesAVariant() {
    TopicRoute route = TopicRoute.builder().pattern("device-*").topics(List.of("d0", "d1"))
        .shardBy("deviceid").build();
    TopicRoute relaxed = route.toBuilder().caseInsensitive(true).build();
    assertThat(relaxed.caseInsensitive()).isTrue();
    assertThat(relaxed.toBuilder().caseInsensitive(false).build()).isEqualTo(route);
  }

  @Test
  void singleTopicRouteHasNoShardStrategyAndNoTopics() {
    TopicRoute route = TopicRoute.builder().pattern("*").topic("events").build();
    assertThat(route.shardBy()).isEmpty();
    assertThat(route.topics()).isEmpty();
    assertThat(route.partitionKey()).isEqualTo("deviceid");
  }
}
