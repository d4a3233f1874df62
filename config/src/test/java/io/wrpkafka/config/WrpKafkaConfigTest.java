package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.Acks;
import io.wrpkafka.Compression;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.Routing;
import io.wrpkafka.SaslConfig;
import io.wrpkafka.TlsConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.ValueEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrpKafkaConfigTest {

  private static WrpKafkaConfig parse(String yaml) {
    return WrpKafkaConfig.parse(yaml, "bridge.yaml", Map.of());
  }

  private static final String FLAT = """
      kafka:
        brokers: [a:9092, "b:9093"]
        clientId: bridge-1
        tls:
          insecureSkipVerify: true
          certFile: /etc/kafka/client.pem
          keyFile: /etc/kafka/client-key.pem
          keyPassword: k3y-pass
          caFile: /etc/kafka/ca.pem
        sasl:
          mechanism: scram-sha-256
          username: bridge
          password: s3cret
        maxBufferedRecords: 500
        maxBufferedBytes: 1MiB
        maxRetries: 7
        retryBackoff: 250ms
        retryBackoffMax: 10s
        requestTimeout: 15s
        recordDeliveryTimeout: 1m30s
        cleanupTimeout: PT2S
        allowAutoTopicCreation: true
        denyNilPartitionKey: true
        valueFormat: json
        verifyOnStart: false
        startTimeout: 1m5s
        kafkaProperties:
          max.in.flight.requests.per.connection: 5
        topicMap:
          - pattern: Device-*
            ignoreCase: true
            topics: [d0, d1]
            shardBy: metadata:region
            partitionKey: source
          - pattern: "*"
            topic: events
        headers:
          src: wrp.Source
          many: [a, wrp.DeviceID]
        compressionCodec: ZSTD
        linger: 20ms
        batchMaxBytes: 64KiB
        acks: leader
        routing: all
      """;

  private static final String TALARIA = """
      kafka:
        enabled: true
        brokers: a:9092,b:9093
        clientId: bridge-1
        tls:
          insecureSkipVerify: true
          certFile: /etc/kafka/client.pem
          keyFile: /etc/kafka/client-key.pem
          keyPassword: k3y-pass
          caFile: /etc/kafka/ca.pem
        sasl: {mechanism: SCRAM-SHA-256, username: bridge, password: s3cret}
        maxBufferedRecords: 500
        maxBufferedBytes: 1048576
        maxRetries: 7
        retryBackoff: PT0.25S
        retryBackoffMax: PT10S
        requestTimeout: PT15S
        recordDeliveryTimeout: 90s
        cleanupTimeout: 2s
        allowAutoTopicCreation: true
        denyNilPartitionKey: true
        valueFormat: JSON
        verifyOnStart: false
        startTimeout: PT65S
        kafkaProperties: {max.in.flight.requests.per.connection: "5"}
        initialDynamicConfig:
          topicMap:
            - {pattern: Device-*, caseInsensitive: true, topics: [d0, d1],
               shardBy: "metadata:region", partitionKey: source}
            - {pattern: "*", topic: events}
          headers: {src: [wrp.Source], many: [a, wrp.DeviceID]}
          compressionCodec: zstd
          linger: 0.02s
          batchMaxBytes: 65536
          acks: 1
          routing: ALL
      """;

  @Test
  void flatFormSetsEverySetting() {
    WrpKafkaConfig config = parse(FLAT);
    PublisherConfig p = config.publisher().orElseThrow();
    assertThat(p.brokers()).containsExactly("a:9092", "b:9093");
    assertThat(p.clientId()).isEqualTo("bridge-1");
    assertThat(p.tls()).contains(TlsConfig.builder().insecureSkipVerify(true)
        .certFile(Path.of("/etc/kafka/client.pem")).keyFile(Path.of("/etc/kafka/client-key.pem"))
        .keyPassword("k3y-pass").caFile(Path.of("/etc/kafka/ca.pem")).build());
    assertThat(p.sasl()).contains(SaslConfig.builder()
        .mechanism(SaslConfig.Mechanism.SCRAM_SHA_256).username("bridge").password("s3cret")
        .build());
    assertThat(p.maxBufferedRecords()).isEqualTo(500);
    assertThat(p.maxBufferedBytes()).isEqualTo(1 << 20);
    assertThat(p.maxRetries()).isEqualTo(7);
    assertThat(p.retryBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(p.retryBackoffMax()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.recordDeliveryTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(p.cleanupTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.allowAutoTopicCreation()).isTrue();
    assertThat(p.denyNilPartitionKey()).isTrue();
    assertThat(p.valueEncoder()).isSameAs(ValueEncoder.json());
    assertThat(p.verifyOnStart()).isFalse();
    assertThat(p.startTimeout()).isEqualTo(Duration.ofSeconds(65));
    assertThat(p.kafkaProperties())
        .containsExactly(Map.entry("max.in.flight.requests.per.connection", "5"));
    assertThat(p.initialDynamicConfig()).isEqualTo(config.dynamicConfig());

    DynamicConfig d = config.dynamicConfig();
    assertThat(d.topicMap()).containsExactly(
        TopicRoute.builder().pattern("Device-*").caseInsensitive(true)
            .topics(List.of("d0", "d1")).shardBy("metadata:region").partitionKey("source")
            .build(),
        TopicRoute.builder().pattern("*").topic("events").build());
    assertThat(d.headers()).containsExactly(Map.entry("src", List.of("wrp.Source")),
        Map.entry("many", List.of("a", "wrp.DeviceID")));
    assertThat(d.compression()).isEqualTo(Compression.ZSTD);
    assertThat(d.linger()).isEqualTo(Duration.ofMillis(20));
    assertThat(d.batchMaxBytes()).isEqualTo(65_536);
    assertThat(d.acks()).isEqualTo(Acks.LEADER);
    assertThat(d.routing()).isEqualTo(Routing.ALL);
  }

  @Test
  void talariaFormMeansTheSameAsTheFlatForm() {
    WrpKafkaConfig talaria = parse(TALARIA);
    WrpKafkaConfig flat = parse(FLAT);
    assertThat(talaria.publisher()).isEqualTo(flat.publisher());
    assertThat(talaria.dynamicConfig()).isEqualTo(flat.dynamicConfig());
  }

  @Test
  void minimalFileGetsTheLibraryAndServerDefaults() {
    WrpKafkaConfig config = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
        """);
    assertThat(config.kafkaEnabled()).isTrue();
    assertThat(config.publisher()).contains(PublisherConfig.builder().brokers("localhost:9092")
        .initialDynamicConfig(config.dynamicConfig()).build());
    assertThat(config.dynamicConfig()).isEqualTo(DynamicConfig.builder()
        .topicMap(List.of(TopicRoute.builder().pattern("*").topic("events").build())).build());
    assertThat(config.server()).isEqualTo(ServerConfig.defaults());
    assertThat(config.warnings()).isEmpty();
    assertThat(config.source()).isEqualTo("bridge.yaml");
  }

  @Test
  void retryBackoffDefaultsTo100msDoublingUpTo5s() {
    PublisherConfig p = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
        """).publisher().orElseThrow();
    assertThat(p.retryBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(p.retryBackoffMax()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void startIsVerifiedWithin30sByDefault() {
    PublisherConfig p = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
        """).publisher().orElseThrow();
    assertThat(p.verifyOnStart()).isTrue();
    assertThat(p.startTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void disabledKafkaNeedsNoBrokersAndHasNoPublisher() {
    WrpKafkaConfig config = parse("""
        kafka:
          enabled: false
          topicMap: [{pattern: "*", topic: events}]
        """);
    assertThat(config.kafkaEnabled()).isFalse();
    assertThat(config.publisher()).isEmpty();
    assertThat(config.dynamicConfig().topicMap()).hasSize(1);
  }

  @Test
  void disabledKafkaStillChecksTheStaticSettings() {
    assertThat(WrpKafkaConfig.validate("""
        kafka:
          enabled: false
          maxBufferedBytes: 0
          topicMap: [{pattern: "*", topic: events}]
        """, "bridge.yaml", Map.of())).singleElement().asString()
        .isEqualTo("bridge.yaml:3:21: kafka.maxBufferedBytes: must be positive (got 0)");
  }

  @Test
  void tlsCanBeSwitchedOffWhileKeepingItsSettings() {
    WrpKafkaConfig config = parse("""
        kafka:
          brokers: localhost:9092
          tls: {enabled: false, caFile: /ca.pem}
          topicMap: [{pattern: "*", topic: events}]
        """);
    TlsConfig tls = config.publisher().orElseThrow().tls().orElseThrow();
    assertThat(tls.enabled()).isFalse();
    assertThat(tls.caFile()).contains(Path.of("/ca.pem"));
  }

  @Test
  void emptyOptionalValuesReadAsUnset() {
    WrpKafkaConfig config = WrpKafkaConfig.parse("""
        kafka:
          brokers: localhost:9092
          clientId: ~
          tls:
            caFile: ${CA_FILE:-}
          topicMap: [{pattern: "*", topic: events}]
          headers:
        server:
          adminToken: ${ADMIN_TOKEN:-}
        """, "bridge.yaml", Map.of());
    PublisherConfig p = config.publisher().orElseThrow();
    assertThat(p.clientId()).isEqualTo(PublisherConfig.DEFAULT_CLIENT_ID);
    assertThat(p.tls().orElseThrow().caFile()).isEmpty();
    assertThat(config.server().adminToken()).isEmpty();
  }

  @Test
  void emptySectionsMeanNotSet() {
    WrpKafkaConfig config = parse("""
        kafka:
          brokers: localhost:9092
          tls:
          sasl: ~
          topicMap: [{pattern: "*", topic: events}]
        server:
        """);
    assertThat(config.publisher().orElseThrow().tls()).isEmpty();
    assertThat(config.publisher().orElseThrow().sasl()).isEmpty();
    assertThat(config.server()).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void substitutionHappensBeforeTyping() {
    WrpKafkaConfig config = WrpKafkaConfig.parse("""
        kafka:
          brokers: ${BROKERS}
          maxRetries: ${RETRIES:-3}
          linger: ${LINGER}
          allowAutoTopicCreation: ${AUTO_CREATE:-false}
          topicMap: [{pattern: "*", topic: "${TOPIC_PREFIX}-events"}]
        """, "bridge.yaml", Map.of("BROKERS", "k1:9092,k2:9092", "LINGER", "50ms",
        "AUTO_CREATE", "true", "TOPIC_PREFIX", "prod"));
    PublisherConfig p = config.publisher().orElseThrow();
    assertThat(p.brokers()).containsExactly("k1:9092", "k2:9092");
    assertThat(p.maxRetries()).isEqualTo(3);
    assertThat(p.allowAutoTopicCreation()).isTrue();
    assertThat(config.dynamicConfig().linger()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.dynamicConfig().topicMap().get(0).topic()).isEqualTo("prod-events");
  }

  @Test
  void escapedSubstitutionStaysLiteral() {
    WrpKafkaConfig config = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
          headers: {template: "$${NOT_A_VARIABLE}"}
        """);
    assertThat(config.dynamicConfig().headers().get("template"))
        .containsExactly("${NOT_A_VARIABLE}");
  }

  @Test
  void keysAreNotSubstituted() {
    assertThat(WrpKafkaConfig.validate("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
          headers: {"${H}": x}
        """, "bridge.yaml", Map.of("H", "h"))).isEmpty();
  }

  @Test
  void unreachableRoutesAreWarningsAtTheirLine() {
    WrpKafkaConfig config = parse("""
        kafka:
          brokers: localhost:9092
          topicMap:
            - pattern: "*"
              topic: events
            - pattern: online
              topic: lifecycle
        """);
    assertThat(config.warnings()).singleElement().asString().startsWith(
        "bridge.yaml:6:7: kafka.topicMap[1]: never matches with routing first; topicMap[0]");
  }

  @Test
  void serverSectionSetsEverySetting() {
    WrpKafkaConfig config = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
        server:
          address: 127.0.0.1
          port: 0
          maxBodyBytes: 256KiB
          auth:
            basic:
              - {username: talaria, password: p1}
              - {username: other, password: p2}
            bearerTokens: [t1, t2]
          adminToken: admin
          watchConfig: true
          drainTimeout: 3s
        """);
    assertThat(config.server()).isEqualTo(ServerConfig.builder().address("127.0.0.1").port(0)
        .maxBodyBytes(256 * 1024)
        .basic(List.of(new BasicCredential("talaria", "p1"), new BasicCredential("other", "p2")))
        .bearerTokens(List.of("t1", "t2")).adminToken("admin").watchConfig(true)
        .drainTimeout(Duration.ofSeconds(3)).build());
    assertThat(config.server().ingestAuthRequired()).isTrue();
  }

  @Test
  void serverTlsSectionSetsHttpsAndClientCertificates() {
    ServerConfig server = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
        server:
          tls:
            certFile: /etc/wrpkafka/server.pem
            keyFile: /etc/wrpkafka/server-key.pem
            caFile: /etc/wrpkafka/clients-ca.pem
            clientAuth: Required
        """).server();
    assertThat(server.tls()).hasValue(ServerTls.builder()
        .certFile(Path.of("/etc/wrpkafka/server.pem"))
        .keyFile(Path.of("/etc/wrpkafka/server-key.pem"))
        .caFile(Path.of("/etc/wrpkafka/clients-ca.pem"))
        .clientAuth(ServerTls.ClientAuth.REQUIRED).build());
  }

  @Test
  void emptyServerTlsSectionMeansPlainHttp() {
    ServerConfig server = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
        server:
          tls: {}
        """).server();
    assertThat(server.tls()).isEmpty();
  }

  @Test
  void singleBasicCredentialAndSingleBearerTokenNeedNoList() {
    ServerConfig server = parse("""
        kafka:
          brokers: localhost:9092
          topicMap: [{pattern: "*", topic: events}]
        server:
          auth:
            basic: {username: talaria, password: p1}
            bearerTokens: t1
        """).server();
    assertThat(server.basic()).containsExactly(new BasicCredential("talaria", "p1"));
    assertThat(server.bearerTokens()).containsExactly("t1");
  }

  @Test
  void jsonIsAcceptedAsYaml() {
    WrpKafkaConfig config = parse("""
        {"kafka": {"brokers": ["localhost:9092"], "maxRetries": 2,
                   "topicMap": [{"pattern": "*", "topic": "events"}]}}
        """);
    assertThat(config.publisher().orElseThrow().maxRetries()).isEqualTo(2);
  }

  @Test
  void aliasesAndAnchorsAreFollowed() {
    WrpKafkaConfig config = parse("""
        kafka:
          brokers: localhost:9092
          topicMap:
            - pattern: qos-*
              topics: &qos [q0, q1, q2]
              shardBy: deviceid
            - pattern: "*"
              topics: *qos
              shardBy: roundrobin
        """);
    assertThat(config.dynamicConfig().topicMap().get(1).topics()).containsExactly("q0", "q1", "q2");
  }

  @Test
  void fileWithAByteOrderMarkLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.yaml");
    Files.writeString(file, "\uFEFFkafka:\n  brokers: a:1\n  topicMap: [{pattern: x, topic: t}]\n");
    assertThat(WrpKafkaConfig.load(file, Map.of()).publisher().orElseThrow().brokers())
        .containsExactly("a:1");
  }

  @Test
  void fileThatIsNotUtf8IsOneProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "kafka: {clientId: caf\u00e9}".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(WrpKafkaConfig.validate(file, Map.of())).singleElement().asString()
        .isEqualTo(file + ": cannot read the file: not UTF-8 text");
  }
}
