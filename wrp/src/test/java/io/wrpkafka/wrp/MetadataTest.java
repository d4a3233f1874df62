package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The array-backed metadata map against a LinkedHashMap fed the same puts. */
class MetadataTest {

  /** Rows of puts, in order; a repeated key keeps its first place and takes the last value. */
  static Stream<Arguments> puts() {
    List<String[]> many = new ArrayList<>();
    for (int i = 0; i < 3 * Metadata.LINEAR_MAX; i++) {
      many.add(new String[] {"/key-" + (i % (2 * Metadata.LINEAR_MAX)), "v" + i});
    }
    return Stream.of(
        Arguments.of("none", List.of()),
        Arguments.of("one", List.<String[]>of(new String[] {"/hw-model", "XB7"})),
        Arguments.of("Talaria keys", List.of(new String[] {"/boot-time", "1"},
            new String[] {"/hw-deviceid", "mac:112233445566"}, new String[] {"/trust", "1000"})),
        Arguments.of("a repeated key", List.of(new String[] {"a", "1"}, new String[] {"b", "2"},
            new String[] {"a", "3"})),
        Arguments.of("keys with equal hashes", List.of(new String[] {"Aa", "1"},
            new String[] {"BB", "2"}, new String[] {"AaAa", "3"}, new String[] {"BBBB", "4"},
            new String[] {"AaBB", "5"})),
        // hashes 97, 161, 225: the same low six bits, which the builder's one-word filter uses
        Arguments.of("keys sharing the filter bit, then a repeat", List.of(
            new String[] {"a", "1"}, new String[] {"\u00a1", "2"}, new String[] {"\u00e1", "3"},
            new String[] {"\u00a1", "4"})),
        Arguments.of("empty key and value", List.<String[]>of(new String[] {"", ""})),
        Arguments.of("beyond the linear scan, with repeats", many));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("puts")
  void holdsWhatALinkedHashMapHoldsInTheSameOrder(String name, List<String[]> puts) {
    Metadata.Builder b = new Metadata.Builder(1);
    LinkedHashMap<String, String> expected = new LinkedHashMap<>();
    for (String[] put : puts) {
      b.put(put[0], put[1]);
      expected.put(put[0], put[1]);
    }
    Metadata m = b.build();

    assertThat(m).containsExactlyEntriesOf(expected);
    assertThat(m).isEqualTo(expected);
    assertThat(expected).isEqualTo(m);
    assertThat(m.hashCode()).isEqualTo(expected.hashCode());
    assertThat(m.toString()).isEqualTo(expected.toString());
    int i = 0;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertThat(m.key(i)).isEqualTo(e.getKey());
      assertThat(m.value(i)).isEqualTo(e.getValue());
      assertThat(m.get(new String(e.getKey()))).isEqualTo(e.getValue());
      assertThat(m.containsKey(e.getKey())).isTrue();
      i++;
    }
    assertThat(m.get("absent")).isNull();
    assertThat(m.containsKey("absent")).isFalse();
    assertThat(m.get(42)).isNull();
    assertThat(Metadata.copyOf(expected)).isEqualTo(m);
  }

  @Test
  void refusesEveryChange() {
    Metadata m = Metadata.copyOf(Map.of("a", "1"));

    assertThatThrownBy(() -> m.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(m).containsExactlyEntriesOf(Map.of("a", "1"));
  }

  @Test
  void copyOfNamesANullValueByItsKey() {
    Map<String, String> withNull = new HashMap<>();
    withNull.put("/hw-model", null);

    assertThatThrownBy(() -> Metadata.copyOf(withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("metadata[\"/hw-model\"]");
  }
}
