package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.wrp.DeviceId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalIdsTest {

  /** Device ids of every kind: canonical, to be canonicalised, and invalid. */
  static List<String> ids() {
    List<String> ids = new ArrayList<>(List.of(
        "mac:112233445566", "mac:112233445566/telemetry", "mac:112233445566/a/b",
        "mac:aabbccddeeff", "mac:AABBCCDDEEFF", "MAC:112233445566", "Mac:112233445566",
        "mac:11:22:33:44:55:66", "mac:11-22-33-44-55-66/svc", "mac:1122.3344.5566",
        "mac:11,22,33,44,55,66", "mac:11223344556", "mac:1122334455667", "mac:11223344556g",
        "mac:", "mac:/svc", "mac: 112233445566", "mac:112233445566 ", " mac:112233445566",
        "mac:112233445566\t/x", "mac:11223344556Ｆ", "mac:112233445566/",
        "uuid:abc-DEF", "uuid:123e4567-e89b-12d3-a456-426614174000/svc", "UUID:abc",
        "uuid: abc", "uuid:abc ", "uuid:a b", "uuid:", "uuid:/x",
        "serial:ABC123", "serial:ABC123/config", "Serial:ABC123", "serial: x /y",
        "dns:talaria-3.xmidt.example.net", "dns:talaria/api", "DNS:host", "dns:",
        "event:device-status/mac:112233445566/online", "event:x", "Event:x", "event:",
        "self:", "self:anything", "self:/svc", "SELF:",
        "", "x", "mac", "macx:112233445566", "mac;112233445566", "mac112233445566",
        "nonsense", "foo:bar", ":", "/", "mac:112233445566\u00a0", "\u2003mac:112233445566",
        "dns:café.example", "serial:日本", "uuid:😀"));
    return ids;
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("ids")
  void canonicalIdReadInPlaceIsWhatDeviceIdParseMakes(String text) {
    String scheme = CanonicalIds.scheme(text, 0, text.length());
    if (scheme == null) {
      return;
    }
    int start = scheme.length() + 1;
    int end = CanonicalIds.end(text, start, text.length());
    DeviceId parsed = DeviceId.parse(text);
    assertThat(parsed.prefix()).isEqualTo(scheme);
    assertThat(parsed.toString()).isEqualTo(text.substring(0, end));
    assertThat(parsed.id()).isEqualTo(text.substring(start, end));
  }

  @ParameterizedTest(name = "\"{0}\" inside \"{1}\"")
  @MethodSource("ids")
  void regionIsReadAsTheSubstringWouldBe(String text) {
    String padded = "a/" + text + "/z";
    int from = 2;
    int to = from + text.length();
    String scheme = CanonicalIds.scheme(padded, from, to);
    assertThat(scheme).isEqualTo(CanonicalIds.scheme(text, 0, text.length()));
    if (scheme != null) {
      assertThat(CanonicalIds.end(padded, from + scheme.length() + 1, to) - from)
          .isEqualTo(CanonicalIds.end(text, scheme.length() + 1, text.length()));
    }
  }

  @ParameterizedTest(name = "\"{0}\" is read in place as {1}")
  @CsvSource({
      "mac:112233445566, mac",
      "mac:112233445566/telemetry, mac",
      "uuid:abc-DEF, uuid",
      "serial:ABC123/config, serial",
      "dns:talaria-3.xmidt.example.net, dns",
      "event:device-status/mac:112233445566/online, event"})
  void usualDeviceIdsAreReadInPlace(String text, String scheme) {
    assertThat(CanonicalIds.scheme(text, 0, text.length())).isEqualTo(scheme);
  }

  @ParameterizedTest(name = "\"{0}\" goes to DeviceId.parse")
  @CsvSource(quoteCharacter = '\'', value = {
      "MAC:112233445566", "mac:AABBCCDDEEFF", "mac:11:22:33:44:55:66", "' mac:112233445566'",
      "'uuid: abc'", "self:", "mac:", "nonsense", "''"})
  void anyOtherTextGoesToDeviceIdParse(String text) {
    assertThat(CanonicalIds.scheme(text, 0, text.length())).isNull();
  }
}
