package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.ErrorType;
import io.wrpkafka.PublishException;
import io.wrpkafka.wrp.DeviceId;
import io.wrpkafka.wrp.Locator;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import io.wrpkafka.wrp.WrpFormatException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MessageFactsTest {

  static Message message(String source, String destination, String metadata) {
    Map<String, String> map = new LinkedHashMap<>();
    if (!metadata.isEmpty()) {
      for (String pair : metadata.split(";")) {
        int eq = pair.indexOf('=');
        map.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return Message.builder().type(MessageType.SIMPLE_EVENT).source(source)
        .destination(destination).metadata(map).build();
  }

  static MessageFacts facts(String source, String destination, String metadata) {
    return MessageFacts.of(message(source, destination, metadata));
  }

  @ParameterizedTest(name = "\"{0}\" has event type \"{1}\", alias {2}")
  @CsvSource(quoteCharacter = '\'', nullValues = "null", value = {
      "event:device-status/mac:112233445566/online,       online,         device-status",
      "event:device-status/mac:112233445566/offline,      offline,        device-status",
      "event:device-status/mac:112233445566/status,       device-status,  null",
      "event:device-status/mac:112233445566,              device-status,  null",
      "event:device-status/mac:112233445566/online/extra, device-status,  null",
      "event:device-status,                               device-status,  null",
      "event:online,                                      online,         null",
      "event:node-change/serial:abc,                      node-change,    null",
      "EVENT:fw-upgrade/mac:112233445566,                 fw-upgrade,     null",
      "event:Device-Status/mac:112233445566/online,       Device-Status,  null",
      "event:device-status/mac:112233445566/Online,       device-status,  null",
      "event:device-status/mac:112233445566/onlinex,      device-status,  null",
      "event:device-status//online,                       online,         device-status",
      "'event:device-status/mac:112233445566/online ',    online,         device-status",
      "' event:device-status/mac:112233445566/offline',   offline,        device-status",
      "'event: device-status /mac:112233445566/online',   online,         device-status",
      "'event: iot-alarm',                                iot-alarm,      null",
      "mac:112233445566/config,                           '',             null",
      "dns:talaria.example.com/api,                       '',             null",
      "self:/service,                                     '',             null",
  })
  void eventTypeIsTheAuthorityOfAnEventDestination(String destination, String eventType,
      String alias) {
    MessageFacts facts = facts("mac:112233445566", destination, "");
    assertThat(facts.eventType).isEqualTo(eventType);
    assertThat(facts.eventTypeAlias()).isEqualTo(alias);
    assertThat(facts.isEvent).isEqualTo(!eventType.isEmpty());
  }

  @ParameterizedTest(name = "destination \"{0}\" is rejected: {1}")
  @CsvSource(quoteCharacter = '\'', value = {
      "'',              'destination: empty'",
      "nonsense,        'destination: locator \"nonsense\": unknown or missing scheme'",
      "'event:',        'destination: locator \"event:\": missing id'",
      "'event:/online', 'destination: locator \"event:/online\": missing id'",
      "'event: /online', 'destination: locator \"event: /online\": missing id'",
      "mac:12,          'destination: locator \"mac:12\": MAC address has 2 hex digits'",
  })
  void unusableDestinationIsAValidationError(String destination, String message) {
    assertThatThrownBy(() -> facts("mac:112233445566", destination, ""))
        .isInstanceOfSatisfying(PublishException.class,
            e -> assertThat(e.errorType()).isEqualTo(ErrorType.VALIDATION_ERROR))
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(quoteCharacter = '\'', nullValues = "null", value = {
      "'',                  event:x,                       hw-deviceid=mac:112233445566,         'metadata hw-deviceid'",
      "'',                  event:x,                       /hw-deviceid=mac:112233445566,        'metadata /hw-deviceid'",
      "'',                  event:x,                       hw-deviceid=MAC:11:22:33:44:55:66,    'metadata value canonicalised'",
      "mac:665544332211,    event:x,                       hw-deviceid=mac:112233445566,         'metadata before source'",
      "mac:112233445566,    event:x,                       '',                                   'source when it is a mac'",
      "Mac:11-22-33-44-55-66/svc, event:x,                 '',                                   'source canonicalised'",
      "dns:talaria,         event:x/mac:112233445566/y,    '',                                   'destination device when source is a service'",
      "'',                  event:x/MAC:112233445566,      '',                                   'destination device canonicalised'",
      "'',                  event:device-status/mac:112233445566/online, '',                  'lifecycle destination device'",
      "'',                  'event: x /mac:112233445566',  '',                                   'destination device behind a padded type'",
      "mac:112233445566,    event:x,                       hw-deviceid=garbage,                  'unparseable metadata counts as absent'",
      "'',                  event:x,                       hw-deviceid=;/hw-deviceid=mac:112233445566, 'empty metadata counts as absent'",
  })
  void deviceIdIsTheCanonicalIdOfTheFirstSourceThatHasOne(String source, String destination,
      String metadata, String name) {
    assertThat(facts(source, destination, metadata).deviceId()).isEqualTo("mac:112233445566");
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(quoteCharacter = '\'', value = {
      "'',                  event:x,                      '',                  'nothing at all'",
      "dns:talaria,         event:x/dns:other/y,          '',                  'only services'",
      "not-an-id,           event:x/not-an-id,            hw-deviceid=nope,    'nothing parses'",
      "'',                  mac:112233445566/config,      '',                  'device of a non-event destination is not used'",
  })
  void deviceIdIsNullWhenNoSourceHasOne(String source, String destination, String metadata,
      String name) {
    assertThat(facts(source, destination, metadata).deviceId()).isNull();
  }

  @ParameterizedTest(name = "source \"{0}\" has id {1}")
  @CsvSource(quoteCharacter = '\'', nullValues = "null", value = {
      "mac:112233445566,           112233445566",
      "MAC:11:22:33:44:55:66/svc,  112233445566",
      "uuid:abc-DEF,               abc-DEF",
      "dns:talaria.example.com,    talaria.example.com",
      "'',                         null",
      "garbage,                    null",
      "self:,                      null",
  })
  void sourceIdIsTheIdPartOfTheParsedSource(String source, String expected) {
    assertThat(facts(source, "event:x", "").sourceId()).isEqualTo(expected);
  }

  // The device id rules as DeviceId.parse gives them, to check MessageFacts' in-place reading.
  private static DeviceId parsed(String text) {
    try {
      return DeviceId.parse(text);
    } catch (WrpFormatException e) {
      return null;
    }
  }

  private static boolean isDevice(DeviceId id) {
    return id != null && List.of("mac", "uuid", "serial").contains(id.prefix());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("io.wrpkafka.routing.CanonicalIdsTest#ids")
  void metadataDeviceIdIsWhatDeviceIdParseMakes(String id) {
    Message message = Message.builder().type(MessageType.SIMPLE_EVENT).source("")
        .destination("event:x").metadata(Map.of("hw-deviceid", id)).build();
    DeviceId expected = id.isEmpty() ? null : parsed(id);
    assertThat(MessageFacts.of(message).deviceId())
        .isEqualTo(expected == null ? null : expected.toString());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("io.wrpkafka.routing.CanonicalIdsTest#ids")
  void sourceDeviceIdAndIdAreWhatDeviceIdParseMakes(String id) {
    MessageFacts facts = facts(id, "event:x", "");
    DeviceId expected = id.isEmpty() ? null : parsed(id);
    String expectedId = expected == null || expected.id().isEmpty() ? null : expected.id();
    assertThat(facts.deviceId()).isEqualTo(isDevice(expected) ? expected.toString() : null);
    assertThat(facts.sourceId()).isEqualTo(expectedId);
    assertThat(facts.sourceIdBytes())
        .isEqualTo(expectedId == null ? null : expectedId.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("io.wrpkafka.routing.CanonicalIdsTest#ids")
  void destinationDeviceIdIsWhatDeviceIdParseMakesOfTheLocatorsService(String id) {
    for (String destination : List.of("event:x/" + id, "event:x/" + id + "/y",
        "event:device-status/" + id + "/online", "EVENT:x/" + id, "event:x /" + id)) {
      String service = Locator.parse(destination).service();
      DeviceId expected = service.isEmpty() ? null : parsed(service);
      assertThat(facts("", destination, "").deviceId()).as(destination)
          .isEqualTo(isDevice(expected) ? expected.toString() : null);
    }
  }
}
