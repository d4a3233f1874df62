package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HeaderTemplateTest {

  private static final Message FULL = Message.builder()
      .type(MessageType.SIMPLE_EVENT)
      .source("mac:112233445566/service")
      .destination("event:online")
      .transactionUuid("12345-67890")
      .contentType("application/json")
      .accept("application/msgpack")
      .status(200)
      .requestDeliveryResponse(42)
      .path("/api/v2/device")
      .serviceName("talaria")
      .url("https://example.com/webhook")
      .sessionId("session-123")
      .headers(List.of("X-Custom: value1", "X-Another: value2", "Content-Type: application/json",
          "X-Custom-Header: value1", "X-Custom-Header: value2", "accept-encoding: gzip, deflate",
          "MalformedHeaderNoColon", "X-Empty:", "  X-Whitespace  :  spaced value  ",
          "X-Equals=not-a-colon"))
      .partnerIds(List.of("partner1", "partner2"))
      .qualityOfService(75)
      .metadata(Map.of("region", "us-west", "env", "prod", "empty", "", "/slashed", "s"))
      .build();

  private static final Message EMPTY = Message.builder().type(MessageType.SIMPLE_EVENT).build();

  private static List<String> values(String reference, Message message) {
    HeaderList out = new HeaderList(1);
    HeaderTemplate.compile("k", 0, reference).addTo(out, MessageFacts.of(
        message.toBuilder().destination(message.destination().isEmpty() ? "event:x"
            : message.destination()).build()));
    assertThat(out).allSatisfy(h -> assertThat(h.key()).isEqualTo("k"));
    return out.stream().map(Header::value).toList();
  }

  @ParameterizedTest(name = "{0} gives {1}")
  @CsvSource(delimiter = ';', quoteCharacter = '\'', value = {
      "wrp.Type;                     SimpleEventMessageType",
      "wrp.Source;                   mac:112233445566/service",
      "wrp.DeviceID;                 112233445566",
      "wrp.Destination;              event:online",
      "wrp.TransactionUUID;          12345-67890",
      "wrp.ContentType;              application/json",
      "wrp.Accept;                   application/msgpack",
      "wrp.Status;                   200",
      "wrp.RequestDeliveryResponse;  42",
      "wrp.Headers;                  'X-Custom: value1|X-Another: value2|Content-Type: application/json|X-Custom-Header: value1|X-Custom-Header: value2|accept-encoding: gzip, deflate|MalformedHeaderNoColon|X-Empty:|  X-Whitespace  :  spaced value  |X-Equals=not-a-colon'",
      "wrp.Path;                     /api/v2/device",
      "wrp.ServiceName;              talaria",
      "wrp.URL;                      https://example.com/webhook",
      "wrp.PartnerIDs;               partner1|partner2",
      "wrp.SessionID;                session-123",
      "wrp.QualityOfService;         75",
      "wrp.Header.Content-Type;      application/json",
      "wrp.Header.X-Custom-Header;   value1|value2",
      "wrp.Header.ACCEPT-ENCODING;   'gzip, deflate'",
      "wrp.Header.x-whitespace;      spaced value",
      "wrp.Header. X-Custom ;        value1",
      "wrp.Metadata.region;          us-west",
      "wrp.Metadata.env;             prod",
      "wrp.Metadata./slashed;        s",
      "a literal value;              a literal value",
      "wrp-not-a-reference;          wrp-not-a-reference",
  })
  void referenceYieldsTheFieldValuesOfTheMessage(String reference, String expected) {
    assertThat(values(reference, FULL)).containsExactlyElementsOf(Arrays.asList(expected.split("\\|")));
  }

  @ParameterizedTest(name = "{0} gives nothing")
  @CsvSource(quoteCharacter = '\'', value = {
      "wrp.Header.X-Missing", "wrp.Header.MalformedHeaderNoColon", "wrp.Header.X-Empty",
      "wrp.Header.X-Equals", "wrp.Metadata.missing", "wrp.Metadata.empty",
      "wrp.Metadata.slashed"})
  void absentOrEmptyValuesAreOmitted(String reference) {
    assertThat(values(reference, FULL)).isEmpty();
  }

  @ParameterizedTest(name = "{0} of an empty message gives nothing")
  @CsvSource({"wrp.Source", "wrp.DeviceID", "wrp.TransactionUUID", "wrp.ContentType",
      "wrp.Accept", "wrp.Status", "wrp.RequestDeliveryResponse", "wrp.Headers", "wrp.Path",
      "wrp.ServiceName", "wrp.URL", "wrp.PartnerIDs", "wrp.SessionID", "wrp.Metadata.region",
      "wrp.Header.Content-Type"})
  void unsetFieldsAreOmitted(String reference) {
    assertThat(values(reference, EMPTY)).isEmpty();
  }

  @Test
  void qualityOfServiceZeroIsStillWritten() {
    assertThat(values("wrp.QualityOfService", EMPTY)).containsExactly("0");
  }

  @Test
  void statusZeroIsWrittenWhenSet() {
    assertThat(values("wrp.Status", EMPTY.toBuilder().status(0).build())).containsExactly("0");
  }

  @Test
  void deviceIdOfAnUnparseableSourceIsOmitted() {
    assertThat(values("wrp.DeviceID", EMPTY.toBuilder().source("garbage").build())).isEmpty();
  }

  @Test
  void emptyLiteralIsOmitted() {
    assertThat(values("", FULL)).isEmpty();
  }

  @ParameterizedTest(name = "{0} is named as wrp-go names it")
  @EnumSource(MessageType.class)
  void typeIsTheWrpGoMessageTypeName(MessageType type) {
    String camel = Arrays.stream(type.name().split("_"))
        .map(w -> w.charAt(0) + w.substring(1).toLowerCase())
        .reduce("", String::concat);
    assertThat(values("wrp.Type", EMPTY.toBuilder().type(type).build()))
        .containsExactly(camel + "MessageType");
  }

  @ParameterizedTest(name = "QoS {0} gives \"{0}\"")
  @CsvSource({"0", "1", "24", "25", "50", "74", "75", "98", "99"})
  void qualityOfServiceHeaderIsTheDecimalQos(int qos) {
    assertThat(values("wrp.QualityOfService", EMPTY.toBuilder().qualityOfService(qos).build()))
        .containsExactly(Integer.toString(qos));
  }

  @Test
  void typeHeaderIsBuiltOnceAndReusedForEveryMessage() {
    HeaderTemplate template = HeaderTemplate.compile("k", 0, "wrp.Type");
    HeaderList first = new HeaderList(1);
    HeaderList second = new HeaderList(1);
    template.addTo(first, MessageFacts.of(FULL));
    template.addTo(second, MessageFacts.of(FULL.toBuilder().source("mac:665544332211").build()));
    assertThat(second.get(0)).isSameAs(first.get(0));
  }

  @Test
  void typeHeaderValueBytesAreSharedByEveryMessage() {
    HeaderTemplate template = HeaderTemplate.compile("k", 0, "wrp.Type");
    HeaderList first = new HeaderList(1);
    HeaderList second = new HeaderList(1);
    template.addTo(first, MessageFacts.of(FULL));
    template.addTo(second, MessageFacts.of(FULL.toBuilder().source("mac:665544332211").build()));
    assertThat(second.valueBytes(0)).isSameAs(first.valueBytes(0))
        .isEqualTo("SimpleEventMessageType".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void literalValueBytesAreSharedByEveryMessage() {
    HeaderTemplate template = HeaderTemplate.compile("k", 0, "wrpkafka");
    HeaderList first = new HeaderList(1);
    HeaderList second = new HeaderList(1);
    template.addTo(first, MessageFacts.of(FULL));
    template.addTo(second, MessageFacts.of(FULL));
    assertThat(second.valueBytes(0)).isSameAs(first.valueBytes(0));
  }

  @ParameterizedTest(name = "{0} of a non-ASCII message gives {1}")
  @CsvSource(delimiter = ';', value = {
      "wrp.DeviceID;        café.example.net",
      "wrp.Header.X-Name;   José Ñúñez",
      "wrp.Metadata.city;   Zürich",
      "wrp.SessionID;       セッション"})
  void nonAsciiValuesKeepTheirCharacters(String reference, String expected) {
    Message message = FULL.toBuilder()
        .source("dns:café.example.net/service")
        .headers(List.of("X-Name:  José Ñúñez "))
        .metadata(Map.of("city", "Zürich"))
        .sessionId("セッション")
        .build();
    assertThat(values(reference, message)).containsExactly(expected);
  }
}
