package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.PublisherConfig;
import io.wrpkafka.SaslConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentOverridesTest {
  private static final String FILE = """
      kafka:
        brokers: [file:9092]
        clientId: from-file
        topicMap: [{pattern: "*", topic: events}]
      server:
        port: 7000
      """;

  private static WrpKafkaConfig load(Map<String, String> environment) {
    return WrpKafkaConfig.parse(FILE, "bridge.yaml", environment);
  }

  @ParameterizedTest(name = "KAFKA_BROKERS=\"{0}\" gives {1}")
  @CsvSource(delimiter = ';', value = {
      "k1:9092;                    k1:9092",
      "k1:9092,k2:9092;            k1:9092|k2:9092",
      "' k1:9092 , k2:9092 ,';     k1:9092|k2:9092",
  })
  void kafkaBrokersReplacesTheFileBrokers(String variable, String expected) {
    PublisherConfig p = load(Map.of("KAFKA_BROKERS", variable)).publisher().orElseThrow();
    assertThat(p.brokers()).isEqualTo(List.of(expected.split("\\|")));
  }

  @Test
  void unsetOrEmptyVariablesLeaveTheFileAlone() {
    WrpKafkaConfig config = load(Map.of("KAFKA_BROKERS", "", "KAFKA_CLIENT_ID", ""));
    assertThat(config.publisher().orElseThrow().brokers()).containsExactly("file:9092");
    assertThat(config.publisher().orElseThrow().clientId()).isEqualTo("from-file");
  }

  @Test
  void everyDocumentedVariableOverridesItsKey() {
    WrpKafkaConfig config = load(Map.ofEntries(
        Map.entry("KAFKA_BROKERS", "env:9092"),
        Map.entry("KAFKA_CLIENT_ID", "from-env"),
        Map.entry("KAFKA_TLS_ENABLED", "true"),
        Map.entry("KAFKA_TLS_INSECURE_SKIP_VERIFY", "true"),
        Map.entry("KAFKA_TLS_CA_FILE", "/ca.pem"),
        Map.entry("KAFKA_TLS_CERT_FILE", "/cert.pem"),
        Map.entry("KAFKA_TLS_KEY_FILE", "/key.pem"),
        Map.entry("KAFKA_TLS_KEY_PASSWORD", "key-pw"),
        Map.entry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
        Map.entry("KAFKA_SASL_USERNAME", "user"),
        Map.entry("KAFKA_SASL_PASSWORD", "pw"),
        Map.entry("WRPKAFKA_ADDRESS", "127.0.0.1"),
        Map.entry("WRPKAFKA_PORT", "8000"),
        Map.entry("WRPKAFKA_ADMIN_TOKEN", "admin")));
    PublisherConfig p = config.publisher().orElseThrow();
    assertThat(p.brokers()).containsExactly("env:9092");
    assertThat(p.clientId()).isEqualTo("from-env");
    assertThat(p.tls().orElseThrow().enabled()).isTrue();
    assertThat(p.tls().orElseThrow().insecureSkipVerify()).isTrue();
    assertThat(p.tls().orElseThrow().caFile()).contains(Path.of("/ca.pem"));
    assertThat(p.tls().orElseThrow().certFile()).contains(Path.of("/cert.pem"));
    assertThat(p.tls().orElseThrow().keyFile()).contains(Path.of("/key.pem"));
    assertThat(p.tls().orElseThrow().keyPassword()).contains("key-pw");
    assertThat(p.sasl()).contains(SaslConfig.builder()
        .mechanism(SaslConfig.Mechanism.SCRAM_SHA_512).username("user").password("pw").build());
    assertThat(config.server().address()).isEqualTo("127.0.0.1");
    assertThat(config.server().port()).isEqualTo(8000);
    assertThat(config.server().adminToken()).contains("admin");
    assertThat(EnvironmentOverrides.ALL).hasSize(16);
  }

  @Test
  void kafkaEnabledFalseSwitchesPublishingOff() {
    WrpKafkaConfig config = load(Map.of("KAFKA_ENABLED", "false"));
    assertThat(config.kafkaEnabled()).isFalse();
    assertThat(config.publisher()).isEmpty();
  }

  @Test
  void overrideCreatesTheSectionItNeeds() {
    WrpKafkaConfig config = WrpKafkaConfig.parse("""
        kafka:
          topicMap: [{pattern: "*", topic: events}]
        """, "bridge.yaml", Map.of("KAFKA_BROKERS", "env:9092", "WRPKAFKA_PORT", "9000"));
    assertThat(config.publisher().orElseThrow().brokers()).containsExactly("env:9092");
    assertThat(config.server().port()).isEqualTo(9000);
  }

  @ParameterizedTest(name = "{0}={1}: {2}")
  @CsvSource(delimiter = ';', value = {
      "WRPKAFKA_PORT;    http;     '$WRPKAFKA_PORT: server.port: expected an integer, found \"http\"'",
      "KAFKA_BROKERS;    k1;       '$KAFKA_BROKERS: kafka.brokers[0]: \"k1\" is not host:port'",
      "KAFKA_ENABLED;    maybe;    '$KAFKA_ENABLED: kafka.enabled: expected true or false, found \"maybe\"'",
      "KAFKA_SASL_MECHANISM; GSSAPI; '$KAFKA_SASL_MECHANISM: kafka.sasl.mechanism: unknown value \"GSSAPI\"'",
  })
  void badOverrideIsReportedAgainstTheVariable(String variable, String value, String expected) {
    Map<String, String> environment = new java.util.HashMap<>(Map.of(variable, value));
    if (variable.startsWith("KAFKA_SASL")) {
      environment.put("KAFKA_SASL_USERNAME", "u");
      environment.put("KAFKA_SASL_PASSWORD", "p");
    }
    assertThat(WrpKafkaConfig.validate(FILE, "bridge.yaml", environment))
        .singleElement().asString().startsWith(expected);
  }

  private static final String SECURED = """
      kafka:
        brokers: [file:9093]
        tls: {enabled: true, caFile: /etc/kafka/ca.pem}
        sasl: {mechanism: SCRAM-SHA-512, username: bridge, password: secret}
        topicMap: [{pattern: "*", topic: events}]
      """;

  @ParameterizedTest(name = "KAFKA_SASL_ENABLED={0}, KAFKA_TLS_ENABLED={1}: SASL {2}, TLS {3}")
  @CsvSource(delimiter = ';', value = {
      "'';    '';    true;  true",
      "false; '';    false; true",
      "'';    false; true;  false",
      "false; false; false; false",
      "true;  true;  true;  true",
      "FALSE; False; false; false",
  })
  void enabledVariablesSwitchSecuredSectionsOff(
      String sasl, String tls, boolean expectSasl, boolean expectTls) {
    PublisherConfig p = WrpKafkaConfig.parse(SECURED, "bridge.yaml",
        Map.of("KAFKA_SASL_ENABLED", sasl, "KAFKA_TLS_ENABLED", tls)).publisher().orElseThrow();
    assertThat(p.sasl().isPresent()).isEqualTo(expectSasl);
    assertThat(p.tls().orElseThrow().enabled()).isEqualTo(expectTls);
    assertThat(p.clientProperties().containsKey("sasl.jaas.config")).isEqualTo(expectSasl);
    assertThat(p.clientProperties().get("security.protocol"))
        .isEqualTo(expectSasl ? (expectTls ? "SASL_SSL" : "SASL_PLAINTEXT")
            : (expectTls ? "SSL" : null));
  }

  @Test
  void saslDisabledDoesNotCheckTheRestOfTheSection() {
    WrpKafkaConfig config = WrpKafkaConfig.parse("""
        kafka:
          brokers: [file:9092]
          sasl: {mechanism: SCRAM-SHA-512}
          topicMap: [{pattern: "*", topic: events}]
        """, "bridge.yaml", Map.of("KAFKA_SASL_ENABLED", "false"));
    assertThat(config.publisher().orElseThrow().sasl()).isEmpty();
  }

  @Test
  void badSaslEnabledIsReportedAgainstTheVariable() {
    assertThat(WrpKafkaConfig.validate(SECURED, "bridge.yaml", Map.of("KAFKA_SASL_ENABLED", "no")))
        .singleElement().asString()
        .startsWith("$KAFKA_SASL_ENABLED: kafka.sasl.enabled: expected true or false, found \"no\"");
  }
}
