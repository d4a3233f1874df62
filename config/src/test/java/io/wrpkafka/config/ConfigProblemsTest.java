package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of problem, each with the line, column, path and message it must report. */
class ConfigProblemsTest {

  private static List<ConfigProblem> problems(String yaml) {
    return WrpKafkaConfig.validate(yaml, "bridge.yaml", Map.of());
  }

  static Stream<Arguments> singleProblems() {
    return Stream.of(
        Arguments.of("unknown key with a suggestion", """
            kafka:
              brokers: localhost:9092
              maxRetrys: 3
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:3: kafka.maxRetrys: unknown key; did you mean \"maxRetries\"?"),
        Arguments.of("unknown top-level key", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            serve:
              port: 80
            """, "bridge.yaml:4:1: serve: unknown key; did you mean \"server\"?"),
        Arguments.of("unknown key without a close match lists the known keys", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              colour: blue
            """, "bridge.yaml:5:3: server.colour: unknown key (expected one of address, port,"),
        Arguments.of("unknown key in a route", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: "*"
                  topic: events
                  shard_by: deviceid
            """, "bridge.yaml:6:7: kafka.topicMap[0].shard_by: unknown key; did you mean \"shardBy\"?"),
        Arguments.of("string where an integer is expected", """
            kafka:
              brokers: localhost:9092
              maxRetries: three
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:15: kafka.maxRetries: expected an integer, found \"three\""),
        Arguments.of("integer out of range", """
            kafka:
              brokers: localhost:9092
              maxBufferedRecords: 99999999999
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:23: kafka.maxBufferedRecords: out of range: \"99999999999\""),
        Arguments.of("list where a boolean is expected", """
            kafka:
              brokers: localhost:9092
              denyNilPartitionKey: [yes]
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:24: kafka.denyNilPartitionKey: expected true or false, found a list"),
        Arguments.of("unknown value format", """
            kafka:
              brokers: localhost:9092
              valueFormat: avro
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:16: kafka.valueFormat: unknown value format \"avro\" (expected msgpack or json)"),
        Arguments.of("yes is not a boolean", """
            kafka:
              enabled: yes
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:2:12: kafka.enabled: expected true or false, found \"yes\""),
        Arguments.of("duration without a unit", """
            kafka:
              brokers: localhost:9092
              requestTimeout: 30
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:19: kafka.requestTimeout: duration \"30\" has no unit (write 30s or 30ms"),
        Arguments.of("retry backoff without a unit", """
            kafka:
              brokers: localhost:9092
              retryBackoff: 100
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:17: kafka.retryBackoff: duration \"100\" has no unit (write 100s or 100ms"),
        Arguments.of("zero retry backoff from the publisher builder", """
            kafka:
              brokers: localhost:9092
              retryBackoff: 0
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:17: kafka.retryBackoff: must be positive (got 0)"),
        Arguments.of("zero start timeout from the publisher builder", """
            kafka:
              brokers: localhost:9092
              startTimeout: 0s
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:17: kafka.startTimeout: must be positive (got 0s)"),
        Arguments.of("verify on start not a bool", """
            kafka:
              brokers: localhost:9092
              verifyOnStart: maybe
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:18: kafka.verifyOnStart: "),
        Arguments.of("retry backoff max as a list", """
            kafka:
              brokers: localhost:9092
              retryBackoffMax: [5s]
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:20: kafka.retryBackoffMax: expected a duration such as 30s, 10ms or 1m30s, found a list"),
        Arguments.of("retry backoff max below retry backoff", """
            kafka:
              brokers: localhost:9092
              retryBackoff: 2s
              retryBackoffMax: 500ms
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:20: kafka.retryBackoffMax: 500ms is less than retryBackoff 2000ms"),
        Arguments.of("retry backoff above the default max", """
            kafka:
              brokers: localhost:9092
              retryBackoff: 10s
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:2:3: kafka.retryBackoffMax: 5000ms is less than retryBackoff 10000ms"),
        Arguments.of("bad size unit", """
            kafka:
              brokers: localhost:9092
              maxBufferedBytes: 64Mb/s
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:21: kafka.maxBufferedBytes: unknown size unit \"Mb/s\""),
        Arguments.of("missing environment variable", """
            kafka:
              brokers: ${BROKERS}
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:2:12: kafka.brokers: environment variable BROKERS is not set"),
        Arguments.of("duplicate key", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
              brokers: other:9092
            """, "bridge.yaml:4:3: kafka.brokers: duplicate key (first given at line 2)"),
        Arguments.of("YAML syntax error", """
            kafka:
              brokers: [localhost:9092
              topicMap: []
            """, "bridge.yaml:3:"),
        Arguments.of("unknown shard strategy from the route builder", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: online
                  topic: lifecycle
                - pattern: device-*
                  topic: devices
                - pattern: qos-*
                  topics: [q0, q1]
                  shardBy: hash
            """, "bridge.yaml:10:16: kafka.topicMap[2].shardBy: unknown strategy \"hash\""
                + " (expected roundrobin, deviceid or metadata:<field>)"),
        Arguments.of("route without a topic is placed on the route", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: "*"
                  topic: events
                - pattern: other
                  partitionKey: none
            """, "bridge.yaml:6:7: kafka.topicMap[1].topic: required (or topics with shardBy)"),
        Arguments.of("route with topic and topics", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: "*"
                  topics: [a, b]
                  shardBy: roundrobin
                  topic: events
            """, "bridge.yaml:7:14: kafka.topicMap[0]: topic, topics: mutually exclusive"),
        Arguments.of("invalid topic name in a list", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: "*"
                  topics:
                    - good
                    - bad topic
                  shardBy: roundrobin
            """, "bridge.yaml:7:11: kafka.topicMap[0].topics[1]: \"bad topic\" is not a valid Kafka topic name"),
        Arguments.of("two stars in a pattern", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: a*b*
                  topic: events
            """, "bridge.yaml:4:16: kafka.topicMap[0].pattern: \"a*b*\""),
        Arguments.of("route that is not a mapping", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - "*"
            """, "bridge.yaml:4:7: kafka.topicMap[0]: expected a route {pattern, topic | topics + shardBy, …}, found \"*\""),
        Arguments.of("caseInsensitive and its alias together", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: "*"
                  topic: events
                  caseInsensitive: true
                  ignoreCase: true
            """, "bridge.yaml:7:7: kafka.topicMap[0].ignoreCase: ignoreCase is an alias of caseInsensitive; give only one"),
        Arguments.of("header without a value", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
              headers:
                x-source:
            """, "bridge.yaml:5:14: kafka.headers[\"x-source\"]: must have a value"),
        Arguments.of("unknown compression codec", """
            kafka:
              brokers: localhost:9092
              compressionCodec: brotli
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:21: kafka.compressionCodec: unknown codec \"brotli\" (expected none, gzip, snappy, lz4 or zstd)"),
        Arguments.of("unknown acks", """
            kafka:
              brokers: localhost:9092
              acks: 2
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:9: kafka.acks: unknown value \"2\""),
        Arguments.of("unknown routing", """
            kafka:
              brokers: localhost:9092
              routing: any
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:12: kafka.routing: unknown value \"any\" (expected first or all)"),
        Arguments.of("negative linger from the dynamic builder", """
            kafka:
              brokers: localhost:9092
              linger: -5ms
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:11: kafka.linger: must not be negative"),
        Arguments.of("negative cleanup timeout is echoed as written", """
            kafka:
              brokers: localhost:9092
              cleanupTimeout: -1s
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:19: kafka.cleanupTimeout: must not be negative (got -1s)"),
        Arguments.of("negative linger is echoed as written", """
            kafka:
              brokers: localhost:9092
              linger: -1500ms
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:11: kafka.linger: must not be negative (got -1500ms)"),
        Arguments.of("negative drain timeout is echoed as written", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              drainTimeout: -60000ms
            """, "bridge.yaml:5:17: server.drainTimeout: must not be negative (got -60000ms)"),
        Arguments.of("batch size out of range is echoed as written", """
            kafka:
              brokers: localhost:9092
              batchMaxBytes: 3GiB
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:18: kafka.batchMaxBytes: out of range: \"3GiB\" is 3221225472 bytes"
                + " (at most 2147483647)"),
        Arguments.of("missing kafka section", """
            server:
              port: 6100
            """, "bridge.yaml:1:1: kafka: required: the kafka: section"),
        Arguments.of("missing brokers", """
            kafka:
              clientId: bridge
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:2:3: kafka.brokers: required: host:port of at least one broker"),
        Arguments.of("missing topic map", """
            kafka:
              brokers: localhost:9092
            """, "bridge.yaml:2:3: kafka.topicMap: required: a list of routes"),
        Arguments.of("empty topic map", """
            kafka:
              brokers: localhost:9092
              topicMap: []
            """, "bridge.yaml:3:13: kafka.topicMap: must contain at least one route"),
        Arguments.of("bad broker port in a list", """
            kafka:
              brokers:
                - a:9092
                - b:99999
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:7: kafka.brokers[1]: \"b:99999\" has port \"99999\" (expected 1 to 65535)"),
        Arguments.of("bad broker in a comma-separated string", """
            kafka:
              brokers: a:9092, b
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:2:12: kafka.brokers[1]: \"b\" is not host:port"),
        Arguments.of("delivery timeout shorter than linger plus request timeout", """
            kafka:
              brokers: localhost:9092
              requestTimeout: 30s
              recordDeliveryTimeout: 20s
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:26: kafka.recordDeliveryTimeout: 20000ms is less than linger 5ms + requestTimeout 30000ms"),
        Arguments.of("TLS certificate without key", """
            kafka:
              brokers: localhost:9092
              tls:
                certFile: /etc/client.pem
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:5: kafka.tls.keyFile: required when certFile is set (/etc/client.pem)"),
        Arguments.of("TLS key password without a key", """
            kafka:
              brokers: localhost:9092
              tls:
                keyPassword: k3y-pass
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:18: kafka.tls.keyPassword: set, but there is no keyFile to decrypt"),
        Arguments.of("TLS as a boolean", """
            kafka:
              brokers: localhost:9092
              tls: true
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:8: kafka.tls: expected a mapping, found \"true\""),
        Arguments.of("unknown SASL mechanism", """
            kafka:
              brokers: localhost:9092
              sasl: {mechanism: GSSAPI, username: u, password: p}
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:3:21: kafka.sasl.mechanism: unknown value \"GSSAPI\" (expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)"),
        Arguments.of("SASL without a user name", """
            kafka:
              brokers: localhost:9092
              sasl:
                mechanism: SCRAM-SHA-512
                password: p
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:5: kafka.sasl.username: required for SASL SCRAM-SHA-512"),
        Arguments.of("kafka property given a list", """
            kafka:
              brokers: localhost:9092
              kafkaProperties:
                security.protocol: [SSL]
              topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:24: kafka.kafkaProperties[\"security.protocol\"]: expected a string, found a list"),
        Arguments.of("both dynamic forms", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
              initialDynamicConfig:
                topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:3: kafka.initialDynamicConfig: the dynamic settings are given twice:"
                + " here and inline (topicMap at line 3); use one form"),
        Arguments.of("static key inside initialDynamicConfig", """
            kafka:
              brokers: localhost:9092
              initialDynamicConfig:
                maxRetries: 3
                topicMap: [{pattern: "*", topic: events}]
            """, "bridge.yaml:4:5: kafka.initialDynamicConfig.maxRetries: unknown key"),
        Arguments.of("port out of range", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              port: 70000
            """, "bridge.yaml:5:9: server.port: 70000 is out of range (expected 0 to 65535)"),
        Arguments.of("Basic user name with a colon", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              auth:
                basic:
                  - {username: ok, password: a}
                  - {username: "x:y", password: b}
            """, "bridge.yaml:8:20: server.auth.basic[1].username: \"x:y\" must not contain ':'"),
        Arguments.of("Basic credential without a password", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              auth:
                basic: {username: talaria}
            """, "bridge.yaml:6:12: server.auth.basic.password: required: the password"),
        Arguments.of("HTTPS without a key file", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              tls:
                certFile: /etc/wrpkafka/server.pem
            """, "bridge.yaml:6:5: server.tls.keyFile: required (the server's private key, PEM)"),
        Arguments.of("HTTPS client auth that is not a known value", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              tls:
                certFile: /etc/wrpkafka/server.pem
                keyFile: /etc/wrpkafka/server-key.pem
                clientAuth: want
            """, "bridge.yaml:8:17: server.tls.clientAuth: unknown value \"want\" (expected none,"
                + " request or required)"),
        Arguments.of("HTTPS client certificates required without a CA file", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              tls:
                certFile: /etc/wrpkafka/server.pem
                keyFile: /etc/wrpkafka/server-key.pem
                clientAuth: required
            """, "bridge.yaml:6:5: server.tls.caFile: required when clientAuth is required"),
        Arguments.of("unknown key in the HTTPS section", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              tls:
                certFile: /etc/wrpkafka/server.pem
                keyFile: /etc/wrpkafka/server-key.pem
                caFiles: /etc/wrpkafka/ca.pem
            """, "bridge.yaml:8:5: server.tls.caFiles: unknown key; did you mean \"caFile\"?"),
        Arguments.of("empty kafka section", """
            kafka:
            server:
              port: 6100
            """, "bridge.yaml:1:7: kafka: must not be empty: the kafka: section"),
        Arguments.of("empty initialDynamicConfig", """
            kafka:
              brokers: localhost:9092
              initialDynamicConfig: ~
            """, "bridge.yaml:3:25: kafka.initialDynamicConfig: must not be empty: the dynamic settings"),
        Arguments.of("document that is a list", """
            - kafka
            """, "bridge.yaml:1:1: expected a mapping with a kafka: section, found a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleProblems")
  void reportsTheProblemAtItsLineWithPathAndMessage(String name, String yaml, String expected) {
    List<ConfigProblem> problems = problems(yaml);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).toString()).startsWith(expected);
  }

  @Test
  void everyProblemOfAFileIsReportedInLineOrder() {
    List<ConfigProblem> problems = WrpKafkaConfig.validate("""
        kafka:
          brokers: ${BROKERS}
          maxRetrys: 3
          requestTimeout: 30
          topicMap:
            - pattern: "*"
              topics: [a, b]
              shardBy: hash
            - pattern: x
          headers:
            h: []
          brokers: again
        server:
          port: http
        """, "bridge.yaml", Map.of());
    assertThat(problems).extracting(ConfigProblem::line)
        .containsExactly(2, 3, 4, 8, 9, 11, 12, 14);
    assertThat(problems).extracting(ConfigProblem::path).containsExactly("kafka.brokers",
        "kafka.maxRetrys", "kafka.requestTimeout", "kafka.topicMap[0].shardBy",
        "kafka.topicMap[1].topic", "kafka.headers[\"h\"]", "kafka.brokers", "server.port");
  }

  static Stream<Arguments> ruleChecksBesideOtherProblems() {
    return Stream.of(
        Arguments.of("port out of range beside a type error", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              port: 70000
              watchConfig: maybe
            """, List.of(
                "bridge.yaml:5:9: server.port: 70000 is out of range (expected 0 to 65535)",
                "bridge.yaml:6:16: server.watchConfig: expected true or false, found \"maybe\"")),
        Arguments.of("negative drain timeout beside a type error", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              port: http
              drainTimeout: -1s
            """, List.of(
                "bridge.yaml:5:9: server.port: expected an integer, found \"http\"",
                "bridge.yaml:6:17: server.drainTimeout: must not be negative (got -1s)")),
        Arguments.of("two rule failures of one section", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
            server:
              port: 70000
              drainTimeout: -1s
            """, List.of(
                "bridge.yaml:5:9: server.port: 70000 is out of range (expected 0 to 65535)",
                "bridge.yaml:6:17: server.drainTimeout: must not be negative (got -1s)")),
        Arguments.of("invalid topic name beside a type error in the route", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: "*"
                  topic: bad topic
                  caseInsensitive: maybe
            """, List.of(
                "bridge.yaml:5:14: kafka.topicMap[0].topic: \"bad topic\" is not a valid Kafka"
                    + " topic name",
                "bridge.yaml:6:24: kafka.topicMap[0].caseInsensitive: expected true or false,"
                    + " found \"maybe\"")),
        Arguments.of("blank client id beside a type error in the kafka section", """
            kafka:
              brokers: localhost:9092
              clientId: " "
              maxRetries: three
              topicMap: [{pattern: "*", topic: events}]
            """, List.of(
                "bridge.yaml:3:13: kafka.clientId: must not be blank",
                "bridge.yaml:4:15: kafka.maxRetries: expected an integer, found \"three\"")),
        Arguments.of("a bad retry backoff max gives no follow-on from the default", """
            kafka:
              brokers: localhost:9092
              retryBackoff: 10s
              retryBackoffMax: soon
              topicMap: [{pattern: "*", topic: events}]
            """, List.of(
                "bridge.yaml:4:20: kafka.retryBackoffMax: invalid duration \"soon\"")),
        Arguments.of("negative linger beside a bad header", """
            kafka:
              brokers: localhost:9092
              topicMap: [{pattern: "*", topic: events}]
              headers: [x-id]
              linger: -5ms
            """, List.of(
                "bridge.yaml:4:12: kafka.headers: expected a mapping",
                "bridge.yaml:5:11: kafka.linger: must not be negative")),
        Arguments.of("a field with a type error gives no follow-on rule failure", """
            kafka:
              brokers: localhost:9092
              topicMap:
                - pattern: "*"
                  topic: [a, b]
            """, List.of(
                "bridge.yaml:5:14: kafka.topicMap[0].topic: expected a string, found a list")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleChecksBesideOtherProblems")
  void ruleChecksAreReportedTogetherWithOtherProblemsInLineOrder(String name, String yaml,
      List<String> expected) {
    List<ConfigProblem> problems = problems(yaml);
    assertThat(problems).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(problems.get(i).toString()).startsWith(expected.get(i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      block route          | '    - pattern: *\n      topic: events'   | bridge.yaml:4:17: | pattern: "*"
      flow route           | '    - {pattern: *, topic: events}'      | bridge.yaml:4:18: | pattern: "*"
      star with a suffix   | '    - pattern: *-online\n      topic: e' | bridge.yaml:4:16: | pattern: "*-online"
      """)
  void unquotedStarPatternIsReportedWithAHintToQuoteIt(String name, String route, String at,
      String quoted) {
    String yaml = "kafka:\n  brokers: localhost:9092\n  topicMap:\n"
        + route.replace("\\n", "\n") + "\n";
    assertThat(problems(yaml)).singleElement().asString()
        .startsWith(at + " invalid YAML: ")
        .endsWith("(a value starting with * must be quoted, e.g. " + quoted + ")")
        .doesNotContain("\n");
  }

  @Test
  void loadThrowsEveryProblemOnePerLine() {
    assertThatThrownBy(() -> WrpKafkaConfig.parse("""
        kafka:
          brokers: localhost:9092
          maxRetries: x
          linger: y
          topicMap: [{pattern: "*", topic: events}]
        """, "bridge.yaml", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bridge.yaml:3:15: kafka.maxRetries: expected an integer, found \"x\"\n"
            + "bridge.yaml:4:11: kafka.linger: invalid duration \"y\""
            + " (expected numbers with units, e.g. 30s, 10ms, 1m30s, 2.5s)");
  }

  @Test
  void unreadableFileIsOneProblemWithoutALine() {
    List<ConfigProblem> problems =
        WrpKafkaConfig.validate(java.nio.file.Path.of("no-such-dir", "bridge.yaml"), Map.of());
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isZero();
      assertThat(p.toString()).startsWith("no-such-dir/bridge.yaml: cannot read the file:");
    });
  }

  @Test
  void directoryGivenAsTheFileSaysItIsADirectory(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    assertThat(WrpKafkaConfig.validate(dir, Map.of())).singleElement().asString()
        .isEqualTo(dir + ": cannot read the file: it is a directory (expected a YAML file)");
  }

  @Test
  void missingFileSaysNoSuchFile() {
    assertThat(WrpKafkaConfig.validate(java.nio.file.Path.of("absent.yaml"), Map.of()))
        .singleElement().asString()
        .isEqualTo("absent.yaml: cannot read the file: no such file");
  }

  @Test
  void emptyFileSaysWhatIsExpected() {
    assertThat(problems("# nothing\n")).singleElement().asString()
        .isEqualTo("bridge.yaml: the file is empty (expected a kafka: section)");
  }
}
