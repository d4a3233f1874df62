package io.wrpkafka.config;

import java.util.Objects;

/**
 * A user name and password accepted by HTTP Basic authentication on the bridge's ingest
 * endpoints. {@link #toString()} prints the password as {@code ***}.
 *
 * @param username the user name; {@link ServerConfig.Builder#build()} requires it non-blank and
 *     free of {@code :}
 * @param password the password, a secret; required non-empty
 */
public record BasicCredential(String username, String password) {
  /** Checks that neither component is null. */
  public BasicCredential {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "BasicCredential[username=" + username + ", password=***]";
  }
}
