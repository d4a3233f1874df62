package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestAuthTest {
  private static final IngestAuth AUTH =
      IngestAuth.of(Map.of("talaria", "pw1", "other", "pw2"), List.of("token-1"));

  @ParameterizedTest(name = "\"{0}\" permitted: {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "Basic dGFsYXJpYTpwdzE= | true", // talaria:pw1
        "basic dGFsYXJpYTpwdzE= | true",
        "Basic b3RoZXI6cHcy | true", // other:pw2
        "Bearer token-1 | true",
        "BEARER   token-1 | true",
        "Basic dGFsYXJpYTpwdzI= | false", // talaria:pw2
        "Basic not-base64!! | false",
        "Bearer token-2 | false",
        "Bearer | false",
        "Digest dGFsYXJpYTpwdzE= | false",
        "NULL | false"
      })
  void credentialsArePermittedOnlyWhenTheyMatchOneConfigured(String header, boolean permitted) {
    assertThat(AUTH.permits(header)).isEqualTo(permitted);
  }

  @ParameterizedTest(name = "no auth permits \"{0}\"")
  @CsvSource(nullValues = "NULL", value = {"NULL", "Basic Zm9vOmJhcg==", "garbage"})
  void withoutConfiguredCredentialsEveryRequestIsPermitted(String header) {
    assertThat(IngestAuth.none().permits(header)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"pw1", "token-1"})
  void toStringNeverShowsASecret(String secret) {
    assertThat(AUTH.toString()).doesNotContain(secret).contains("2 basic", "1 bearer");
  }

  @ParameterizedTest(name = "\"{0}\" against \"{1}\": {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "admin-token | admin-token | true",
        "admin-toke | admin-token | false",
        "admin-token2 | admin-token | false",
        "ADMIN-TOKEN | admin-token | false",
        "'' | admin-token | false",
        "admin-tokeñ | admin-token | false",
        "admin-tokeñ | admin-tokeñ | true"
      })
  void tokenMatchesOnlyTheSameToken(String presented, String expected, boolean matches) {
    assertThat(IngestAuth.tokenMatches(presented, expected)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "the user of one credential with the password of another | Basic dGFsYXJpYTpwdzI=",
        "a user with an empty password | Basic dGFsYXJpYTo=",
        "the password alone | Basic cHcx",
        "a colon inside the user | Basic dGFsYTpyaWE6cHcx"
      })
  void basicCredentialsMustMatchOneConfiguredPairWhole(String name, String header) {
    assertThat(AUTH.permits(header)).isFalse();
  }
}
