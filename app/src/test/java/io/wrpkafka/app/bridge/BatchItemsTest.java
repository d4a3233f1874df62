package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchItemsTest {
  private static byte[] msgpack(String source) {
    return Format.MSGPACK.encode(
        Message.builder().type(MessageType.SIMPLE_EVENT).source(source).destination("event:x/" + source).build());
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  @Test
  void ndjsonIsSplitByLineSkippingBlankLinesAndCarriageReturns() {
    byte[] body = "{\"a\":1}\r\n\n  \n{\"b\":2}".getBytes(StandardCharsets.UTF_8);

    List<BatchItems.Item> items = BatchItems.split(body, BodyType.NDJSON);

    assertThat(items).extracting(item -> new String(item.bytes(), StandardCharsets.UTF_8))
        .containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void concatenatedMsgpackIsSplitIntoWholeValues() {
    byte[] first = msgpack("mac:000000000001");
    byte[] second = msgpack("mac:000000000002");

    List<BatchItems.Item> items = BatchItems.split(concat(first, second), BodyType.MSGPACK);

    assertThat(items).hasSize(2);
    assertThat(Format.MSGPACK.decode(items.get(1).bytes()).source()).isEqualTo("mac:000000000002");
  }

  @Test
  void truncatedMsgpackValueEndsTheBatchWithAnErrorNamingItsOffset() {
    byte[] first = msgpack("mac:000000000001");
    byte[] second = msgpack("mac:000000000002");

    List<BatchItems.Item> items =
        BatchItems.split(concat(first, Arrays.copyOf(second, 5)), BodyType.MSGPACK);

    assertThat(items).hasSize(2);
    assertThat(items.get(0).error()).isNull();
    assertThat(items.get(1).error()).contains("byte offset " + first.length);
  }

  @Test
  void wellFormedValueThatIsNoWrpMessageIsAnItemOfItsOwn() {
    byte[] first = msgpack("mac:000000000001");
    byte[] notAMessage = {(byte) 0x92, 0x01, 0x02};
    byte[] third = msgpack("mac:000000000003");

    List<BatchItems.Item> items =
        BatchItems.split(concat(first, notAMessage, third), BodyType.MSGPACK);

    assertThat(items).extracting(BatchItems.Item::bytes)
        .containsExactly(first, notAMessage, third);
  }

  @Test
  void reservedTypeByteEndsTheBatchWithAnErrorNamingItsOffset() {
    byte[] first = msgpack("mac:000000000001");

    List<BatchItems.Item> items =
        BatchItems.split(concat(first, new byte[] {(byte) 0xc1, 0x01}), BodyType.MSGPACK);

    assertThat(items).hasSize(2);
    assertThat(items.get(1).error())
        .contains("byte offset " + first.length)
        .contains("2 bytes) was not read");
  }
}
