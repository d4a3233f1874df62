package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Message;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

  @Test
  void theBundledSeedConfigLoadsWithoutWarnings() throws Exception {
    assertThat(DemoCommand.seedConfig().warnings()).isEmpty();
  }

  @Test
  void topicsOfListsEverySeedTopicOnce() throws Exception {
    assertThat(DemoCommand.topicsOf(DemoCommand.seedConfig().dynamicConfig()))
        .containsExactly("device-lifecycle", "device-status-0", "device-status-1",
            "device-status-2", "qos-events-0", "qos-events-1", "qos-events-2", "iot-us", "iot-eu",
            "iot-ap", "device-events");
  }

  @Test
  void theSimulatedFleetReachesEverySeedTopic() throws Exception {
    Router router = new Router(DemoCommand.seedConfig().dynamicConfig());
    SimulatedFleet fleet = new SimulatedFleet(60, 8, 42);
    Set<String> reached = new HashSet<>();
    for (int device = 0; device < fleet.devices(); device++) {
      for (Message message : fleet.eventsOf(device)) {
        router.route(message).forEach(d -> reached.add(d.topic()));
      }
    }
    assertThat(reached)
        .containsExactlyInAnyOrderElementsOf(
            DemoCommand.topicsOf(DemoCommand.seedConfig().dynamicConfig()));
  }
}
