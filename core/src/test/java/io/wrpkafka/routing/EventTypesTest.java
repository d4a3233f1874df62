package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTypesTest {

  @Test
  void eventTypeIsTheRegionOfTheText() {
    assertThat(new EventTypes().of("event:telemetry/mac:1", 6, 15)).isEqualTo("telemetry");
  }

  @Test
  void sameEventTypeInTwoDestinationsIsOneString() {
    EventTypes types = new EventTypes();
    String first = types.of("event:telemetry/mac:112233445566/report", 6, 15);
    String second = types.of("event:telemetry/mac:665544332211/report", 6, 15);
    assertThat(second).isSameAs(first);
  }

  @Test
  void manyDistinctEventTypesAreEachAnsweredCorrectly() {
    EventTypes types = new EventTypes();
    Set<String> seen = new HashSet<>();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 1_000; i++) {
        String type = "type-" + i;
        String text = "event:" + type + "/mac:112233445566";
        String answer = types.of(text, 6, 6 + type.length());
        assertThat(answer).isEqualTo(type);
        seen.add(answer);
      }
    }
    assertThat(seen).hasSize(1_000);
  }

  @Test
  void prefixOfAKnownEventTypeIsNotTakenForIt() {
    EventTypes types = new EventTypes();
    types.of("event:telemetry", 6, 15);
    assertThat(types.of("event:telemetry", 6, 10)).isEqualTo("tele");
  }
}
