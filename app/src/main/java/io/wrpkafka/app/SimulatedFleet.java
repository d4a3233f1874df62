package io.wrpkafka.app;

import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic stream of Talaria-shaped WRP events for a fleet of simulated devices: each
 * device comes online, sends telemetry, device-status, qos-* and iot-* events at QoS levels
 * across all three bands, and goes offline.
 *
 * <p>Each message's transaction UUID ends with the device's sequence number
 * ({@code <device>-<seq>}), so a reader can check per-device order.
 */
final class SimulatedFleet {

  private static final String TALARIA = "dns:talaria-0.xmidt.example.net";
  private static final int[] QOS_LEVELS = {0, 10, 24, 25, 30, 50, 74, 75, 80, 99};
  private static final String[] REGIONS = {"us", "eu", "ap"};

  private final int devices;
  private final int eventsPerDevice;
  private final long seed;

  SimulatedFleet(int devices, int eventsPerDevice, long seed) {
    this.devices = devices;
    this.eventsPerDevice = eventsPerDevice;
    this.seed = seed;
  }

  int devices() {
    return devices;
  }

  /** Messages per device: online, the device's events, offline. */
  int messagesPerDevice() {
    return eventsPerDevice + 2;
  }

  /** The canonical id of device {@code index}, e.g. {@code mac:0a1b00000001}. */
  static String deviceId(int index) {
    return String.format("mac:0a1b%08x", index);
  }

  /** The events of one device, in the order the device emits them. */
  List<Message> eventsOf(int index) {
    SplittableRandom random = new SplittableRandom(seed ^ index);
    String device = deviceId(index);
    Instant boot = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(random.nextInt(86_400));
    List<Message> events = new ArrayList<>(messagesPerDevice());
    int seq = 0;
    events.add(lifecycle(device, "online", boot, seq++));
    String region = REGIONS[index % REGIONS.length];
    for (int i = 0; i < eventsPerDevice; i++) {
      int qos = QOS_LEVELS[random.nextInt(QOS_LEVELS.length)];
      int kind = random.nextInt(10);
      Message event;
      if (kind < 4) {
        event = deviceEvent(device, "telemetry", "wifi", qos, random, seq++, region);
      } else if (kind < 6) {
        event = deviceEvent(device, "device-status", "fully-manageable", qos, random, seq++, region);
      } else if (kind < 8) {
        event = deviceEvent(device, "qos-report", "latency", qos, random, seq++, region);
      } else {
        event = deviceEvent(device, "iot-sensor", "temperature", qos, random, seq++, region);
      }
      events.add(event);
    }
    events.add(lifecycle(device, "offline", boot, seq));
    return events;
  }

  private static Message lifecycle(String device, String state, Instant boot, int seq) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("/hw-deviceid", device);
    metadata.put("/hw-model", "TG3482G");
    metadata.put("/fw-name", "TG3482PC2_4.2p5s1_PROD_sey");
    metadata.put("/boot-time", Long.toString(boot.getEpochSecond()));
    metadata.put("/last-reconnect-reason", "webpa_process_starts");
    metadata.put("/protocol", "PARODUS-2.0-1.1.4");
    metadata.put("/trust", "1000");
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source(TALARIA)
        .destination("event:device-status/" + device + "/" + state)
        .transactionUuid(device + "-" + seq)
        .contentType("application/json")
        .metadata(metadata)
        .partnerIds(List.of("partner-a", "partner-b"))
        .sessionId("session-" + device.substring(4))
        .payload(("{\"id\":\"" + device + "\",\"ts\":\"" + boot + "\"}").getBytes(StandardCharsets.UTF_8))
        .qualityOfService(75)
        .build();
  }

  private static Message deviceEvent(String device, String eventType, String detail, int qos,
      SplittableRandom random, int seq, String region) {
    String payload = String.format(
        "{\"rssi\":%d,\"uptime\":%d,\"cpu\":%d,\"seq\":%d}",
        -30 - random.nextInt(60), random.nextInt(1_000_000), random.nextInt(100), seq);
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source(device + "/" + detail)
        .destination("event:" + eventType + "/" + device + "/" + detail)
        .transactionUuid(device + "-" + seq)
        .contentType("application/json")
        .metadata(Map.of("/hw-deviceid", device, "hw-deviceid", device, "region", region))
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .qualityOfService(qos)
        .build();
  }
}
