package io.wrpkafka.config;

import io.wrpkafka.ConfigException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS on the bridge ({@code server.tls:} in the file): the server's certificate chain and
 * private key as PEM files, and for mutual TLS the CA (PEM) that signs the clients' certificates
 * and whether a client certificate is asked for. Only paths are held; the bridge reads the files
 * when it starts. Immutable and thread-safe; {@link #toString()} shows paths, never file content.
 */
public final class ServerTls {
  /** Whether the bridge asks callers for a client certificate (mutual TLS). */
  public enum ClientAuth {
    /** No client certificate is asked for (plain HTTPS). */
    NONE,
    /** A client certificate is asked for; a caller without one is still served. */
    REQUEST,
    /** A caller must present a certificate signed by {@code caFile}; others fail the handshake. */
    REQUIRED;

    /**
     * Parses {@code none}, {@code request} or {@code required}, ignoring case and surrounding
     * blanks.
     *
     * @throws ConfigException naming the value and the accepted ones
     */
    public static ClientAuth parse(String value) {
      String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
      for (ClientAuth auth : values()) {
        if (auth.name().equals(name)) {
          return auth;
        }
      }
      throw new ConfigException("clientAuth: unknown value " + Quoted.of(String.valueOf(value))
          + " (expected none, request or required)");
    }

    /** The YAML word: {@code none}, {@code request} or {@code required}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Path certFile;
  private final Path keyFile;
  private final Path caFile;
  private final ClientAuth clientAuth;

  private ServerTls(Builder b) {
    this.certFile = b.certFile;
    this.keyFile = b.keyFile;
    this.caFile = b.caFile;
    this.clientAuth = b.clientAuth;
  }

  /** A new builder: no files set, {@code clientAuth} {@link ClientAuth#NONE}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.certFile = certFile;
    b.keyFile = keyFile;
    b.caFile = caFile;
    b.clientAuth = clientAuth;
    return b;
  }

  /** The server's certificate chain (PEM), its own certificate first. */
  public Path certFile() {
    return certFile;
  }

  /** The server's private key (PEM, PKCS#8 or PKCS#1, unencrypted). */
  public Path keyFile() {
    return keyFile;
  }

  /** The CA certificates (PEM) that sign client certificates; present when clients are asked. */
  public Optional<Path> caFile() {
    return Optional.ofNullable(caFile);
  }

  /** Whether a client certificate is asked for, and whether it is required. */
  public ClientAuth clientAuth() {
    return clientAuth;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerTls t
        && certFile.equals(t.certFile)
        && keyFile.equals(t.keyFile)
        && Objects.equals(caFile, t.caFile)
        && clientAuth == t.clientAuth;
  }

  @Override
  public int hashCode() {
    return Objects.hash(certFile, keyFile, caFile, clientAuth);
  }

  @Override
  public String toString() {
    return "ServerTls{certFile=" + certFile + ", keyFile=" + keyFile + ", caFile="
        + (caFile == null ? "none" : caFile) + ", clientAuth=" + clientAuth.label() + '}';
  }

  /** Collects the HTTPS settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private Path certFile;
    private Path keyFile;
    private Path caFile;
    private ClientAuth clientAuth = ClientAuth.NONE;

    private Builder() {}

    /** The server's certificate chain (PEM); required. */
    public Builder certFile(Path certFile) {
      this.certFile = Objects.requireNonNull(certFile, "certFile");
      return this;
    }

    /** The server's private key (PEM, unencrypted); required. */
    public Builder keyFile(Path keyFile) {
      this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
      return this;
    }

    /** The CA certificates (PEM) that sign client certificates; required unless clientAuth is none. */
    public Builder caFile(Path caFile) {
      this.caFile = Objects.requireNonNull(caFile, "caFile");
      return this;
    }

    /** Whether to ask callers for a certificate; default {@link ClientAuth#NONE}. */
    public Builder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
      return this;
    }

    /**
     * Checks the settings and returns them. Does not read the files.
     *
     * @throws ConfigException naming the field: {@code certFile} or {@code keyFile} missing, or
     *     {@code caFile} missing while {@code clientAuth} is {@code request} or {@code required}
     */
    public ServerTls build() {
      if (certFile == null) {
        throw new ConfigException("certFile: required (the server's certificate chain, PEM)");
      }
      if (keyFile == null) {
        throw new ConfigException("keyFile: required (the server's private key, PEM)");
      }
      if (clientAuth != ClientAuth.NONE && caFile == null) {
        throw new ConfigException("caFile: required when clientAuth is " + clientAuth.label()
            + " (the CA that signs the client certificates, PEM)");
      }
      return new ServerTls(this);
    }
  }
}
