package io.wrpkafka.app.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.wrpkafka.ConfigException;
import io.wrpkafka.config.ServerTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/*
 * The files are read here, once, rather than handed to Vert.x as paths: Vert.x would resolve a
 * relative path against its file cache and report a missing file as a bare exception at listen
 * time, naming neither the YAML key nor whether the file was missing or unreadable. A PEM file
 * whose content is malformed still fails at listen time, where Bridge names the TLS section.
 */
/**
 * The PEM content the bridge serves HTTPS with ({@code server.tls}), read from disk. Immutable;
 * {@link #toString()} shows the paths, never the key.
 */
final class HttpsMaterial {
  private final ServerTls tls;
  private final Buffer cert;
  private final Buffer key;
  private final Buffer ca;

  private HttpsMaterial(ServerTls tls, Buffer cert, Buffer key, Buffer ca) {
    this.tls = tls;
    this.cert = cert;
    this.key = key;
    this.ca = ca;
  }

  /**
   * Reads the files {@code tls} names. Blocks on file I/O.
   *
   * @throws ConfigException naming the key and path of a file that is missing, unreadable or not
   *     PEM ({@code server.tls.keyFile: cannot read /etc/k.pem: no such file})
   */
  static HttpsMaterial read(ServerTls tls) {
    Buffer cert = pem("certFile", tls.certFile());
    Buffer key = pem("keyFile", tls.keyFile());
    Buffer ca = tls.caFile().map(path -> pem("caFile", path)).orElse(null);
    return new HttpsMaterial(tls, cert, key, ca);
  }

  private static Buffer pem(String key, Path path) {
    String field = "server.tls." + key;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ConfigException(field + ": cannot read " + path + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException(field + ": cannot read " + path + ": permission denied");
    } catch (IOException e) {
      throw new ConfigException(field + ": cannot read " + path + ": " + e.getMessage());
    }
    if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN ")) {
      throw new ConfigException(field + ": " + path
          + " is not a PEM file (no -----BEGIN line; expected a PEM "
          + (key.equals("keyFile") ? "private key" : "certificate") + ")");
    }
    return Buffer.buffer(bytes);
  }

  /** Turns {@code options} into HTTPS options with this material; returns {@code options}. */
  HttpServerOptions applyTo(HttpServerOptions options) {
    options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertValue(cert).setKeyValue(key));
    if (ca != null) {
      options.setTrustOptions(new PemTrustOptions().addCertValue(ca));
    }
    return options.setClientAuth(switch (tls.clientAuth()) {
      case NONE -> ClientAuth.NONE;
      case REQUEST -> ClientAuth.REQUEST;
      case REQUIRED -> ClientAuth.REQUIRED;
    });
  }

  /** The settings this material was read for. */
  ServerTls tls() {
    return tls;
  }

  @Override
  public String toString() {
    return "HttpsMaterial{" + tls + '}';
  }
}
