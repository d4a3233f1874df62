package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.SaslConfig.Mechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaslConfigTest {

  private static SaslConfig.Builder valid() {
    return SaslConfig.builder().mechanism(Mechanism.SCRAM_SHA_512).username("alice")
        .password("s3cr3t-pw");
  }

  @Test
  void toStringMasksThePassword() {
    assertThat(valid().build().toString())
        .doesNotContain("s3cr3t-pw")
        .contains("password=***", "username=alice", "SCRAM-SHA-512");
  }

  @Test
  void blankUsernameIsRejected() {
    assertThatThrownBy(() -> valid().username(" ").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("username: required");
  }

  @Test
  void emptyPasswordIsRejectedWithoutEchoingAnything() {
    assertThatThrownBy(() -> valid().password("").build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("password: required for SASL SCRAM-SHA-512");
  }

  @Test
  void toBuilderKeepsEveryValue() {
    SaslConfig config = valid().build();
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @ParameterizedTest(name = "\"{0}\" parses as {1}")
  @CsvSource({"PLAIN, PLAIN", "plain, PLAIN", "SCRAM-SHA-256, SCRAM_SHA_256",
      "scram_sha_512, SCRAM_SHA_512", "' SCRAM-SHA-512 ', SCRAM_SHA_512"})
  void mechanismParsesKafkaNamesInAnyCase(String value, Mechanism expected) {
    assertThat(Mechanism.parse(value)).isEqualTo(expected);
  }

  @Test
  void mechanismKafkaNamesAreTheSaslNames() {
    assertThat(Mechanism.SCRAM_SHA_256.kafkaName()).isEqualTo("SCRAM-SHA-256");
    assertThat(Mechanism.PLAIN.kafkaName()).isEqualTo("PLAIN");
  }

  @Test
  void unknownMechanismIsRejectedListingTheAcceptedOnes() {
    assertThatThrownBy(() -> Mechanism.parse("GSSAPI"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("mechanism: unknown value \"GSSAPI\""
            + " (expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)");
  }
}
