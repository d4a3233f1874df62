package io.wrpkafka.config;

import io.wrpkafka.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the HTTP bridge ({@code server:} in the file): where it listens, how large a
 * request may be, who may publish and who may replace the dynamic config. Immutable and
 * thread-safe; {@link #toString()} never shows a password or token.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>{@code address}</td><td>{@code 0.0.0.0} (every interface; a bridge is reached by
 *   Talaria over the network)</td></tr>
 *   <tr><td>{@code port}</td><td>6100</td></tr>
 *   <tr><td>{@code maxBodyBytes}</td><td>1 MiB</td></tr>
 *   <tr><td>{@code basic}, {@code bearerTokens}</td><td>none: ingest is open</td></tr>
 *   <tr><td>{@code adminToken}</td><td>none: {@code PUT /api/v1/config} is disabled</td></tr>
 *   <tr><td>{@code watchConfig}</td><td>false</td></tr>
 *   <tr><td>{@code drainTimeout}</td><td>10 s</td></tr>
 *   <tr><td>{@code tls}</td><td>none: plain HTTP</td></tr>
 * </table>
 */
public final class ServerConfig {
  /** Listen on every interface. */
  public static final String DEFAULT_ADDRESS = "0.0.0.0";
  /** The default port. */
  public static final int DEFAULT_PORT = 6100;
  /** The default request body limit: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
  /** The default time in-flight requests get to finish at shutdown. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private static final ServerConfig DEFAULTS = builder().build();

  private final String address;
  private final int port;
  private final long maxBodyBytes;
  private final List<BasicCredential> basic;
  private final List<String> bearerTokens;
  private final String adminToken;
  private final boolean watchConfig;
  private final Duration drainTimeout;
  private final ServerTls tls;

  private ServerConfig(Builder b) {
    this.address = b.address;
    this.port = b.port;
    this.maxBodyBytes = b.maxBodyBytes;
    this.basic = List.copyOf(b.basic);
    this.bearerTokens = List.copyOf(b.bearerTokens);
    this.adminToken = b.adminToken;
    this.watchConfig = b.watchConfig;
    this.drainTimeout = b.drainTimeout;
    this.tls = b.tls;
  }

  /** The settings used when the file has no {@code server:} section. */
  public static ServerConfig defaults() {
    return DEFAULTS;
  }

  /** A new builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values, secrets included. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.address = address;
    b.port = port;
    b.maxBodyBytes = maxBodyBytes;
    b.basic = new ArrayList<>(basic);
    b.bearerTokens = new ArrayList<>(bearerTokens);
    b.adminToken = adminToken;
    b.watchConfig = watchConfig;
    b.drainTimeout = drainTimeout;
    b.tls = tls;
    return b;
  }

  /** The address to listen on, a host name or IP address. */
  public String address() {
    return address;
  }

  /** The TCP port to listen on; 0 picks a free port. */
  public int port() {
    return port;
  }

  /** The largest request body accepted; larger requests get 413. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The Basic credentials accepted on ingest; empty when Basic auth is off. */
  public List<BasicCredential> basic() {
    return basic;
  }

  /** The bearer tokens accepted on ingest (secrets); empty when bearer auth is off. */
  public List<String> bearerTokens() {
    return bearerTokens;
  }

  /**
   * Whether ingest requires credentials: true when any Basic credential or bearer token is set,
   * and then a request must present one of them.
   */
  public boolean ingestAuthRequired() {
    return !basic.isEmpty() || !bearerTokens.isEmpty();
  }

  /** The bearer token that {@code PUT /api/v1/config} requires (a secret); empty disables PUT. */
  public Optional<String> adminToken() {
    return Optional.ofNullable(adminToken);
  }

  /** Whether the bridge reloads the dynamic part of the file when the file changes. */
  public boolean watchConfig() {
    return watchConfig;
  }

  /** How long in-flight requests may take to finish when the bridge stops. */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /** HTTPS settings; empty when the bridge serves plain HTTP. */
  public Optional<ServerTls> tls() {
    return Optional.ofNullable(tls);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerConfig c
        && address.equals(c.address)
        && port == c.port
        && maxBodyBytes == c.maxBodyBytes
        && basic.equals(c.basic)
        && bearerTokens.equals(c.bearerTokens)
        && Objects.equals(adminToken, c.adminToken)
        && watchConfig == c.watchConfig
        && drainTimeout.equals(c.drainTimeout)
        && Objects.equals(tls, c.tls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, port, maxBodyBytes, basic, bearerTokens, adminToken, watchConfig,
        drainTimeout, tls);
  }

  @Override
  public String toString() {
    return "ServerConfig{address=" + address + ", port=" + port
        + ", maxBodyBytes=" + maxBodyBytes + ", basic=" + basic
        + ", bearerTokens=" + bearerTokens.size() + " (***)"
        + ", adminToken=" + (adminToken == null ? "none" : "***")
        + ", watchConfig=" + watchConfig + ", drainTimeout=" + drainTimeout
        + ", tls=" + (tls == null ? "none" : tls) + '}';
  }

  /** Collects the server settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private String address = DEFAULT_ADDRESS;
    private int port = DEFAULT_PORT;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private List<BasicCredential> basic = new ArrayList<>();
    private List<String> bearerTokens = new ArrayList<>();
    private String adminToken;
    private boolean watchConfig;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private ServerTls tls;

    private Builder() {}

    /** The address to listen on; default {@code 0.0.0.0}. */
    public Builder address(String address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port, 0 to 65535 (0 picks a free port); default 6100. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The largest request body, 1 byte to 2 GiB - 1; default 1 MiB. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The Basic credentials accepted on ingest; none by default. */
    public Builder basic(List<BasicCredential> basic) {
      Objects.requireNonNull(basic, "basic");
      this.basic = new ArrayList<>(basic);
      return this;
    }

    /** The bearer tokens accepted on ingest; none by default. */
    public Builder bearerTokens(List<String> bearerTokens) {
      Objects.requireNonNull(bearerTokens, "bearerTokens");
      this.bearerTokens = new ArrayList<>(bearerTokens);
      return this;
    }

    /** The token {@code PUT /api/v1/config} requires; unset (the default) disables PUT. */
    public Builder adminToken(String adminToken) {
      this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
      return this;
    }

    /** Reload the dynamic part of the file when it changes; default false. */
    public Builder watchConfig(boolean watchConfig) {
      this.watchConfig = watchConfig;
      return this;
    }

    /** How long in-flight requests get at shutdown; default 10 s; not negative. */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
      return this;
    }

    /** Serve HTTPS with {@code tls}; plain HTTP by default. */
    public Builder tls(ServerTls tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Checks the settings and returns them.
     *
     * @throws ConfigException naming the field ({@code auth.basic[1].username: …}); never
     *     showing a password or token
     */
    public ServerConfig build() {
      if (address.isBlank()) {
        throw new ConfigException("address: must not be blank (e.g. 0.0.0.0 or 127.0.0.1)");
      }
      if (port < 0 || port > 65_535) {
        throw new ConfigException("port: " + port + " is out of range (expected 0 to 65535)");
      }
      if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE) {
        throw new ConfigException("maxBodyBytes: " + maxBodyBytes
            + " is out of range (expected 1 to " + Integer.MAX_VALUE + ")");
      }
      for (int i = 0; i < basic.size(); i++) {
        String field = "auth.basic[" + i + "]";
        BasicCredential c = basic.get(i);
        if (c == null) {
          throw new ConfigException(field + ": must not be null");
        }
        if (c.username().isBlank()) {
          throw new ConfigException(field + ".username: required");
        }
        if (c.username().indexOf(':') >= 0) {
          throw new ConfigException(field + ".username: " + Quoted.of(c.username())
              + " must not contain ':' (Basic auth separates user and password with it)");
        }
        if (c.password().isEmpty()) {
          throw new ConfigException(field + ".password: required");
        }
      }
      for (int i = 0; i < bearerTokens.size(); i++) {
        checkToken("auth.bearerTokens[" + i + "]", bearerTokens.get(i));
      }
      if (adminToken != null) {
        checkToken("adminToken", adminToken);
      }
      if (drainTimeout.isNegative()) {
        throw new ConfigException("drainTimeout: must not be negative (got "
            + Durations.format(drainTimeout) + ")");
      }
      return new ServerConfig(this);
    }

    private static void checkToken(String field, String token) {
      if (token == null || token.isEmpty()) {
        throw new ConfigException(field + ": must not be empty");
      }
      for (int i = 0; i < token.length(); i++) {
        if (Character.isWhitespace(token.charAt(i)) || Character.isISOControl(token.charAt(i))) {
          throw new ConfigException(field + ": must not contain blanks or control characters"
              + " (character " + (i + 1) + ")");
        }
      }
    }
  }
}
