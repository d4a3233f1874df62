package io.wrpkafka.wrp;

import java.util.Objects;

/**
 * A parsed WRP locator, {@code scheme:authority[/service][/ignored...]}.
 *
 * <p>{@code event:device-status/mac:112233445566/online} has scheme {@code event}, authority
 * {@code device-status}, service {@code mac:112233445566} and ignored {@code /online};
 * {@code mac:112233445566/config} has scheme {@code mac}, authority {@code 112233445566} and
 * service {@code config}. The scheme is lower-cased and a MAC authority normalised as in {@link
 * DeviceId}. Immutable and thread-safe; equality is by the four parts.
 */
public final class Locator {
  /*
   * Follows wrp-go's ParseLocator for schemes, authority trimming and validation (self has no
   * authority; the others need one; a MAC must be valid). One deliberate difference: wrp-go v5
   * puts everything after an event or dns authority into Ignored, while this design reads the
   * service the same way for every scheme, so the device of a Talaria event destination
   * (event:device-status/mac:.../online) is the event locator's service.
   */

  private final String scheme;
  private final String authority;
  private final String service;
  private final String ignored;

  private Locator(String scheme, String authority, String service, String ignored) {
    this.scheme = scheme;
    this.authority = authority;
    this.service = service;
    this.ignored = ignored;
  }

  /**
   * Parses {@code text} (surrounding white space is ignored).
   *
   * @throws WrpFormatException if the scheme is unknown, a required authority is missing, a
   *     {@code self} locator has an authority, or a {@code mac} authority is not a valid MAC
   * @throws NullPointerException if {@code text} is null
   */
  public static Locator parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    String scheme = DeviceId.scheme(s);
    if (scheme == null) {
      throw new WrpFormatException("locator " + DeviceId.quote(text)
          + ": unknown or missing scheme (expected mac, uuid, serial, dns, event or self)");
    }
    int start = scheme.length() + 1;
    int slash = s.indexOf('/', start);
    int authorityEnd = slash < 0 ? s.length() : slash;
    String rawAuthority = s.substring(start, authorityEnd);
    String authority = rawAuthority.strip();
    if (scheme == DeviceId.SELF) {
      if (!rawAuthority.isEmpty()) {
        throw new WrpFormatException("locator " + DeviceId.quote(text)
            + ": self locator must not have an authority (expected \"self:\" or \"self:/service\")");
      }
    } else {
      authority = DeviceId.id(scheme, authority, "locator", text);
    }
    String service = "";
    String ignored = "";
    if (slash >= 0) {
      int next = s.indexOf('/', slash + 1);
      service = s.substring(slash + 1, next < 0 ? s.length() : next);
      ignored = next < 0 ? "" : s.substring(next);
    }
    return new Locator(scheme, authority, service, ignored);
  }

  /** The scheme in lower case: {@code mac}, {@code uuid}, {@code serial}, {@code dns}, ... */
  public String scheme() {
    return scheme;
  }

  /** The authority: device id, DNS name or event name; {@code ""} for {@code self}. */
  public String authority() {
    return authority;
  }

  /** The service, without slashes; {@code ""} when absent. */
  public String service() {
    return service;
  }

  /** Whatever follows the service, starting with {@code /}; {@code ""} when absent. */
  public String ignored() {
    return ignored;
  }

  /** The canonical form {@code scheme:authority[/service]ignored}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(scheme.length() + authority.length() + service.length()
        + ignored.length() + 2).append(scheme).append(':').append(authority);
    if (!service.isEmpty()) {
      sb.append('/').append(service);
    }
    return sb.append(ignored).toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Locator)) {
      return false;
    }
    Locator l = (Locator) o;
    return scheme.equals(l.scheme) && authority.equals(l.authority) && service.equals(l.service)
        && ignored.equals(l.ignored);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, authority, service, ignored);
  }
}
