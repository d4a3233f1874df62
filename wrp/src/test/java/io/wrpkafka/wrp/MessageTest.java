package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {

  private static Message.Builder event() {
    return Message.builder().type(MessageType.SIMPLE_EVENT);
  }

  @Test
  void absentFieldsReadAsEmpty() {
    Message m = event().build();

    assertThat(m.source()).isEmpty();
    assertThat(m.destination()).isEmpty();
    assertThat(m.transactionUuid()).isEmpty();
    assertThat(m.contentType()).isEmpty();
    assertThat(m.accept()).isEmpty();
    assertThat(m.path()).isEmpty();
    assertThat(m.serviceName()).isEmpty();
    assertThat(m.url()).isEmpty();
    assertThat(m.sessionId()).isEmpty();
    assertThat(m.status()).isEmpty();
    assertThat(m.requestDeliveryResponse()).isEmpty();
    assertThat(m.headers()).isEmpty();
    assertThat(m.partnerIds()).isEmpty();
    assertThat(m.metadata()).isEmpty();
    assertThat(m.spans()).isEmpty();
    assertThat(m.payload()).isEmpty();
    assertThat(m.payloadLength()).isZero();
    assertThat(m.qualityOfService()).isZero();
  }

  @Test
  void buildingWithoutATypeGivesASimpleEvent() {
    assertThat(Message.builder().source("x").build().type()).isEqualTo(MessageType.SIMPLE_EVENT);
  }

  @Test
  void settersRejectNullNamingTheParameter() {
    assertThatThrownBy(() -> event().source(null)).hasMessage("source");
    assertThatThrownBy(() -> event().payload(null)).hasMessage("payload");
    assertThatThrownBy(() -> event().headers(java.util.Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class);
    Map<String, String> withNullValue = new LinkedHashMap<>();
    withNullValue.put("fw", null);
    assertThatThrownBy(() -> event().metadata(withNullValue)).hasMessage("metadata[\"fw\"]");
  }

  @Test
  void spansSetterRejectsNullNamingTheSpanAndValue() {
    assertThatThrownBy(() -> event().spans(null)).hasMessage("spans");
    assertThatThrownBy(() -> event().spans(java.util.Arrays.asList(List.of("a"), null)))
        .isInstanceOf(NullPointerException.class).hasMessage("spans[1]");
    assertThatThrownBy(() -> event().spans(List.of(java.util.Arrays.asList("a", null))))
        .isInstanceOf(NullPointerException.class).hasMessage("spans[0][1]");
  }

  @Test
  void spansAreCopiedAndUnmodifiableAtBothLevels() {
    List<String> span = new ArrayList<>(List.of("talaria-send", "1732269600", "1200"));
    List<List<String>> spans = new ArrayList<>(List.of(span));
    Message m = event().spans(spans).build();

    span.set(0, "changed");
    spans.add(List.of("added"));

    assertThat(m.spans()).containsExactly(List.of("talaria-send", "1732269600", "1200"));
    assertThatThrownBy(() -> m.spans().add(List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.spans().get(0).set(0, "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest(name = "qos {0}")
  @ValueSource(ints = {-1, 100, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void qualityOfServiceOutsideZeroTo99IsRejected(int qos) {
    assertThatThrownBy(() -> event().qualityOfService(qos))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("qualityOfService: " + qos + " is outside 0 to 99");
  }

  @Test
  void payloadIsCopiedOnTheWayInAndOut() {
    byte[] bytes = {1, 2, 3};
    Message m = event().payload(bytes).build();

    bytes[0] = 9;
    m.payload()[1] = 9;

    assertThat(m.payload()).containsExactly(1, 2, 3);
  }

  @Test
  void payloadViewsCopyNothingAndCannotWrite() throws IOException {
    Message m = event().payload(new byte[] {4, 5}).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    m.writePayloadTo(out);

    assertThat(out.toByteArray()).containsExactly(4, 5);
    assertThat(m.payloadBuffer().isReadOnly()).isTrue();
    assertThat(m.payloadBuffer().remaining()).isEqualTo(2);
    assertThat(m.payloadLength()).isEqualTo(2);
  }

  @Test
  void listsAndMetadataAreCopiedAndUnmodifiable() {
    List<String> headers = new ArrayList<>(List.of("a"));
    Map<String, String> metadata = new LinkedHashMap<>(Map.of("k", "v"));
    Message m = event().headers(headers).partnerIds(headers).metadata(metadata).build();

    headers.add("b");
    metadata.put("k2", "v2");

    assertThat(m.headers()).containsExactly("a");
    assertThat(m.partnerIds()).containsExactly("a");
    assertThat(m.metadata()).containsOnlyKeys("k");
    assertThatThrownBy(() -> m.headers().add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.metadata().put("c", "d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void metadataKeepsInsertionOrder() {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String key : List.of("z", "a", "m", "/b", "c", "y", "x", "w", "v", "u", "t", "s")) {
      metadata.put(key, key);
    }

    assertThat(event().metadata(metadata).build().metadata().keySet())
        .containsExactlyElementsOf(metadata.keySet());
  }

  @Test
  void equalFieldsMakeEqualMessages() {
    Message a = event().source("s").payload(new byte[] {1}).status(0).metadata(Map.of("k", "v"))
        .build();
    Message b = event().source("s").payload(new byte[] {1}).status(0).metadata(Map.of("k", "v"))
        .build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.toBuilder().payload(new byte[] {2}).build());
    assertThat(a).isNotEqualTo(b.toBuilder().clearStatus().build());
    assertThat(a).isNotEqualTo(b.toBuilder().type(MessageType.CREATE).build());
    assertThat(a).isNotEqualTo(b.toBuilder().spans(List.of(List.of("s", "1", "2"))).build());
    assertThat(a.toBuilder().spans(List.of(List.of("s"))).build())
        .isEqualTo(b.toBuilder().spans(List.of(new ArrayList<>(List.of("s")))).build())
        .hasSameHashCodeAs(b.toBuilder().spans(List.of(List.of("s"))).build());
  }

  @Test
  void toBuilderKeepsEveryFieldAndChangesOnlyWhatIsSet() {
    Message original = event().source("s").destination("d").transactionUuid("t")
        .contentType("c").accept("a").status(1).requestDeliveryResponse(2)
        .headers(List.of("h")).metadata(Map.of("k", "v")).spans(List.of(List.of("n", "1", "2")))
        .path("p").payload(new byte[] {1})
        .serviceName("sn").url("u").partnerIds(List.of("pi")).sessionId("si")
        .qualityOfService(42).build();

    Message copy = original.toBuilder().build();
    Message changed = original.toBuilder().url("other").build();

    assertThat(copy).isEqualTo(original);
    assertThat(changed.url()).isEqualTo("other");
    assertThat(changed.toBuilder().url("u").build()).isEqualTo(original);
    assertThat(copy.spans()).containsExactly(List.of("n", "1", "2"));
  }

  @Test
  void toStringShowsSpansWhenPresent() {
    Message m = event().spans(List.of(List.of("talaria-send", "1732269600", "1200"))).build();

    assertThat(m.toString()).contains("spans=[[talaria-send, 1732269600, 1200]]");
    assertThat(event().build().toString()).doesNotContain("spans");
  }

  @Test
  void toStringShowsPayloadLengthButNotItsBytes() {
    Message m = event().source("mac:112233445566")
        .payload("top-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();

    assertThat(m.toString())
        .contains("type=SIMPLE_EVENT", "source=mac:112233445566", "payload=10 bytes")
        .doesNotContain("top-secret");
  }
}
