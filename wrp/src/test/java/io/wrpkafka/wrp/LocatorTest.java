package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Locator.parse, with the cases of wrp-go's id_test.go TestParseLocator adapted to DESIGN 3. */
class LocatorTest {

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
      event:device-status/mac:112233445566/online | event  | device-status | mac:112233445566 | /online | event:device-status/mac:112233445566/online
      mac:112233445566                    | mac    | 112233445566  | ''      | ''                     | mac:112233445566
      Mac:112233445566                    | mac    | 112233445566  | ''      | ''                     | mac:112233445566
      mac:112233445566/config             | mac    | 112233445566  | config  | ''                     | mac:112233445566/config
      MAC:11:22:33:44:55:66/config/a/b    | mac    | 112233445566  | config  | /a/b                   | mac:112233445566/config/a/b
      DNS:foo.bar.com/service/ignored/really | dns | foo.bar.com   | service | /ignored/really        | dns:foo.bar.com/service/ignored/really
      event:event_name/ignored/really     | event  | event_name    | ignored | /really                | event:event_name/ignored/really
      SELF:/service                       | self   | ''            | service | ''                     | self:/service
      self:/service/ignored/really        | self   | ''            | service | /ignored/really        | self:/service/ignored/really
      dns:foo.bar.com                     | dns    | foo.bar.com   | ''      | ''                     | dns:foo.bar.com
      '  event:   targetedEvent     '     | event  | targetedEvent | ''      | ''                     | event:targetedEvent
      event:targetedEvent                 | event  | targetedEvent | ''      | ''                     | event:targetedEvent
      serial:AsdfSerial                   | serial | AsdfSerial    | ''      | ''                     | serial:AsdfSerial
      uuid:bbee1f69-2f64-4aa9-a422-27d68b40b152 | uuid | bbee1f69-2f64-4aa9-a422-27d68b40b152 | '' | '' | uuid:bbee1f69-2f64-4aa9-a422-27d68b40b152
      self:                               | self   | ''            | ''      | ''                     | self:
      mac:112233445566/                   | mac    | 112233445566  | ''      | ''                     | mac:112233445566
      """)
  void parsesIntoItsParts(String input, String scheme, String authority, String service,
      String ignored, String canonical) {
    Locator l = Locator.parse(input);

    assertThat(l.scheme()).isEqualTo(scheme);
    assertThat(l.authority()).isEqualTo(authority);
    assertThat(l.service()).isEqualTo(service);
    assertThat(l.ignored()).isEqualTo(ignored);
    assertThat(l.toString()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "\"{0}\" fails with \"{1}\"")
  @CsvSource(delimiter = '|', textBlock = """
      ''                          | unknown or missing scheme
      invalid:foo.bar.com         | unknown or missing scheme
      mac:112invalid66            | invalid character 'i' in MAC address
      self:anything               | self locator must not have an authority
      event:/anything             | missing id after "event:"
      'event:    /anything'       | missing id after "event:"
      dns:/anything               | missing id after "dns:"
      'dns:      /anything'       | missing id after "dns:"
      uuid:/anything              | missing id after "uuid:"
      'uuid:      /anything'      | missing id after "uuid:"
      serial:/anything            | missing id after "serial:"
      'serial:      /anything'    | missing id after "serial:"
      """)
  void rejectsInvalidLocators(String input, String fragment) {
    assertThatThrownBy(() -> Locator.parse(input))
        .isExactlyInstanceOf(WrpFormatException.class)
        .hasMessageContaining("locator \"" + input + "\"")
        .hasMessageContaining(fragment);
  }

  @Test
  void equalityIsByParts() {
    assertThat(Locator.parse("MAC:11:22:33:44:55:66/config"))
        .isEqualTo(Locator.parse("mac:112233445566/config"))
        .hasSameHashCodeAs(Locator.parse("mac:112233445566/config"))
        .isNotEqualTo(Locator.parse("mac:112233445566/other"));
  }

  @Test
  void serviceOfAnEventDestinationParsesAsTheDevice() {
    Locator l = Locator.parse("event:device-status/mac:11-22-33-44-55-66/online");

    assertThat(DeviceId.parse(l.service()).toString()).isEqualTo("mac:112233445566");
  }
}
