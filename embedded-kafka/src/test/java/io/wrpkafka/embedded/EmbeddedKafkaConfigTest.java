package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedKafkaConfigTest {

  @Test
  void defaultsAreOneNodeWithAutoCreatedTopicsAndQuietBrokers() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder().build();

    assertThat(config.nodes()).isEqualTo(1);
    assertThat(config.controllers()).isEqualTo(1);
    assertThat(config.autoCreateTopics()).isTrue();
    assertThat(config.brokerLogLevel()).isEqualTo("WARN");
    assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.parentDirectory()).isEmpty();
    assertThat(config.classpath()).isEmpty();
  }

  @ParameterizedTest(name = "{0} nodes have {1} controllers")
  @CsvSource({"1, 1", "2, 2", "3, 3", "5, 3"})
  void atMostThreeNodesAreControllers(int nodes, int controllers) {
    assertThat(EmbeddedKafkaConfig.builder().nodes(nodes).build().controllers())
        .isEqualTo(controllers);
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        Arguments.of("no nodes", (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.nodes(0),
            "nodes: 0 is out of range"),
        Arguments.of("too many nodes",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.nodes(17),
            "nodes: 17 is out of range"),
        Arguments.of("reserved property",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.brokerProperty("listeners", "x"),
            "brokerProperties[\"listeners\"]"),
        Arguments.of("lower-case listener name",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.listener("sasl", "SASL_PLAINTEXT"),
            "listeners[\"sasl\"]: bad listener name"),
        Arguments.of("built-in listener name",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.listener("CONTROLLER", "SSL"),
            "listeners[\"CONTROLLER\"]: name is taken"),
        Arguments.of("unknown security protocol",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.listener("SECURE", "TLS"),
            "listeners[\"SECURE\"]: unknown security protocol \"TLS\""),
        Arguments.of("zero startup timeout",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.startupTimeout(Duration.ZERO),
            "startupTimeout: PT0S must be positive"),
        Arguments.of("unknown log level",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.brokerLogLevel("LOUD"),
            "brokerLogLevel: unknown level \"LOUD\""),
        Arguments.of("privileged fixed port",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.plaintextPort(80),
            "plaintextPort: 80 is out of range"),
        Arguments.of("fixed ports past 65535",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.nodes(3).plaintextPort(65534),
            "plaintextPort: 65534 is out of range (expected 0 for automatic, or 1024 to 65533"),
        Arguments.of("blank classpath",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.classpath(" "),
            "classpath: must not be blank"),
        Arguments.of("user without a SASL listener",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.plainUser("alice", "pw"),
            "plainUsers[\"alice\"]: no SASL_PLAINTEXT or SASL_SSL listener"),
        Arguments.of("user name with a space",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b ->
                b.listener("SASL", "SASL_PLAINTEXT").plainUser("al ice", "pw"),
            "plainUsers[\"al ice\"]: bad user name"),
        Arguments.of("empty password",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b ->
                b.listener("SASL", "SASL_PLAINTEXT").scramUser("SCRAM-SHA-256", "bob", ""),
            "scramUsers[\"bob\"]: the password must not be empty"),
        Arguments.of("unknown SCRAM mechanism",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b ->
                b.listener("SASL", "SASL_PLAINTEXT").scramUser("SCRAM-SHA-1", "bob", "pw"),
            "scramUsers[\"bob\"]: unknown mechanism \"SCRAM-SHA-1\""),
        Arguments.of("SCRAM password with a comma",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b ->
                b.listener("SASL", "SASL_PLAINTEXT").scramUser("SCRAM-SHA-512", "bob", "a,b"),
            "scramUsers[\"bob\"]: the password must not contain ','"),
        Arguments.of("super user that is no principal",
            (UnaryOperator<EmbeddedKafkaConfig.Builder>) b -> b.superUser("admin"),
            "superUsers: \"admin\" is not a principal"));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @MethodSource("invalidSettings")
  void invalidSettingsAreRejectedNamingTheField(
      String name, UnaryOperator<EmbeddedKafkaConfig.Builder> setting, String message) {
    EmbeddedKafkaConfig.Builder builder = setting.apply(EmbeddedKafkaConfig.builder());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void logLevelIsCaseInsensitive() {
    assertThat(EmbeddedKafkaConfig.builder().brokerLogLevel("info").build().brokerLogLevel())
        .isEqualTo("INFO");
  }

  @Test
  void toStringMasksCredentials() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .brokerProperty("listener.name.sasl.plain.sasl.jaas.config", "user_admin=\"s3cret\";")
        .brokerProperty("ssl.keystore.password", "hunter2")
        .brokerProperty("num.io.threads", "2")
        .build();

    assertThat(config.toString())
        .doesNotContain("s3cret", "hunter2")
        .contains("ssl.keystore.password=***", "num.io.threads=2");
  }

  @Test
  void tlsWithoutATlsListenerIsRejected(@TempDir Path directory) {
    EmbeddedKafkaConfig.Builder builder = EmbeddedKafkaConfig.builder()
        .listener("SASL", "SASL_PLAINTEXT").tls(Certificates.generate(directory));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tls: no SSL or SASL_SSL listener");
  }

  @Test
  void toStringHidesUserPasswords() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .listener("SASL", "SASL_PLAINTEXT")
        .plainUser("alice", "alice-secret")
        .scramUser("SCRAM-SHA-512", "bob", "bob-secret")
        .build();

    assertThat(config.toString())
        .doesNotContain("alice-secret", "bob-secret")
        .contains("alice", "SCRAM-SHA-512:bob:***");
  }

  @Test
  void anAclOrASuperUserTurnsAuthorizationOn() {
    AclBinding acl = new AclBinding(
        new ResourcePattern(ResourceType.TOPIC, "t", PatternType.LITERAL),
        new AccessControlEntry("User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW));

    assertThat(EmbeddedKafkaConfig.builder().build().authorization()).isFalse();
    assertThat(EmbeddedKafkaConfig.builder().acl(acl).build().authorization()).isTrue();
    assertThat(EmbeddedKafkaConfig.builder().superUser("User:root").build().authorization())
        .isTrue();
  }

  @Test
  void toBuilderKeepsEverySetting() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .nodes(3).plaintextPort(19092).autoCreateTopics(false).brokerProperty("num.io.threads", "2")
        .listener("SASL", "SASL_PLAINTEXT").startupTimeout(Duration.ofSeconds(9))
        .brokerLogLevel("ERROR").classpath("a.jar")
        .plainUser("alice", "a").scramUser("SCRAM-SHA-256", "bob", "b").superUser("User:root")
        .acl(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "t", PatternType.PREFIXED),
            new AccessControlEntry("User:bob", "*", AclOperation.READ, AclPermissionType.DENY)))
        .build();

    assertThat(config.toBuilder().build().toString()).isEqualTo(config.toString());
    assertThat(config.toBuilder().build().classpath()).contains("a.jar");
  }
}
