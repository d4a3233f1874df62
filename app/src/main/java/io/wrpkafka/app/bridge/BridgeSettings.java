package io.wrpkafka.app.bridge;

import io.wrpkafka.config.ServerTls;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP side of the bridge: where it listens, how large a body may be, who may publish and who
 * may change the configuration. Immutable; {@link #toString()} hides the tokens.
 *
 * @param host the address to bind, e.g. {@code 0.0.0.0}
 * @param port the port to bind; 0 picks a free one ({@link Bridge#port()} tells which)
 * @param maxBodyBytes the largest request body accepted; larger ones get 413 without being read
 *     whole
 * @param ingestAuth who may call the ingest and dry-run endpoints
 * @param adminToken the bearer token {@code PUT /api/v1/config} needs; empty disables the PUT
 * @param drainTimeout how long a SIGTERM waits for in-flight requests before the publisher flushes
 * @param tls the HTTPS settings; empty serves plain HTTP
 */
record BridgeSettings(
    String host,
    int port,
    long maxBodyBytes,
    IngestAuth ingestAuth,
    Optional<String> adminToken,
    Duration drainTimeout,
    Optional<ServerTls> tls) {

  /** The default largest body: 1 MiB, far above a WRP event and below any abuse. */
  static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Checks every field. */
  BridgeSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(ingestAuth, "ingestAuth");
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(tls, "tls");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " is not in 0..65535");
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " must be positive");
    }
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drainTimeout: " + drainTimeout + " must not be negative");
    }
    if (adminToken.isPresent() && adminToken.get().isEmpty()) {
      adminToken = Optional.empty();
    }
  }

  /** Settings for local use: loopback, the given port, 1 MiB bodies, no auth, no admin token. */
  static BridgeSettings local(int port) {
    return new BridgeSettings(
        "127.0.0.1", port, DEFAULT_MAX_BODY_BYTES, IngestAuth.none(), Optional.empty(),
        Duration.ofSeconds(10), Optional.empty());
  }

  /** A copy with another ingest auth. */
  BridgeSettings withIngestAuth(IngestAuth auth) {
    return new BridgeSettings(host, port, maxBodyBytes, auth, adminToken, drainTimeout, tls);
  }

  /** A copy with another admin token (empty or null: none). */
  BridgeSettings withAdminToken(String token) {
    return new BridgeSettings(
        host, port, maxBodyBytes, ingestAuth, Optional.ofNullable(token), drainTimeout, tls);
  }

  /** A copy with another body limit. */
  BridgeSettings withMaxBodyBytes(long bytes) {
    return new BridgeSettings(host, port, bytes, ingestAuth, adminToken, drainTimeout, tls);
  }

  /** A copy that serves HTTPS with {@code tls}. */
  BridgeSettings withTls(ServerTls tls) {
    return new BridgeSettings(
        host, port, maxBodyBytes, ingestAuth, adminToken, drainTimeout, Optional.of(tls));
  }

  @Override
  public String toString() {
    return "BridgeSettings{host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
        + ", ingestAuth=" + ingestAuth + ", adminToken=" + (adminToken.isPresent() ? "***" : "none")
        + ", drainTimeout=" + drainTimeout + ", tls=" + tls.map(Object::toString).orElse("none")
        + "}";
  }
}
