package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DeviceId.parse, with the cases of wrp-go's id_test.go TestParseDeviceID plus our schemes. */
class DeviceIdTest {

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(delimiter = '|', textBlock = """
      MAC:11:22:33:44:55:66                    | mac:112233445566      | mac    | 112233445566
      MAC:11aaBB445566                         | mac:11aabb445566      | mac    | 11aabb445566
      mac:11-aa-BB-44-55-66                    | mac:11aabb445566      | mac    | 11aabb445566
      mac:11,aa,BB,44,55,66                    | mac:11aabb445566      | mac    | 11aabb445566
      mac:11.aa.BB.44.55.66                    | mac:11aabb445566      | mac    | 11aabb445566
      uuid:anything Goes!                      | uuid:anything Goes!   | uuid   | anything Goes!
      dns:anything Goes!                       | dns:anything Goes!    | dns    | anything Goes!
      serial:1234                              | serial:1234           | serial | 1234
      mac:11-aa-BB-44-55-66/service            | mac:11aabb445566      | mac    | 11aabb445566
      mac:11-aa-BB-44-55-66/service/           | mac:11aabb445566      | mac    | 11aabb445566
      MAC:11-aa-BB-44-55-66/service/ignoreMe   | mac:11aabb445566      | mac    | 11aabb445566
      mac:11-aa-BB-44-55-66/service/foo/bar    | mac:11aabb445566      | mac    | 11aabb445566
      mac:481d70187fef                         | mac:481d70187fef      | mac    | 481d70187fef
      mac:481d70187fef/parodus/tag/test0       | mac:481d70187fef      | mac    | 481d70187fef
      Serial:AbC                               | serial:AbC            | serial | AbC
      EVENT:device-status/mac:112233445566     | event:device-status   | event  | device-status
      self:                                    | self:                 | self   | ''
      SELF:/service                            | self:                 | self   | ''
      self:anything                            | self:                 | self   | ''
      '  uuid:  abc  /svc '                    | uuid:abc              | uuid   | abc
      mac:112233445566                         | mac:112233445566      | mac    | 112233445566
      mac:112233445566/svc/x                   | mac:112233445566      | mac    | 112233445566
      mac:aabbccddeeff                         | mac:aabbccddeeff      | mac    | aabbccddeeff
      mac:AABBCCDDEEFF                         | mac:aabbccddeeff      | mac    | aabbccddeeff
      Mac:112233445566                         | mac:112233445566      | mac    | 112233445566
      'uuid:abc /svc'                          | uuid:abc              | uuid   | abc
      'uuid: abc'                              | uuid:abc              | uuid   | abc
      'dns:a b/svc'                            | dns:a b               | dns    | a b
      """)
  void parsesToCanonicalForm(String input, String canonical, String prefix, String id) {
    DeviceId parsed = DeviceId.parse(input);

    assertThat(parsed.toString()).isEqualTo(canonical);
    assertThat(parsed.prefix()).isEqualTo(prefix);
    assertThat(parsed.id()).isEqualTo(id);
  }

  @ParameterizedTest(name = "\"{0}\" fails with \"{1}\"")
  @CsvSource(delimiter = '|', textBlock = """
      invalid:a-BB-44-55      | unknown or missing scheme
      invalid:random stuff    | unknown or missing scheme
      ''                      | unknown or missing scheme
      mac                     | unknown or missing scheme
      macaddress:112233445566 | unknown or missing scheme
      mac:11-aa-BB-44-55      | MAC address has 10 hex digits (expected 12)
      MAC:invalid45566        | invalid character 'i' in MAC address
      mac:11223344556w        | invalid character 'w' in MAC address
      mac:1122334455667788    | MAC address has 16 hex digits (expected 12)
      mac:                    | missing id after "mac:"
      uuid:/service           | missing id after "uuid:"
      'serial:   /service'    | missing id after "serial:"
      dns:                    | missing id after "dns:"
      event:/online           | missing id after "event:"
      """)
  void rejectsInvalidIds(String input, String fragment) {
    assertThatThrownBy(() -> DeviceId.parse(input))
        .isExactlyInstanceOf(WrpFormatException.class)
        .hasMessageContaining(fragment)
        .hasMessageContaining("device id \"" + input + "\"");
  }

  @Test
  void equalIdsInDifferentSpellingsAreEqual() {
    assertThat(DeviceId.parse("MAC:11:22:33:44:55:66"))
        .isEqualTo(DeviceId.parse("mac:112233445566/config"))
        .hasSameHashCodeAs(DeviceId.parse("mac:112233445566"));
    assertThat(DeviceId.parse("serial:abc")).isNotEqualTo(DeviceId.parse("serial:ABC"));
  }

  @Test
  void errorMessageCutsVeryLongInput() {
    String input = "bogus:" + "x".repeat(10_000);

    assertThatThrownBy(() -> DeviceId.parse(input))
        .isInstanceOf(WrpFormatException.class)
        .message().hasSizeLessThan(300);
  }

  @ParameterizedTest(name = "\"{0}\" in [{1}, {2}): {3}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      mac:112233445566                 | 0 | 16 | mac
      mac:112233445566/telemetry       | 0 | 26 | mac
      x/mac:112233445566/online        | 2 | 25 | mac
      event:device-status/mac:112233445566 | 20 | 36 | mac
      dns:talaria-3.example.net        | 0 | 25 | dns
      uuid:AbC-123                     | 0 | 12 | uuid
      serial:XYZ/1                     | 0 | 12 | serial
      event:thing                      | 0 | 11 | event
      mac:11:22:33:44:55:66            | 0 | 21 | null
      mac:112233445566AB               | 0 | 18 | null
      mac:AABBCCDDEEFF                 | 0 | 16 | null
      MAC:112233445566                 | 0 | 16 | null
      self:anything                    | 0 | 13 | null
      dns:/x                           | 0 | 6  | null
      nope:112233445566                | 0 | 17 | null
      m                                | 0 | 1  | null
      """)
  void canonicalSchemeNamesTheSchemeOfAnIdParseWouldKeepAsItIs(
      String text, int from, int to, String scheme) {
    assertThat(DeviceId.canonicalScheme(text, from, to)).isEqualTo(scheme);
    if (scheme != null) {
      String range = text.substring(from, to);
      int slash = range.indexOf('/', scheme.length() + 1);
      String id = slash < 0 ? range : range.substring(0, slash);
      assertThat(DeviceId.parse(range).toString()).isEqualTo(id);
    }
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', textBlock = """
      ' mac:112233445566'
      'mac:112233445566 '
      'uuid: abc'
      'uuid:abc /x'
      """)
  void canonicalSchemeRefusesWhiteSpaceParseWouldStrip(String text) {
    assertThat(DeviceId.canonicalScheme(text, 0, text.length())).isNull();
  }
}
