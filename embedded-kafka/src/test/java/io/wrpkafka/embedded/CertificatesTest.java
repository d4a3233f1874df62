package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CertificatesTest {

  @TempDir static Path directory;
  static Certificates certificates;

  @BeforeAll
  static void generate() {
    certificates = Certificates.generate(directory.resolve("pki"));
  }

  static Stream<Arguments> signedCertificates() {
    return Stream.of(
        Arguments.of("server", (Function<Certificates, Path>) Certificates::serverCertFile),
        Arguments.of("client", (Function<Certificates, Path>) Certificates::clientCertFile),
        Arguments.of("issued", (Function<Certificates, Path>) c -> c.issue("writer").certFile()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedCertificates")
  void certificateChainVerifiesAgainstTheCa(String name, Function<Certificates, Path> file)
      throws Exception {
    X509Certificate leaf = certificate(file.apply(certificates));

    validate(leaf, certificates.caFile());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedCertificates")
  void certificateChainFailsAgainstTheUntrustedCa(String name, Function<Certificates, Path> file)
      throws Exception {
    X509Certificate leaf = certificate(file.apply(certificates));

    assertThatThrownBy(() -> validate(leaf, certificates.untrustedCaFile()))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void serverCertificateNamesLocalhostAndLoopbackAddress() throws Exception {
    Collection<List<?>> names = certificate(certificates.serverCertFile())
        .getSubjectAlternativeNames();

    assertThat(names.stream().map(n -> (Object) n.get(1)).toList()).containsExactlyInAnyOrder("localhost", "127.0.0.1");
  }

  @Test
  void issuedCertificateCarriesTheCommonName() throws Exception {
    CertificateFiles files = certificates.issue("reader-1");

    assertThat(certificate(files.certFile()).getSubjectX500Principal().getName())
        .isEqualTo("CN=reader-1");
    assertThat(Files.readString(files.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void keysBelongToTheirCertificates() throws Exception {
    assertThat(signsFor(kafkaKeyStore(certificates.serverCertFile(),
        certificates.serverKeyFile(), null), null)).isTrue();
    assertThat(signsFor(kafkaKeyStore(certificates.clientCertFile(),
        certificates.clientKeyFile(), null), null)).isTrue();
  }

  @Test
  void encryptedClientKeyOpensInKafkaWithThePassword() throws Exception {
    KeyStore store = kafkaKeyStore(certificates.clientCertFile(),
        certificates.encryptedClientKeyFile(), certificates.keyPassword());

    assertThat(Files.readString(certificates.encryptedClientKeyFile()))
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(signsFor(store, certificates.keyPassword())).isTrue();
  }

  @Test
  void encryptedClientKeyDoesNotOpenWithAWrongPassword() {
    assertThatThrownBy(() -> kafkaKeyStore(certificates.clientCertFile(),
        certificates.encryptedClientKeyFile(), certificates.keyPassword() + "x"))
        .isInstanceOf(KafkaException.class);
  }

  @Test
  void toStringDoesNotShowTheKeyPassword() {
    assertThat(certificates.toString()).doesNotContain(certificates.keyPassword())
        .contains(certificates.directory().toString());
  }

  @Test
  void eachGenerationHasItsOwnPassword() {
    Certificates other = Certificates.generate(directory.resolve("other"));

    assertThat(other.keyPassword()).isNotEqualTo(certificates.keyPassword()).hasSize(24);
  }

  @Test
  void issueRejectsANameThatIsNotAFileName() {
    assertThatThrownBy(() -> certificates.issue("../evil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commonName");
  }

  private static X509Certificate certificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static void validate(X509Certificate leaf, Path caFile) throws Exception {
    PKIXParameters parameters =
        new PKIXParameters(Set.of(new TrustAnchor(certificate(caFile), null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
  }

  /* Loads certificate and key exactly as a Kafka client or broker does (ssl.keystore.type=PEM). */
  private static KeyStore kafkaKeyStore(Path certFile, Path keyFile, String password)
      throws IOException {
    Map<String, Object> props = new HashMap<>();
    props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
        Files.readString(certFile, StandardCharsets.US_ASCII));
    props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG,
        Files.readString(keyFile, StandardCharsets.US_ASCII));
    if (password != null) {
      props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, password);
    }
    props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.caFile().toString());
    AbstractConfig parsed = new AbstractConfig(new ConfigDef().withClientSslSupport(), props);
    try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
      factory.configure(parsed.values());
      return factory.keystore();
    }
  }

  private static boolean signsFor(KeyStore store, String password) throws Exception {
    String alias = store.aliases().nextElement();
    PrivateKey key = (PrivateKey) store.getKey(alias,
        password == null ? new char[0] : password.toCharArray());
    byte[] data = "wrpkafka".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(store.getCertificate(alias).getPublicKey());
    verifier.update(data);
    return verifier.verify(signature);
  }
}
