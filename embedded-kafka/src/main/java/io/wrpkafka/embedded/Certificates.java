package io.wrpkafka.embedded;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away public key infrastructure for TLS tests: a CA, a server certificate for {@code
 * localhost} and {@code 127.0.0.1} signed by it, a client certificate signed by it (also with its
 * key encrypted by a password), and an unrelated CA that signs nothing, all written as PEM files
 * into one directory. <strong>For tests only:</strong> the keys are fresh on every {@link
 * #generate(Path)} and lie unprotected on disk.
 *
 * <p>Keys are EC P-256, signatures ECDSA with SHA-256, certificates valid from one hour ago for
 * 30 days. Needs {@code org.bouncycastle:bcpkix-jdk18on} on the classpath, which this module
 * declares optional: add it to your test dependencies.
 *
 * <p>Instances are immutable and thread-safe; {@link #issue(String)} writes new files and may be
 * called concurrently. {@link #toString()} never shows the key password.
 */
public final class Certificates {
  private static final String KEY_ALGORITHM = "EC";
  private static final String CURVE = "secp256r1";
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final Duration VALIDITY = Duration.ofDays(30);
  private static final Duration BACKDATE = Duration.ofHours(1);

  private final Path directory;
  private final X509Certificate ca;
  private final PrivateKey caKey;
  private final String keyPassword;
  private final SecureRandom random;
  private final AtomicLong serial;

  private Certificates(Path directory, X509Certificate ca, PrivateKey caKey, String keyPassword,
      SecureRandom random, long firstSerial) {
    this.directory = directory;
    this.ca = ca;
    this.caKey = caKey;
    this.keyPassword = keyPassword;
    this.random = random;
    this.serial = new AtomicLong(firstSerial);
  }

  /**
   * Generates the CA, server, client and untrusted-CA certificates and writes them into {@code
   * directory} (created if missing; existing files of the same names are replaced). Blocks for
   * the key generation, well under a second.
   *
   * @throws UncheckedIOException if a file cannot be written
   * @throws IllegalStateException if the JVM lacks EC keys or ECDSA signatures
   */
  public static Certificates generate(Path directory) {
    Objects.requireNonNull(directory, "directory");
    SecureRandom random = new SecureRandom();
    byte[] passwordBytes = new byte[18];
    random.nextBytes(passwordBytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(passwordBytes);
    try {
      Files.createDirectories(directory);
      KeyPair caPair = keyPair();
      X509Certificate ca = selfSignedCa("CN=wrpkafka test CA", caPair, BigInteger.ONE);
      Certificates certificates =
          new Certificates(directory, ca, caPair.getPrivate(), password, random, 2);
      writePem(certificates.caFile(), ca);

      KeyPair serverPair = keyPair();
      writePem(certificates.serverCertFile(),
          certificates.sign("CN=localhost", serverPair.getPublic(), true));
      writePem(certificates.serverKeyFile(), new JcaPKCS8Generator(serverPair.getPrivate(), null));

      KeyPair clientPair = keyPair();
      writePem(certificates.clientCertFile(),
          certificates.sign("CN=client", clientPair.getPublic(), false));
      writePem(certificates.clientKeyFile(), new JcaPKCS8Generator(clientPair.getPrivate(), null));
      writePem(certificates.encryptedClientKeyFile(),
          new JcaPKCS8Generator(clientPair.getPrivate(), encryptor(password, random)));

      KeyPair untrustedPair = keyPair();
      writePem(certificates.untrustedCaFile(),
          selfSignedCa("CN=wrpkafka untrusted test CA", untrustedPair, BigInteger.ONE));
      return certificates;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write certificates to " + directory, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate certificates: " + e.getMessage(), e);
    }
  }

  /**
   * Issues a client certificate with subject {@code CN=<commonName>}, signed by the CA, and writes
   * it and its unencrypted key as {@code <commonName>.pem} and {@code <commonName>.key}. A Kafka
   * broker sees its holder as principal {@code User:CN=<commonName>} (default principal rules).
   *
   * @param commonName letters, digits, '.', '_' and '-' (it becomes a file name)
   * @throws IllegalArgumentException if {@code commonName} has other characters or is taken by
   *     the files of {@link #generate(Path)}
   * @throws UncheckedIOException if a file cannot be written
   */
  public CertificateFiles issue(String commonName) {
    Objects.requireNonNull(commonName, "commonName");
    if (!commonName.matches("[A-Za-z0-9._-]+") || commonName.startsWith(".")) {
      throw new IllegalArgumentException("commonName: \"" + commonName
          + "\" must be letters, digits, '.', '_' and '-', not starting with '.'");
    }
    if (commonName.equals("ca") || commonName.equals("server") || commonName.equals("client")
        || commonName.equals("untrusted-ca")) {
      throw new IllegalArgumentException(
          "commonName: \"" + commonName + "\" is taken by the generated files");
    }
    CertificateFiles files = new CertificateFiles(
        directory.resolve(commonName + ".pem"), directory.resolve(commonName + ".key"));
    try {
      KeyPair pair = keyPair();
      writePem(files.certFile(), sign("CN=" + commonName, pair.getPublic(), false));
      writePem(files.keyFile(), new JcaPKCS8Generator(pair.getPrivate(), null));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write certificate " + files.certFile(), e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue certificate: " + e.getMessage(), e);
    }
  }

  /** The directory holding the files. */
  public Path directory() {
    return directory;
  }

  /** The CA certificate that signs the server and client certificates ({@code ca.pem}). */
  public Path caFile() {
    return directory.resolve("ca.pem");
  }

  /** The server certificate for {@code localhost} and {@code 127.0.0.1} ({@code server.pem}). */
  public Path serverCertFile() {
    return directory.resolve("server.pem");
  }

  /** The server's unencrypted PKCS#8 private key ({@code server.key}). */
  public Path serverKeyFile() {
    return directory.resolve("server.key");
  }

  /** The client certificate, subject {@code CN=client} ({@code client.pem}). */
  public Path clientCertFile() {
    return directory.resolve("client.pem");
  }

  /** The client's unencrypted PKCS#8 private key ({@code client.key}). */
  public Path clientKeyFile() {
    return directory.resolve("client.key");
  }

  /**
   * The client's private key as encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), opened with
   * {@link #keyPassword()} ({@code client-encrypted.key}). The cipher is PKCS#12's
   * {@code PBEWithSHA1AndDESede}, the one Kafka's own tests use: Kafka's PEM key loader asks the
   * JDK for a key factory named after the key's algorithm, and on Java 17 a PBES2 (AES) key is
   * named just "PBES2", which no JDK key factory offers.
   */
  public Path encryptedClientKeyFile() {
    return directory.resolve("client-encrypted.key");
  }

  /** The password of {@link #encryptedClientKeyFile()}: random, 24 URL-safe characters. */
  public String keyPassword() {
    return keyPassword;
  }

  /** A CA certificate unrelated to the others, to test a peer that is not trusted. */
  public Path untrustedCaFile() {
    return directory.resolve("untrusted-ca.pem");
  }

  @Override
  public String toString() {
    return "Certificates{directory=" + directory + ", ca=" + ca.getSubjectX500Principal() + '}';
  }

  private X509Certificate sign(String subject, PublicKey key, boolean server)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        ca, BigInteger.valueOf(serial.getAndIncrement()), Date.from(now.minus(BACKDATE)),
        Date.from(now.plus(VALIDITY)), new X500Name(subject), key)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
        .addExtension(Extension.subjectKeyIdentifier, false,
            extensions.createSubjectKeyIdentifier(key))
        .addExtension(Extension.authorityKeyIdentifier, false,
            extensions.createAuthorityKeyIdentifier(ca));
    if (server) {
      builder
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    } else {
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }
    return certificate(builder, caKey);
  }

  private static X509Certificate selfSignedCa(String subject, KeyPair pair, BigInteger serial)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    X500Name name = new X500Name(subject);
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        name, serial, Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name,
        pair.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
        .addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
        .addExtension(Extension.subjectKeyIdentifier, false,
            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
    return certificate(builder, pair.getPrivate());
  }

  private static X509Certificate certificate(X509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException, OperatorCreationException {
    ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signer);
    X509CertificateHolder holder = builder.build(contentSigner);
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
    generator.initialize(new ECGenParameterSpec(CURVE));
    return generator.generateKeyPair();
  }

  private static OutputEncryptor encryptor(String password, SecureRandom random)
      throws OperatorCreationException {
    return new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.PBE_SHA1_3DES)
        .setRandom(random)
        .setProvider(new BouncyCastleProvider())
        .setPassword(password.toCharArray())
        .build();
  }

  private static void writePem(Path file, Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }
}
