package io.wrpkafka.app.bridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * Credentials are compared as SHA-256 digests with MessageDigest.isEqual, against every
 * configured credential without stopping at the first match: the digests have a fixed length,
 * so neither the time taken nor an early exit tells a caller how much of a guess was right, or
 * how long the secret is. Only digests are kept, so a heap dump shows no secret.
 */
/**
 * Who may call the ingest endpoints: anyone, or callers presenting one of the configured Basic
 * users and passwords or bearer tokens (Talaria sends {@code Authorization: Basic …}). Immutable
 * and thread-safe; {@link #toString()} shows which schemes are on, never a secret.
 */
final class IngestAuth {
  private static final IngestAuth NONE = new IngestAuth(List.of(), List.of());

  private final List<byte[]> basicDigests;
  private final List<byte[]> bearerDigests;

  private IngestAuth(List<byte[]> basicDigests, List<byte[]> bearerDigests) {
    this.basicDigests = basicDigests;
    this.bearerDigests = bearerDigests;
  }

  /** No authentication: every request is allowed. */
  static IngestAuth none() {
    return NONE;
  }

  /**
   * Accepts {@code Authorization: Basic base64(username:password)} for any entry of {@code
   * basic} (username → password), and {@code Authorization: Bearer <token>} for any of {@code
   * bearerTokens}. Both empty: no authentication.
   */
  static IngestAuth of(Map<String, String> basic, List<String> bearerTokens) {
    List<byte[]> basicDigests = new ArrayList<>();
    basic.forEach(
        (user, password) ->
            basicDigests.add(digest((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    List<byte[]> bearerDigests = new ArrayList<>();
    for (String token : bearerTokens) {
      bearerDigests.add(digest(token.getBytes(StandardCharsets.UTF_8)));
    }
    return basicDigests.isEmpty() && bearerDigests.isEmpty()
        ? NONE
        : new IngestAuth(List.copyOf(basicDigests), List.copyOf(bearerDigests));
  }

  /** Accepts one Basic user and password. */
  static IngestAuth basic(String username, String password) {
    return of(Map.of(username, password), List.of());
  }

  /** Whether requests need credentials at all. */
  boolean isRequired() {
    return !basicDigests.isEmpty() || !bearerDigests.isEmpty();
  }

  /**
   * Whether the {@code Authorization} header value (null when absent) carries valid credentials.
   * Always true when no auth is configured. Runs in time independent of how close a guess is.
   */
  boolean permits(String authorization) {
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
    if (scheme.equals("basic")) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(credentials);
      } catch (IllegalArgumentException e) {
        return false;
      }
      return matchesAny(digest(decoded), basicDigests);
    }
    if (scheme.equals("bearer")) {
      return matchesAny(digest(credentials.getBytes(StandardCharsets.UTF_8)), bearerDigests);
    }
    return false;
  }

  private static boolean matchesAny(byte[] presented, List<byte[]> accepted) {
    boolean match = false;
    for (byte[] digest : accepted) {
      match |= MessageDigest.isEqual(presented, digest);
    }
    return match;
  }

  /** The {@code WWW-Authenticate} challenge for a 401 answer. */
  String challenge() {
    return !basicDigests.isEmpty() ? "Basic realm=\"wrpkafka\"" : "Bearer realm=\"wrpkafka\"";
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
    return basicDigests.size() + " basic credential(s), " + bearerDigests.size() + " bearer token(s)";
  }
}
