package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderListTest {

  private static HeaderList filled(int capacity, int count) {
    HeaderList list = new HeaderList(capacity);
    for (int i = 0; i < count; i++) {
      list.append(new Header("k" + i, "v" + i));
    }
    return list;
  }

  @ParameterizedTest(name = "capacity {0}, {1} headers")
  @CsvSource({"0, 0", "0, 1", "1, 1", "3, 2", "3, 3", "3, 4", "2, 9", "4, 4", "5, 5", "5, 12"})
  void listHoldsTheAppendedHeadersInOrderAndEqualsListOf(int capacity, int count) {
    List<Header> expected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      expected.add(new Header("k" + i, "v" + i));
    }
    HeaderList list = filled(capacity, count);
    assertThat(list).containsExactlyElementsOf(expected);
    assertThat(list).isEqualTo(List.copyOf(expected));
    assertThat(list.hashCode()).isEqualTo(List.copyOf(expected).hashCode());
    assertThat(list.toString()).isEqualTo(List.copyOf(expected).toString());
  }

  @Test
  void listRefusesChangesThroughTheListInterface() {
    HeaderList list = filled(2, 2);
    assertThatThrownBy(() -> list.add(new Header("x", "y")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.set(0, new Header("x", "y")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(list::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void indexPastTheAppendedHeadersIsRefusedEvenWithinCapacity() {
    HeaderList list = filled(4, 2);
    assertThatThrownBy(() -> list.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void destinationKeepsARoutersHeaderListWithoutCopying() {
    HeaderList list = filled(3, 3);
    assertThat(new Destination("t", null, list, "single", "").headers()).isSameAs(list);
  }

  @Test
  void destinationStillCopiesAnyOtherList() {
    List<Header> mutable = new ArrayList<>(List.of(new Header("k", "v")));
    Destination destination = new Destination("t", null, mutable, "single", "");
    mutable.clear();
    assertThat(destination.headers()).containsExactly(new Header("k", "v"));
  }

  @Test
  void headerAppendedAsBytesReadsBackAsItsKeyAndDecodedValue() {
    HeaderList list = new HeaderList(1);
    list.append("device-id", "café-1".getBytes(StandardCharsets.UTF_8));
    assertThat(list).containsExactly(new Header("device-id", "café-1"));
    assertThat(list.key(0)).isEqualTo("device-id");
    assertThat(list.valueBytes(0)).isEqualTo("café-1".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void compiledHeaderIsHandedOutItselfWithItsOwnBytes() {
    Header compiled = new Header("wrp-type", "SimpleEventMessageType");
    byte[] bytes = "SimpleEventMessageType".getBytes(StandardCharsets.UTF_8);
    HeaderList list = new HeaderList(1);
    list.append(compiled, bytes);
    assertThat(list.get(0)).isSameAs(compiled);
    assertThat(list.valueBytes(0)).isSameAs(bytes);
  }

  @Test
  void destinationGivesARoutersHeaderBytesWithoutCopying() {
    byte[] bytes = "v".getBytes(StandardCharsets.UTF_8);
    HeaderList list = new HeaderList(1);
    list.append("k", bytes);
    Destination destination = new Destination("t", null, list, "single", "");
    assertThat(destination.headerKey(0)).isEqualTo("k");
    assertThat(destination.headerValueBytes(0)).isSameAs(bytes);
  }

  @Test
  void destinationGivesTheUtf8OfAHandMadeHeader() {
    Destination destination =
        new Destination("t", null, List.of(new Header("k", "ü")), "single", "");
    assertThat(destination.headerKey(0)).isEqualTo("k");
    assertThat(destination.headerValueBytes(0)).isEqualTo("ü".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void destinationRefusesAHeaderIndexPastItsHeaders() {
    Destination destination = new Destination("t", null, filled(2, 1), "single", "");
    assertThatThrownBy(() -> destination.headerValueBytes(1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> destination.headerKey(1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
