package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldPathTest {
  private static final YamlNode.Mapping TREE = tree();

  private static YamlNode.Mapping tree() {
    YamlNode.Mapping route = new YamlNode.Mapping(List.of(
        entry("shardBy", scalar("hash", 5)),
        entry("topics", new YamlNode.Sequence(List.of(scalar("a", 6), scalar("b c", 7)),
            origin(6)))), origin(4));
    YamlNode.Mapping headers = new YamlNode.Mapping(List.of(
        entry("x-id", new YamlNode.Sequence(List.of(scalar("v", 9), scalar("wrp.Nope", 10)),
            origin(9)))), origin(8));
    return new YamlNode.Mapping(List.of(
        entry("topicMap", new YamlNode.Sequence(List.of(route), origin(3))),
        entry("headers", headers),
        entry("compressionCodec", scalar("brotli", 11)),
        entry("brokers", scalar("a:1,b", 12))), origin(1));
  }

  private static Origin origin(int line) {
    return new Origin("f.yaml", line, 1);
  }

  private static YamlNode scalar(String value, int line) {
    return new YamlNode.Scalar(value, false, origin(line));
  }

  private static YamlNode.Entry entry(String key, YamlNode value) {
    return new YamlNode.Entry(key, value.origin(), value);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', quoteCharacter = '\'', value = {
      "'topicMap[0].shardBy: bad';            5;  topicMap[0].shardBy;      bad",
      "'topicMap[0].topics[1]: bad';          7;  topicMap[0].topics[1];    bad",
      "'topicMap[0]: bad';                    4;  topicMap[0];              bad",
      "'topicMap[3].topic: bad';              3;  topicMap[3].topic;        bad",
      "'topicMap[0].topic: required';         4;  topicMap[0].topic;        required",
      "'headers[\"x-id\"][1]: unknown';       10; headers[\"x-id\"][1];     unknown",
      "'headers[\"nope\"][0]: unknown';       8;  headers[\"nope\"][0];     unknown",
      "'compression: unknown codec';          11; compressionCodec;         unknown codec",
      "'brokers[1]: not host:port';           12; brokers[1];               not host:port",
      "'topic, topics: mutually exclusive';   1;  '';                       'topic, topics: mutually exclusive'",
      "'must contain a route';                1;  '';                       'must contain a route'",
      "'topicMap[x]: odd';                    3;  '';                       'topicMap[x]: odd'",
  })
  void placesAMessageAtTheDeepestNodeItsPathReaches(String message, int line, String path,
      String rest) {
    FieldPath.Located located =
        FieldPath.locate(message, TREE, Map.of("compression", "compressionCodec"));
    assertThat(located.node().origin().line()).isEqualTo(line);
    assertThat(located.path()).isEqualTo(path);
    assertThat(located.message()).isEqualTo(rest);
  }
}
