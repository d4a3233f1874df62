package io.wrpkafka.app.bridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/*
 * Credentials are compared as SHA-256 digests with MessageDigest.isEqual: the digests have a
 * fixed length, so neither the time taken nor an early exit tells a caller how much of a guess
 * was right, or how long the secret is. Only digests are kept, so a heap dump shows no secret.
 */
/**
 * Who may call the ingest endpoints: anyone, or callers presenting a Basic user and password
 * and/or a bearer token (Talaria sends {@code Authorization: Basic …}). Immutable and
 * thread-safe; {@link #toString()} shows which schemes are on, never a secret.
 */
public final class IngestAuth {
  private static final IngestAuth NONE = new IngestAuth(null, null);

  private final byte[] basicDigest;
  private final byte[] bearerDigest;

  private IngestAuth(byte[] basicDigest, byte[] bearerDigest) {
    this.basicDigest = basicDigest;
    this.bearerDigest = bearerDigest;
  }

  /** No authentication: every request is allowed. */
  public static IngestAuth none() {
    return NONE;
  }

  /**
   * Accepts {@code Authorization: Basic base64(username:password)}, and, when {@code bearerToken}
   * is non-null, {@code Authorization: Bearer <token>} too. Null {@code username}: Basic is off.
   */
  public static IngestAuth of(String username, String password, String bearerToken) {
    byte[] basic = null;
    if (username != null) {
      Objects.requireNonNull(password, "password");
      basic = digest((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    byte[] bearer =
        bearerToken == null || bearerToken.isEmpty()
            ? null
            : digest(bearerToken.getBytes(StandardCharsets.UTF_8));
    return basic == null && bearer == null ? NONE : new IngestAuth(basic, bearer);
  }

  /** Whether requests need credentials at all. */
  public boolean isRequired() {
    return basicDigest != null || bearerDigest != null;
  }

  /**
   * Whether the {@code Authorization} header value (null when absent) carries valid credentials.
   * Always true when no auth is configured. Runs in time independent of how close a guess is.
   */
  public boolean permits(String authorization) {
    if (!isRequired()) {
      return true;
    }
    if (authorization == null) {
      return false;
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      return false;
    }
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = value.substring(space + 1).strip();
    if (scheme.equals("basic") && basicDigest != null) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(credentials);
      } catch (IllegalArgumentException e) {
        return false;
      }
      return MessageDigest.isEqual(digest(decoded), basicDigest);
    }
    if (scheme.equals("bearer") && bearerDigest != null) {
      return MessageDigest.isEqual(
          digest(credentials.getBytes(StandardCharsets.UTF_8)), bearerDigest);
    }
    return false;
  }

  /** The {@code WWW-Authenticate} challenge for a 401 answer. */
  public String challenge() {
    return basicDigest != null ? "Basic realm=\"wrpkafka\"" : "Bearer realm=\"wrpkafka\"";
  }

  static boolean tokenMatches(String presented, String expected) {
    return MessageDigest.isEqual(
        digest(presented.getBytes(StandardCharsets.UTF_8)),
        digest(expected.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    if (!isRequired()) {
      return "none";
    }
    return (basicDigest != null ? "basic" : "") + (basicDigest != null && bearerDigest != null ? "+" : "")
        + (bearerDigest != null ? "bearer" : "");
  }
}
