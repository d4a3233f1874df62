package io.wrpkafka.routing;

import static io.wrpkafka.routing.MessageFactsTest.facts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardByTest {

  private static final List<String> THREE = List.of("topic-0", "topic-1", "topic-2");

  @ParameterizedTest(name = "device {0} goes to {2} ({3})")
  @CsvSource(quoteCharacter = '\'', value = {
      "'',                 hw-deviceid=mac:112233445566,       topic-0, 'index 0 as in Go'",
      "'',                 hw-deviceid=mac:112233445577,       topic-1, 'index 1 as in Go'",
      "'',                 hw-deviceid=MAC:11:22:33:44:55:66,  topic-0, 'canonical id is hashed'",
      "mac:112233445577,   '',                                 topic-1, 'device id from the source'",
  })
  void deviceIdShardPicksTheTopicGoPicks(String source, String metadata, String expected,
      String name) {
    ShardBy shard = ShardBy.of("deviceid", "", THREE);
    assertThat(shard.select(facts(source, "event:x", metadata))).isEqualTo(expected);
    assertThat(shard.label()).isEqualTo("deviceid");
  }

  @ParameterizedTest(name = "metadata {0} goes to {1}")
  @CsvSource({
      "tenant_id=tenant-a, topic-0", "tenant_id=tenant-b, topic-2",
      "/tenant_id=tenant-b, topic-2"})
  void metadataShardHashesTheFieldValueAsGoDoes(String metadata, String expected) {
    ShardBy shard = ShardBy.of("metadata:tenant_id", "", THREE);
    assertThat(shard.select(facts("mac:112233445566", "event:x", metadata))).isEqualTo(expected);
    assertThat(shard.label()).isEqualTo("metadata");
  }

  @Test
  void sameDeviceAlwaysGetsTheSameTopic() {
    ShardBy shard = ShardBy.of("deviceid", "", THREE);
    MessageFacts first = facts("mac:aabbccddeeff", "event:x", "");
    String topic = shard.select(first);
    for (int i = 0; i < 10; i++) {
      assertThat(shard.select(facts("mac:aabbccddeeff", "event:y", ""))).isEqualTo(topic);
    }
  }

  @ParameterizedTest(name = "{0} finds no value in {1}")
  @CsvSource(quoteCharacter = '\'', value = {
      "deviceid,            '',                deviceid",
      "metadata:tenant_id,  '',                tenant_id",
      "metadata:tenant_id,  tenant_id=,        tenant_id",
      "metadata:tenant_id,  other=x,           tenant_id",
  })
  void hashedShardWithoutAValueSelectsNothingAndNamesWhatIsMissing(String strategy,
      String metadata, String field) {
    ShardBy shard = ShardBy.of(strategy, "", THREE);
    assertThat(shard.select(facts("dns:talaria", "event:x", metadata))).isNull();
    assertThat(shard.missingField()).isEqualTo(field);
  }

  @ParameterizedTest(name = "{0} falls back round-robin")
  @CsvSource({"roundrobin", "deviceid", "metadata:tenant_id"})
  void roundRobinCyclesThroughTheTopicsInOrder(String strategy) {
    ShardBy shard = ShardBy.of(strategy, "", THREE);
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      picked.add(shard.fallback());
    }
    assertThat(picked).containsExactly(
        "topic-0", "topic-1", "topic-2", "topic-0", "topic-1", "topic-2", "topic-0");
  }

  @Test
  void roundRobinSelectsInTurn() {
    ShardBy shard = ShardBy.of("roundrobin", "", THREE);
    MessageFacts facts = facts("mac:112233445566", "event:x", "");
    assertThat(Arrays.asList(shard.select(facts), shard.select(facts), shard.select(facts)))
        .containsExactlyElementsOf(THREE);
    assertThat(shard.label()).isEqualTo("roundrobin");
  }

  @Test
  void singleTopicAlwaysSelectsItsTopic() {
    ShardBy shard = ShardBy.of("", "events", List.of());
    assertThat(shard.select(facts("", "event:x", ""))).isEqualTo("events");
    assertThat(shard.label()).isEqualTo("single");
  }
}
