package io.wrpkafka;

import java.util.Locale;
import java.util.Objects;

/**
 * SASL authentication to the brokers with a user name and password. The password never appears
 * in {@link #toString()} (it prints {@code ***}). Immutable and thread-safe.
 */
public final class SaslConfig {
  /** The SASL mechanisms supported, with their Kafka names. */
  public enum Mechanism {
    PLAIN("PLAIN"),
    SCRAM_SHA_256("SCRAM-SHA-256"),
    SCRAM_SHA_512("SCRAM-SHA-512");

    private final String kafkaName;

    Mechanism(String kafkaName) {
      this.kafkaName = kafkaName;
    }

    /** The value of Kafka's {@code sasl.mechanism}, e.g. {@code "SCRAM-SHA-512"}. */
    public String kafkaName() {
      return kafkaName;
    }

    /**
     * Parses {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}, ignoring case and
     * surrounding blanks and accepting {@code _} for {@code -}.
     *
     * @throws ConfigException naming the value and the accepted ones
     */
    public static Mechanism parse(String value) {
      String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('_', '-');
      for (Mechanism mechanism : values()) {
        if (mechanism.kafkaName.equals(name)) {
          return mechanism;
        }
      }
      throw new ConfigException("mechanism: unknown value \"" + value
          + "\" (expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)");
    }
  }

  private final Mechanism mechanism;
  private final String username;
  private final String password;

  private SaslConfig(Builder b) {
    this.mechanism = b.mechanism;
    this.username = b.username;
    this.password = b.password;
  }

  /** A new builder with mechanism {@link Mechanism#PLAIN} and no credentials. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values, password included. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.mechanism = mechanism;
    b.username = username;
    b.password = password;
    return b;
  }

  /** The SASL mechanism. */
  public Mechanism mechanism() {
    return mechanism;
  }

  /** The user name. */
  public String username() {
    return username;
  }

  /** The password. A secret: do not log it. */
  public String password() {
    return password;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SaslConfig s
        && mechanism == s.mechanism
        && username.equals(s.username)
        && password.equals(s.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mechanism, username, password);
  }

  @Override
  public String toString() {
    return "SaslConfig{mechanism=" + mechanism.kafkaName() + ", username=" + username
        + ", password=***}";
  }

  /** Collects the SASL settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private Mechanism mechanism = Mechanism.PLAIN;
    private String username = "";
    private String password = "";

    private Builder() {}

    /** The mechanism; default {@link Mechanism#PLAIN}. */
    public Builder mechanism(Mechanism mechanism) {
      this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
      return this;
    }

    /** The user name. Required. */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /** The password. Required. */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Checks the settings and returns them.
     *
     * @throws ConfigException if the user name is blank or the password empty
     */
    public SaslConfig build() {
      if (username.isBlank()) {
        throw new ConfigException("username: required for SASL " + mechanism.kafkaName());
      }
      if (password.isEmpty()) {
        throw new ConfigException("password: required for SASL " + mechanism.kafkaName());
      }
      return new SaslConfig(this);
    }
  }
}
