package io.wrpkafka.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate and its unencrypted private key, as PEM files written by {@link
 * Certificates#issue(String)}. For tests only.
 *
 * @param certFile the certificate (PEM, {@code CERTIFICATE})
 * @param keyFile the private key (PEM, unencrypted PKCS#8 {@code PRIVATE KEY})
 */
public record CertificateFiles(Path certFile, Path keyFile) {
  /** Checks that both paths are given. */
  public CertificateFiles {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
  }
}
