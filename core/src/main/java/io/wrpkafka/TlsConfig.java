package io.wrpkafka;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS to the brokers: PEM files for the client certificate and key (mutual TLS) and for the CA
 * that signs the brokers' certificates, and the password of an encrypted key. Only paths are
 * held; the files are read when the publisher starts, and neither their content nor the key
 * password ever appears in {@link #toString()}. Immutable and thread-safe.
 */
public final class TlsConfig {
  private final boolean enabled;
  private final boolean insecureSkipVerify;
  private final Path certFile;
  private final Path keyFile;
  private final Path caFile;
  private final String keyPassword;

  private TlsConfig(Builder b) {
    this.enabled = b.enabled;
    this.insecureSkipVerify = b.insecureSkipVerify;
    this.certFile = b.certFile;
    this.keyFile = b.keyFile;
    this.caFile = b.caFile;
    this.keyPassword = b.keyPassword;
  }

  /** A new builder: TLS enabled, verifying the server, with the JVM's default trust store. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.enabled = enabled;
    b.insecureSkipVerify = insecureSkipVerify;
    b.certFile = certFile;
    b.keyFile = keyFile;
    b.caFile = caFile;
    b.keyPassword = keyPassword;
    return b;
  }

  /** Whether connections use TLS. */
  public boolean enabled() {
    return enabled;
  }

  /** Whether the broker's certificate chain and host name go unchecked (for tests only). */
  public boolean insecureSkipVerify() {
    return insecureSkipVerify;
  }

  /** The client certificate chain (PEM), present together with {@link #keyFile()}. */
  public Optional<Path> certFile() {
    return Optional.ofNullable(certFile);
  }

  /**
   * The client private key (PEM PKCS#8: unencrypted, or encrypted with {@link #keyPassword()}),
   * present together with {@link #certFile()}.
   */
  public Optional<Path> keyFile() {
    return Optional.ofNullable(keyFile);
  }

  /** The password of an encrypted {@link #keyFile()} (a secret); empty for an unencrypted key. */
  public Optional<String> keyPassword() {
    return Optional.ofNullable(keyPassword);
  }

  /** The CA certificates (PEM) that sign the brokers' certificates; else the JVM's defaults. */
  public Optional<Path> caFile() {
    return Optional.ofNullable(caFile);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsConfig t
        && enabled == t.enabled
        && insecureSkipVerify == t.insecureSkipVerify
        && Objects.equals(certFile, t.certFile)
        && Objects.equals(keyFile, t.keyFile)
        && Objects.equals(caFile, t.caFile)
        && Objects.equals(keyPassword, t.keyPassword);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, insecureSkipVerify, certFile, keyFile, caFile, keyPassword);
  }

  @Override
  public String toString() {
    return "TlsConfig{enabled=" + enabled + ", insecureSkipVerify=" + insecureSkipVerify
        + ", certFile=" + certFile + ", keyFile=" + keyFile
        + (keyPassword == null ? "" : ", keyPassword=***") + ", caFile=" + caFile + '}';
  }

  /** Collects the TLS settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private boolean insecureSkipVerify;
    private Path certFile;
    private Path keyFile;
    private Path caFile;
    private String keyPassword;

    private Builder() {}

    /**
     * Whether to use TLS; true by default, since building a {@code TlsConfig} asks for TLS. Set
     * false to keep the settings but switch TLS off (YAML {@code tls.enabled: false}).
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Skip verifying the broker's certificate and host name; false by default. Tests only. */
    public Builder insecureSkipVerify(boolean insecureSkipVerify) {
      this.insecureSkipVerify = insecureSkipVerify;
      return this;
    }

    /** The client certificate chain (PEM); requires {@link #keyFile(Path)}. */
    public Builder certFile(Path certFile) {
      this.certFile = Objects.requireNonNull(certFile, "certFile");
      return this;
    }

    /** The client private key (PEM); requires {@link #certFile(Path)}. */
    public Builder keyFile(Path keyFile) {
      this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
      return this;
    }

    /**
     * The password of an encrypted PKCS#8 {@link #keyFile(Path)} ({@code ENCRYPTED PRIVATE
     * KEY}); requires {@code keyFile}. Kafka's client decrypts with the JDK, which on Java 17
     * reads PKCS#12-style ciphers such as {@code PBEWithSHA1AndDESede} but not PBES2 (AES).
     */
    public Builder keyPassword(String keyPassword) {
      this.keyPassword = Objects.requireNonNull(keyPassword, "keyPassword");
      return this;
    }

    /** The CA certificates (PEM) to trust instead of the JVM's defaults. */
    public Builder caFile(Path caFile) {
      this.caFile = Objects.requireNonNull(caFile, "caFile");
      return this;
    }

    /**
     * Checks the settings and returns them. Does not read the files.
     *
     * @throws ConfigException if only one of {@code certFile} and {@code keyFile} is set, or
     *     {@code keyPassword} is set without {@code keyFile} or is empty
     */
    public TlsConfig build() {
      if (certFile != null && keyFile == null) {
        throw new ConfigException("keyFile: required when certFile is set (" + certFile + ")");
      }
      if (keyFile != null && certFile == null) {
        throw new ConfigException("certFile: required when keyFile is set (" + keyFile + ")");
      }
      if (keyPassword != null && keyFile == null) {
        throw new ConfigException("keyPassword: set, but there is no keyFile to decrypt");
      }
      if (keyPassword != null && keyPassword.isEmpty()) {
        throw new ConfigException("keyPassword: must not be empty (leave it out for an"
            + " unencrypted key)");
      }
      return new TlsConfig(this);
    }
  }
}
