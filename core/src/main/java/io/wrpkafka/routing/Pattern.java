package io.wrpkafka.routing;

import io.wrpkafka.ConfigException;

/**
 * A compiled event type pattern: a literal with at most one {@code *} wildcard.
 *
 * <ul>
 *   <li>{@code *} alone matches every event type (and the empty one).
 *   <li>{@code device-status} matches exactly that event type.
 *   <li>{@code device-*} (prefix), {@code *-online} (suffix) and {@code device-*-online} (infix)
 *       match when the event type starts and ends with the fixed parts; the star may match
 *       nothing ({@code device-*} matches {@code device-}), but prefix and suffix never overlap
 *       ({@code device-*-online} does not match {@code device-online}).
 *   <li>{@code \*} is a literal star and {@code \\} a literal backslash; a backslash before any
 *       other character stands for itself.
 * </ul>
 *
 * <p>Immutable and thread-safe. {@link #matches(String)} allocates nothing. Two patterns are
 * equal when their source text and case flag are equal; {@link #toString()} is the source text.
 */
public final class Pattern {
  /*
   * Implementation notes
   *
   * compile() splits the source at its one unescaped star into an unescaped prefix and suffix.
   * One final class covers every shape (exact, catch-all, prefix, suffix, infix) so the call site
   * in Router stays monomorphic; compile() also records which shape it is, so matches() does only
   * the comparisons that shape needs (one equals, one startsWith or endsWith, or both ends),
   * in place, so it allocates nothing (PatternBenchmark, -prof gc). A route walk tries a telemetry
   * event against eight patterns before one matches, most of them failing on the length or the
   * first char.
   */

  private static final int ALL = 0;
  private static final int EXACT = 1;
  private static final int PREFIX = 2;
  private static final int SUFFIX = 3;
  private static final int INFIX = 4;

  private final String source;
  private final boolean caseInsensitive;
  private final boolean matchesAll;
  private final int shape;
  private final String prefix;
  private final String suffix;

  private Pattern(String source, boolean caseInsensitive, boolean hasStar, String prefix,
      String suffix) {
    this.source = source;
    this.caseInsensitive = caseInsensitive;
    this.matchesAll = hasStar && prefix.isEmpty() && suffix.isEmpty();
    this.shape = !hasStar ? EXACT : matchesAll ? ALL : suffix.isEmpty() ? PREFIX
        : prefix.isEmpty() ? SUFFIX : INFIX;
    this.prefix = prefix;
    this.suffix = suffix;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @param pattern the pattern text, e.g. {@code device-*}
   * @param caseInsensitive whether matching ignores case
   * @throws ConfigException if the pattern is empty or has more than one unescaped star; the
   *     message starts with {@code pattern: }
   * @throws NullPointerException if {@code pattern} is null
   */
  public static Pattern compile(String pattern, boolean caseInsensitive) {
    if (pattern.isEmpty()) {
      throw new ConfigException("pattern: must not be empty (use * to match every event type)");
    }
    StringBuilder before = new StringBuilder(pattern.length());
    StringBuilder after = null;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      StringBuilder into = after == null ? before : after;
      if (c == '\\' && i + 1 < pattern.length()
          && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
        into.append(pattern.charAt(++i));
      } else if (c == '*') {
        if (after != null) {
          throw new ConfigException("pattern: \"" + pattern
              + "\" has more than one unescaped * (at most one is allowed; write \\* for a"
              + " literal star)");
        }
        after = new StringBuilder(pattern.length() - i);
      } else {
        into.append(c);
      }
    }
    return new Pattern(pattern, caseInsensitive, after != null, before.toString(),
        after == null ? "" : after.toString());
  }

  /**
   * Whether {@code eventType} matches this pattern. Allocates nothing; thread-safe.
   *
   * @throws NullPointerException if {@code eventType} is null
   */
  public boolean matches(String eventType) {
    int length = eventType.length();
    switch (shape) {
      case ALL:
        return true;
      case EXACT:
        return caseInsensitive ? prefix.equalsIgnoreCase(eventType) : prefix.equals(eventType);
      case PREFIX:
        return caseInsensitive
            ? eventType.regionMatches(true, 0, prefix, 0, prefix.length())
            : eventType.startsWith(prefix);
      case SUFFIX:
        return caseInsensitive
            ? eventType.regionMatches(true, length - suffix.length(), suffix, 0, suffix.length())
            : eventType.endsWith(suffix);
      default:
        return length >= prefix.length() + suffix.length()
            && eventType.regionMatches(caseInsensitive, 0, prefix, 0, prefix.length())
            && eventType.regionMatches(caseInsensitive, length - suffix.length(), suffix, 0,
                suffix.length());
    }
  }

  /** Whether this pattern ignores case. */
  public boolean caseInsensitive() {
    return caseInsensitive;
  }

  /** Whether this is the catch-all {@code *}, the only pattern a non-event message matches. */
  boolean matchesEverything() {
    return matchesAll;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pattern p
        && source.equals(p.source)
        && caseInsensitive == p.caseInsensitive;
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + Boolean.hashCode(caseInsensitive);
  }

  /** The pattern as written. */
  @Override
  public String toString() {
    return source;
  }
}
