package io.wrpkafka.wrp.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import io.wrpkafka.wrp.WrpFormatException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** WrpSerializer, WrpDeserializer and WrpSerde: formats, the wrp.format key, failures. */
class WrpSerdeTest {

  private static final Message ONLINE = Message.builder()
      .type(MessageType.SIMPLE_EVENT)
      .source("dns:talaria-0.example.com")
      .destination("event:device-status/mac:112233445566/online")
      .contentType("application/json")
      .metadata(Map.of("/hw-deviceid", "mac:112233445566"))
      .payload("{\"id\":\"mac:112233445566\"}".getBytes(StandardCharsets.UTF_8))
      .qualityOfService(30)
      .build();

  private static WrpSerde configured(Object format) {
    WrpSerde serde = new WrpSerde();
    Map<String, Object> configs = new HashMap<>();
    if (format != null) {
      configs.put("wrp.format", format);
    }
    serde.configure(configs, false);
    return serde;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void serdeRoundTripsAMessageInEachFormat(Format format) {
    WrpSerde serde = configured(format.name().toLowerCase());

    byte[] bytes = serde.serializer().serialize("t", ONLINE);

    assertThat(bytes).isEqualTo(format.encode(ONLINE));
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(ONLINE);
  }

  @ParameterizedTest(name = "wrp.format={0} -> {1}")
  @CsvSource(nullValues = "absent", value = {
      "absent, MSGPACK",
      "msgpack, MSGPACK",
      "json, JSON",
      "JSON, JSON",
      "' Json ', JSON",
      "MsgPack, MSGPACK"})
  void formatKeyIsReadInAnyCase(String value, Format expected) {
    WrpSerializer serializer = new WrpSerializer();
    WrpDeserializer deserializer = new WrpDeserializer();
    Map<String, Object> configs = new HashMap<>();
    configs.put("wrp.format", value);

    serializer.configure(configs, false);
    deserializer.configure(configs, true);

    assertThat(serializer.format()).isEqualTo(expected);
    assertThat(deserializer.format()).isEqualTo(expected);
  }

  @Test
  void formatKeyAcceptsTheFormatEnumItself() {
    assertThat(((WrpSerializer) configured(Format.JSON).serializer()).format()).isEqualTo(Format.JSON);
  }

  @Test
  void unknownFormatValueIsAConfigExceptionNamingKeyAndValue() {
    assertThatThrownBy(() -> configured("xml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("wrp.format: unknown format \"xml\" (expected msgpack or json)");
  }

  @Test
  void nonStringFormatValueIsAConfigExceptionNamingItsType() {
    assertThatThrownBy(() -> configured(42))
        .isInstanceOf(ConfigException.class)
        .hasMessage("wrp.format: expected a string (msgpack or json), found Integer");
  }

  @Test
  void formatGivenToTheConstructorHoldsWhenTheKeyIsAbsent() {
    WrpSerde serde = new WrpSerde(Format.JSON);
    serde.configure(Map.of("other.key", "x"), false);

    assertThat(serde.deserializer().deserialize("t", Format.JSON.encode(ONLINE))).isEqualTo(ONLINE);
  }

  @Test
  void nullMessageSerializesToNull() {
    assertThat(new WrpSerializer().serialize("t", null)).isNull();
  }

  @Test
  void tombstoneDeserializesToNull() {
    assertThat(new WrpDeserializer().deserialize("t", null)).isNull();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "msgpack | 0xc0 | a record value on topic events is not a WRP msgpack message: ",
      "json    | 0x7b | a record value on topic events is not a WRP JSON message: "})
  void malformedValueIsASerializationExceptionCausedByWrpFormatException(
      String format, String firstByte, String prefix) {
    WrpSerde serde = configured(format);
    byte[] bad = {Integer.decode(firstByte).byteValue()};

    assertThatThrownBy(() -> serde.deserializer().deserialize("events", bad))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith(prefix)
        .cause()
        .isInstanceOf(WrpFormatException.class)
        .satisfies(cause -> assertThat(cause.getMessage()).isNotEmpty());
  }

  @Test
  void failureMessageRepeatsTheWrpFormatReason() {
    byte[] truncated = java.util.Arrays.copyOf(Format.MSGPACK.encode(ONLINE), 10);
    String reason = messageOf(() -> Format.MSGPACK.decode(truncated));

    assertThatThrownBy(() -> new WrpDeserializer().deserialize("events", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessage("a record value on topic events is not a WRP msgpack message: " + reason);
  }

  @Test
  void keyDeserializerSaysKeyInItsFailure() {
    WrpDeserializer deserializer = new WrpDeserializer();
    deserializer.configure(Map.of(), true);

    assertThatThrownBy(() -> deserializer.deserialize("events", new byte[] {1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("a record key on topic events");
  }

  @Test
  void serdeHandsOutTheSameHalvesEachTime() {
    WrpSerde serde = new WrpSerde();

    assertThat(serde.serializer()).isSameAs(serde.serializer());
    assertThat(serde.deserializer()).isSameAs(serde.deserializer());
    assertThat(List.of(serde.serializer(), serde.deserializer()))
        .hasOnlyElementsOfTypes(WrpSerializer.class, WrpDeserializer.class);
  }

  private static String messageOf(Runnable failing) {
    try {
      failing.run();
    } catch (WrpFormatException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a WrpFormatException");
  }
}
