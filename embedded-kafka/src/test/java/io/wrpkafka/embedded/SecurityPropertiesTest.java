package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityPropertiesTest {

  @TempDir static Path directory;
  static Certificates certificates;

  @BeforeAll
  static void generate() {
    certificates = Certificates.generate(directory);
  }

  @Test
  void plainClusterGetsNoSecurityProperties() {
    assertThat(SecurityProperties.of(EmbeddedKafkaConfig.builder().build())).isEmpty();
  }

  @Test
  void saslListenerEnablesTheMechanismsOfItsUsers() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .listener("SASL_SSL", "SASL_SSL").tls(certificates)
        .plainUser("alice", "a\"b")
        .scramUser("SCRAM-SHA-512", "carol", "c")
        .scramUser("SCRAM-SHA-256", "bob", "b")
        .build();

    assertThat(SecurityProperties.of(config))
        .containsEntry("listener.name.sasl_ssl.sasl.enabled.mechanisms",
            "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512")
        .containsEntry("listener.name.sasl_ssl.plain.sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " user_alice=\"a\\\"b\";")
        .containsEntry("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;")
        .containsEntry("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
  }

  @ParameterizedTest(name = "{0} listener: client auth {1}")
  @CsvSource({"SSL, required", "SASL_SSL, "})
  void tlsListenerServesTheServerCertificateAndTrustsTheCa(String protocol, String clientAuth)
      throws Exception {
    EmbeddedKafkaConfig.Builder builder =
        EmbeddedKafkaConfig.builder().listener("SECURE", protocol).tls(certificates);
    if (protocol.startsWith("SASL")) {
      builder.plainUser("alice", "a");
    }

    Map<String, String> p = SecurityProperties.of(builder.build());

    assertThat(p)
        .containsEntry("listener.name.secure.ssl.keystore.type", "PEM")
        .containsEntry("listener.name.secure.ssl.keystore.certificate.chain",
            Files.readString(certificates.serverCertFile()))
        .containsEntry("listener.name.secure.ssl.keystore.key",
            Files.readString(certificates.serverKeyFile()))
        .containsEntry("listener.name.secure.ssl.truststore.type", "PEM")
        .containsEntry("listener.name.secure.ssl.truststore.location",
            certificates.caFile().toAbsolutePath().toString());
    assertThat(p.get("listener.name.secure.ssl.client.auth")).isEqualTo(clientAuth);
  }

  @Test
  void aclsTurnOnTheStandardAuthorizerWithTheInternalPrincipalAsSuperUser() {
    AclBinding acl = new AclBinding(
        new ResourcePattern(ResourceType.TOPIC, "allowed-", PatternType.PREFIXED),
        new AccessControlEntry("User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW));

    Map<String, String> p = SecurityProperties.of(
        EmbeddedKafkaConfig.builder().acl(acl).superUser("User:root").build());

    assertThat(p)
        .containsEntry("authorizer.class.name",
            "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
        .containsEntry("super.users", "User:ANONYMOUS;User:root");
  }

  @Test
  void scramUsersBecomeStorageFormatArguments() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .listener("SASL", "SASL_PLAINTEXT")
        .scramUser("SCRAM-SHA-256", "bob", "b=1")
        .build();

    assertThat(SecurityProperties.scramFormatArguments(config))
        .isEqualTo(List.of("SCRAM-SHA-256=[name=bob,password=b=1]"));
  }

  @Test
  void brokerPropertiesOverrideTheDerivedOnes() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
        .listener("MTLS", "SSL").tls(certificates)
        .brokerProperty("listener.name.mtls.ssl.client.auth", "none")
        .build();

    assertThat(NodeProperties.of(config, 0,
        List.of(new NodePorts(Map.of("PLAINTEXT", 9000, "MTLS", 9001), 9009)),
        directory.resolve("data")))
        .containsEntry("listener.name.mtls.ssl.client.auth", "none");
  }
}
