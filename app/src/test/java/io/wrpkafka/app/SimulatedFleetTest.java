package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.wrp.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedFleetTest {

  private final SimulatedFleet fleet = new SimulatedFleet(10, 4, 7);

  @Test
  void eachDeviceComesOnlineReportsAndGoesOffline() {
    List<Message> events = fleet.eventsOf(3);

    assertThat(events).hasSize(fleet.messagesPerDevice());
    assertThat(events.get(0).destination()).isEqualTo("event:device-status/mac:0a1b00000003/online");
    assertThat(events.get(events.size() - 1).destination())
        .isEqualTo("event:device-status/mac:0a1b00000003/offline");
    assertThat(events.subList(1, events.size() - 1))
        .allSatisfy(m -> assertThat(m.destination())
            .matches("event:(telemetry|device-status|qos-report|iot-sensor)/mac:0a1b00000003/[a-z-]+"));
  }

  @Test
  void transactionUuidsCarryTheDeviceSequenceInProduceOrder() {
    List<Message> events = fleet.eventsOf(1);

    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).transactionUuid()).isEqualTo("mac:0a1b00000001-" + i);
    }
  }

  @Test
  void theSameSeedGivesTheSameStream() {
    assertThat(new SimulatedFleet(10, 4, 7).eventsOf(5)).isEqualTo(fleet.eventsOf(5));
  }
}
