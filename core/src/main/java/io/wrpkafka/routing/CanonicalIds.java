package io.wrpkafka.routing;

import io.wrpkafka.wrp.DeviceId;

/**
 * Device ids that are canonical already ({@code mac:112233445566}, {@code dns:talaria-1}), read
 * in place in the text that holds them, so that routing needs neither a {@link
 * io.wrpkafka.wrp.DeviceId} nor a copy for them. Anything else goes to {@code DeviceId.parse}.
 */
final class CanonicalIds {
  /*
   * Per message, routing reads up to three device ids (metadata hw-deviceid, the source, the
   * device of an event destination), and nearly all come canonical. scheme() accepts exactly the
   * text that DeviceId.parse would keep as it is (the rule is DeviceId's own,
   * DeviceId.canonicalScheme), so for it the canonical form is the text up to end() and the id
   * is the text between the colon and end(). "self" always goes to DeviceId.parse (its canonical
   * form drops the id). CanonicalIdsTest checks both against DeviceId.parse.
   */

  static final String MAC = "mac";
  static final String UUID = "uuid";
  static final String SERIAL = "serial";

  private CanonicalIds() {}

  /**
   * The scheme ({@code mac}, {@code uuid}, {@code serial}, {@code dns} or {@code event}) when
   * {@code text} from {@code from} to {@code to} (exclusive) is a device id in canonical form up
   * to its first {@code /}; null when it is not, or not a device id at all. Allocates nothing.
   */
  static String scheme(String text, int from, int to) {
    return DeviceId.canonicalScheme(text, from, to);
  }

  /** The end of the id starting at {@code start}: the first {@code /} before {@code to}, or it. */
  static int end(String text, int start, int to) {
    for (int i = start; i < to; i++) {
      if (text.charAt(i) == '/') {
        return i;
      }
    }
    return to;
  }
}
