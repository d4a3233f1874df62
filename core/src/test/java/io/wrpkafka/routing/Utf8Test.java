package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {

  @ParameterizedTest(name = "\"{0}\" from {1} to {2}")
  @CsvSource(quoteCharacter = '\'', value = {
      "mac:112233445566, 4, 16",
      "mac:112233445566, 0, 16",
      "abc, 1, 1",
      "'', 0, 0",
      "dns:café.example, 4, 16",
      "x:日本語/service, 2, 5",
      "x:emoji 😀 end, 2, 14"})
  void regionBytesAreTheUtf8OfTheSubstring(String text, int from, int to) {
    assertThat(Utf8.of(text, from, to))
        .isEqualTo(text.substring(from, to).getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(quoteCharacter = '\'', value = {"SimpleEventMessageType", "café", "''"})
  void wholeStringBytesAreItsUtf8(String text) {
    assertThat(Utf8.of(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }
}
