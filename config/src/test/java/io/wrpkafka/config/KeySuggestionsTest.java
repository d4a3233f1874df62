package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeySuggestionsTest {
  private static final List<String> KNOWN =
      List.of("maxRetries", "maxBufferedRecords", "topicMap", "shardBy", "brokers", "acks");

  @ParameterizedTest(name = "\"{0}\" suggests \"{1}\"")
  @CsvSource(delimiter = ';', value = {
      "maxRetrys;        maxRetries",
      "max_retries;      maxRetries",
      "topicmap;         topicMap",
      "topic_map;        topicMap",
      "shard_by;         shardBy",
      "broker;           brokers",
      "ack;              acks",
      "maxBufferedRecord; maxBufferedRecords",
  })
  void suggestsTheClosestKnownKey(String key, String expected) {
    assertThat(KeySuggestions.closest(key, KNOWN)).contains(expected);
  }

  @ParameterizedTest(name = "\"{0}\" suggests nothing")
  @CsvSource({"compressionCodec", "zzz", "partitions"})
  void suggestsNothingForAnUnrelatedKey(String key) {
    assertThat(KeySuggestions.closest(key, KNOWN)).isEmpty();
  }
}
