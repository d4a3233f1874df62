package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class PendingRecordTest {

  private static final byte[] KEY = "mac:112233445566".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {1, 2, 3};
  private static final Destination DESTINATION = new Destination("wrp-online", "mac:112233445566",
      List.of(new Header("wrp-type", "SimpleEventMessageType"), new Header("device-id", "ü-1")),
      "single", "online");
  private static final List<PendingRecord> ended = new ArrayList<>();

  private static PendingRecord compact(byte[] key, boolean keep) {
    return new PendingRecord(DESTINATION, key, VALUE, 50, 0L, 100L, null, keep,
        (record, error) -> ended.add(record), "");
  }

  private static List<String> headers(ProducerRecord<byte[], byte[]> record) {
    List<String> out = new ArrayList<>();
    record.headers().forEach(
        h -> out.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void compactRecordIsSentAsTheKafkaRecordOfItsParts() {
    ProducerRecord<byte[], byte[]> sent = compact(KEY, false).takeRecord();
    assertThat(sent.topic()).isEqualTo("wrp-online");
    assertThat(sent.partition()).isNull();
    assertThat(sent.key()).isSameAs(KEY);
    assertThat(sent.value()).isSameAs(VALUE);
    assertThat(headers(sent)).containsExactly("wrp-type=SimpleEventMessageType", "device-id=ü-1");
  }

  @Test
  void compactRecordWithoutKeyIsSentWithANullKey() {
    assertThat(compact(null, false).takeRecord().key()).isNull();
  }

  @Test
  void recordIsHandedOverOnlyOnce() {
    PendingRecord pending = compact(KEY, false);
    assertThat(pending.takeRecord()).isNotNull();
    assertThat(pending.takeRecord()).isNull();
    assertThat(pending.record()).isNull();
  }

  @Test
  void recordAskedForBeforeSendingIsTheOneThatIsSent() {
    PendingRecord pending = compact(KEY, false);
    ProducerRecord<byte[], byte[]> before = pending.record();
    assertThat(pending.takeRecord()).isSameAs(before);
  }

  @Test
  void keptRecordSurvivesSendingForTheDeadLetterStage() {
    PendingRecord pending = compact(KEY, true);
    ProducerRecord<byte[], byte[]> sent = pending.takeRecord();
    assertThat(pending.keptRecord()).isSameAs(sent);
  }

  @Test
  void keptRecordOfARecordNeverSentIsMadeFromItsParts() {
    ProducerRecord<byte[], byte[]> kept = compact(KEY, true).keptRecord();
    assertThat(kept.value()).isSameAs(VALUE);
    assertThat(headers(kept)).hasSize(2);
  }

  @Test
  void recordNotKeptIsGoneForTheDeadLetterStage() {
    PendingRecord pending = compact(KEY, false);
    pending.takeRecord();
    assertThat(pending.keptRecord()).isNull();
  }

  @Test
  void endAndReportAreEachClaimedOnce() {
    PendingRecord pending = compact(KEY, false);
    assertThat(pending.claimReport()).isTrue();
    assertThat(pending.claimReport()).isFalse();
    assertThat(pending.reported()).isTrue();
    int before = ended.size();
    pending.onCompletion(null, null);
    pending.onCompletion(null, new RuntimeException("late"));
    assertThat(ended).hasSize(before + 1);
  }

  @Test
  void sizeBeyondAnIntIsRefused() {
    assertThatThrownBy(() -> new PendingRecord(DESTINATION, KEY, VALUE, 50, 0L,
        1L + Integer.MAX_VALUE, null, false, (r, e) -> { }, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
