package io.wrpkafka.wrp;

import java.util.Objects;

/**
 * A device identifier in canonical form, {@code prefix:id}, such as {@code mac:112233445566}.
 *
 * <p>{@link #parse(String)} accepts the schemes {@code mac}, {@code uuid}, {@code serial},
 * {@code dns}, {@code event} and {@code self} in any case and returns them lower-cased. A MAC is
 * normalised to 12 lower-case hex digits with the separators {@code : - . ,} removed; other ids
 * keep their case. Anything after the id ({@code /service/...}) is not part of the device id.
 * Equality is by canonical form. Instances are immutable and thread-safe.
 */
public final class DeviceId {
  /*
   * Rules follow wrp-go's ParseDeviceID: surrounding white space is trimmed, the id ends at the
   * first '/', white space around the id is trimmed, the id must not be empty, and "self" has no
   * id at all (everything after "self:" is ignored, so the canonical form is "self:").
   *
   * Routing parses a device id per message (metadata /hw-deviceid, the source), and most come
   * canonical already (mac:112233445566). parse() checks for that first and then keeps the input
   * (or its part before '/') as the canonical form: no StringBuilder for the MAC, no concat, and
   * the id is cut out only when id() is asked for. Any other input takes the general path.
   */

  static final String MAC = "mac";
  static final String UUID = "uuid";
  static final String SERIAL = "serial";
  static final String DNS = "dns";
  static final String EVENT = "event";
  static final String SELF = "self";
  private static final String[] SCHEMES = {MAC, UUID, SERIAL, DNS, EVENT, SELF};
  private static final int MAX_ECHO = 80;

  private final String prefix;
  private final String canonical;
  /** The id, cut out of {@link #canonical} on first use; a benign race, as String's hash. */
  private String id;

  private DeviceId(String prefix, String id) {
    this(prefix, id, prefix + ':' + id);
  }

  /** {@code canonical} is {@code prefix:id}; {@code id} may be null, to be cut out when asked. */
  private DeviceId(String prefix, String id, String canonical) {
    this.prefix = prefix;
    this.id = id;
    this.canonical = canonical;
  }

  /**
   * Parses {@code text} into its canonical device id, ignoring any {@code /service/...} suffix.
   *
   * @throws WrpFormatException if the scheme is unknown, the id is empty, or a {@code mac} id is
   *     not 12 hex digits after removing separators
   * @throws NullPointerException if {@code text} is null
   */
  public static DeviceId parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    String scheme = scheme(s);
    if (scheme == null) {
      throw new WrpFormatException("device id " + quote(text)
          + ": unknown or missing scheme (expected mac, uuid, serial, dns, event or self)");
    }
    if (scheme == SELF) {
      return new DeviceId(SELF, "");
    }
    int start = scheme.length() + 1;
    int end = idEnd(s, start, s.length());
    if (s.startsWith(scheme) && isCanonicalId(s, scheme, start, end)) {
      return new DeviceId(scheme, null, end == s.length() ? s : s.substring(0, end));
    }
    String authority = s.substring(start, end).strip();
    return of(scheme, authority, "device id", text);
  }

  /**
   * The scheme of the device id that {@code text} holds from {@code from} to {@code to}
   * (exclusive; the id ends at its first {@code /}) when that id is in canonical form already,
   * so that {@link #parse} would keep it as it is and a caller may use the text itself: a
   * lower-case scheme, an id without white space around it, a MAC as 12 lower-case hex digits,
   * and no white space at either end of the range. Null when the id is not canonical, not a
   * device id, or {@code self} (whose canonical form drops the id). Allocates nothing;
   * thread-safe.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= text.length()}
   * @throws NullPointerException if {@code text} is null
   */
  public static String canonicalScheme(String text, int from, int to) {
    Objects.checkFromToIndex(from, to, text.length());
    if (to - from < 2 || Character.isWhitespace(text.charAt(from))
        || Character.isWhitespace(text.charAt(to - 1))) {
      return null;
    }
    for (String scheme : SCHEMES) {
      int start = from + scheme.length() + 1;
      if (start <= to && text.charAt(start - 1) == ':' && text.startsWith(scheme, from)) {
        return scheme != SELF && isCanonicalId(text, scheme, start, idEnd(text, start, to))
            ? scheme : null;
      }
    }
    return null;
  }

  /** The end of the id that starts at {@code start}: its first {@code /} before {@code to}, or it. */
  private static int idEnd(String text, int start, int to) {
    for (int i = start; i < to; i++) {
      if (text.charAt(i) == '/') {
        return i;
      }
    }
    return to;
  }

  /**
   * Whether the id of a known scheme, from {@code start} to {@code end}, is already what {@link
   * #of} would make of it: not empty, without surrounding white space, a MAC as 12 lower-case
   * hex digits.
   */
  private static boolean isCanonicalId(String s, String scheme, int start, int end) {
    if (end == start) {
      return false;
    }
    if (scheme == MAC) {
      if (end - start != 12) {
        return false;
      }
      for (int i = start; i < end; i++) {
        char c = s.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      return true;
    }
    return !Character.isWhitespace(s.charAt(start)) && !Character.isWhitespace(s.charAt(end - 1));
  }

  /** The scheme, lower case: {@code mac}, {@code uuid}, {@code serial}, {@code dns}, ... */
  public String prefix() {
    return prefix;
  }

  /** The id after the colon, normalised for {@code mac}; {@code ""} for {@code self}. */
  public String id() {
    String i = id;
    if (i == null) {
      i = canonical.substring(prefix.length() + 1);
      id = i;
    }
    return i;
  }

  /** The canonical form {@code prefix:id}. */
  @Override
  public String toString() {
    return canonical;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceId && canonical.equals(((DeviceId) o).canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  /** Builds a device id from a known scheme and a stripped authority, validating it. */
  static DeviceId of(String scheme, String authority, String what, String input) {
    if (scheme == SELF) {
      return new DeviceId(SELF, "");
    }
    return new DeviceId(scheme, id(scheme, authority, what, input));
  }

  /**
   * The canonical id of a known scheme (not self) and a stripped authority, validated: what
   * {@link #of} builds a device id from, for a caller that needs only the id.
   */
  static String id(String scheme, String authority, String what, String input) {
    if (authority.isEmpty()) {
      throw new WrpFormatException(what + " " + quote(input) + ": missing id after \"" + scheme
          + ":\"");
    }
    return scheme == MAC ? normalizeMac(authority, what, input) : authority;
  }

  /**
   * Returns the canonical scheme constant that {@code s} starts with (followed by ':'), matching
   * case-insensitively, or null. The result is one of the constants, so callers compare with ==.
   */
  static String scheme(String s) {
    for (String scheme : SCHEMES) {
      int n = scheme.length();
      if (s.length() > n && s.charAt(n) == ':' && s.regionMatches(true, 0, scheme, 0, n)) {
        return scheme;
      }
    }
    return null;
  }

  private static String normalizeMac(String mac, String what, String input) {
    StringBuilder digits = new StringBuilder(12);
    for (int i = 0; i < mac.length(); i++) {
      char c = mac.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        digits.append(c);
      } else if (c >= 'A' && c <= 'F') {
        digits.append((char) (c + ('a' - 'A')));
      } else if (c != ':' && c != '-' && c != '.' && c != ',') {
        throw new WrpFormatException(what + " " + quote(input) + ": invalid character '" + c
            + "' in MAC address (expected hex digits and the separators : - . ,)");
      }
    }
    if (digits.length() != 12) {
      throw new WrpFormatException(what + " " + quote(input) + ": MAC address has "
          + digits.length() + " hex digits (expected 12)");
    }
    return digits.toString();
  }

  /** Quotes untrusted input for an error message, cut to a bounded length. */
  static String quote(String input) {
    String shown = input.length() > MAX_ECHO ? input.substring(0, MAX_ECHO) + "..." : input;
    return '"' + shown + '"';
  }
}
