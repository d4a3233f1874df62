package io.wrpkafka.bench;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/*
 * The messages and configs every benchmark shares, so that the JMH figures and the end-to-end
 * figures speak of the same work.
 *
 * Talaria online event: what Talaria sends when a device connects (event:device-status/<device>/
 * online), with the ~15 metadata entries convey and the connection give it and a small JSON
 * payload. Telemetry event: a device's own event with a 200-byte binary payload and a few
 * metadata entries. Both are built from a seeded Random, so every run sees the same bytes.
 *
 * realisticConfig is a 10-route topic map of a deployment: lifecycle events first, then
 * prefix, suffix, infix and case-insensitive routes, a sharded telemetry route near the end and
 * a catch-all. An online event matches route 0; a telemetry event walks 8 routes before it
 * matches, so the two bracket the cost of the route walk.
 */
/** Deterministic sample WRP messages and topic maps for the benchmarks. Not thread-safe. */
final class SampleMessages {
  static final String ONLINE_TOPIC = "wrp-online";
  static final List<String> TELEMETRY_TOPICS =
      List.of("wrp-telemetry-0", "wrp-telemetry-1", "wrp-telemetry-2");

  /** The size of the telemetry payload, in bytes. */
  static final int TELEMETRY_PAYLOAD_BYTES = 200;

  private static final String[] MODELS = {"TG1682G", "CGM4331COM", "XB7", "XB8", "SR203"};
  private static final String[] FIRMWARE = {
    "TG1682_4.12p19s1_PROD_sey", "CGM4331COM_6.2p10s1_PROD_sey", "XB7_7.1s5_PROD", "XB8_6.4s9"
  };
  private static final String[] PARTNERS = {"comcast", "cox", "shaw", "rogers", "videotron"};
  private static final String[] REBOOT_REASONS = {"unknown", "Software_upgrade", "Power_on"};

  private final Random random;

  /** {@code count} messages of {@code kind} at QoS 50, one per device, from seed 42. */
  static Message[] batch(SampleKind kind, int count) {
    SampleMessages samples = new SampleMessages(42);
    Message[] messages = new Message[count];
    for (int i = 0; i < count; i++) {
      messages[i] = kind == SampleKind.TALARIA_ONLINE
          ? samples.talariaOnlineEvent(i, 50)
          : samples.telemetryEvent(i, 50);
    }
    return messages;
  }

  SampleMessages(long seed) {
    this.random = new Random(seed);
  }

  /** The device id of device number {@code n}: {@code mac:} and 12 hex digits. */
  static String deviceId(int n) {
    return String.format("mac:%012x", 0x112233000000L + n);
  }

  /**
   * A Talaria online event of device {@code device}: 15 metadata entries, JSON payload, QoS
   * {@code qos}.
   */
  Message talariaOnlineEvent(int device, int qos) {
    String id = deviceId(device);
    String partner = PARTNERS[random.nextInt(PARTNERS.length)];
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("/boot-time", Long.toString(1_700_000_000L + random.nextInt(10_000_000)));
    metadata.put("/hw-deviceid", id);
    metadata.put("/hw-last-reboot-reason", REBOOT_REASONS[random.nextInt(REBOOT_REASONS.length)]);
    metadata.put("/hw-manufacturer", "Technicolor");
    metadata.put("/hw-model", MODELS[random.nextInt(MODELS.length)]);
    metadata.put("/hw-serial-number", Long.toString(100_000_000_000L + random.nextInt(1 << 30)));
    metadata.put("/fw-name", FIRMWARE[random.nextInt(FIRMWARE.length)]);
    metadata.put("/last-reconnect-reason", "webpa_process_starts");
    metadata.put("/partner-id", partner);
    metadata.put("/protocol", "PARODUS-2.0-3.0.5");
    metadata.put("/trust", "1000");
    metadata.put("/webpa-interface-used", "erouter0");
    metadata.put("/webpa-protocol", "PARODUS-2.0-3.0.5");
    metadata.put("/webpa-uuid", uuid().toString());
    metadata.put("/interfaces-available", "erouter0,brlan0");
    String payload = "{\"id\":\"" + id + "\",\"ts\":\"2026-11-23T05:00:00.000Z\","
        + "\"bytes-sent\":0,\"messages-sent\":0,\"bytes-received\":0,\"messages-received\":0}";
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("dns:talaria-" + random.nextInt(8) + ".xmidt.example.net")
        .destination("event:device-status/" + id + "/online")
        .transactionUuid(uuid().toString())
        .contentType("application/json")
        .headers(List.of("X-Trace-Id: " + Long.toHexString(random.nextLong())))
        .metadata(metadata)
        .partnerIds(List.of(partner))
        .sessionId(uuid().toString())
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .qualityOfService(qos)
        .build();
  }

  /** A telemetry event of device {@code device}: a 200-byte binary payload, QoS {@code qos}. */
  Message telemetryEvent(int device, int qos) {
    String id = deviceId(device);
    byte[] payload = new byte[TELEMETRY_PAYLOAD_BYTES];
    random.nextBytes(payload);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("/hw-model", MODELS[random.nextInt(MODELS.length)]);
    metadata.put("/fw-name", FIRMWARE[random.nextInt(FIRMWARE.length)]);
    metadata.put("/partner-id", PARTNERS[random.nextInt(PARTNERS.length)]);
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source(id + "/telemetry")
        .destination("event:telemetry/" + id + "/report")
        .transactionUuid(uuid().toString())
        .contentType("application/msgpack")
        .metadata(metadata)
        .payload(payload)
        .qualityOfService(qos)
        .build();
  }

  /**
   * {@code count} messages, alternately a Talaria online event and a telemetry event, from
   * {@code devices} devices, all at QoS {@code qos}.
   */
  Message[] mixed(int count, int devices, int qos) {
    Message[] messages = new Message[count];
    for (int i = 0; i < count; i++) {
      int device = random.nextInt(devices);
      messages[i] = (i & 1) == 0 ? talariaOnlineEvent(device, qos) : telemetryEvent(device, qos);
    }
    return messages;
  }

  /** {@code count} telemetry events from {@code devices} devices, all at QoS {@code qos}. */
  Message[] telemetry(int count, int devices, int qos) {
    Message[] messages = new Message[count];
    for (int i = 0; i < count; i++) {
      messages[i] = telemetryEvent(random.nextInt(devices), qos);
    }
    return messages;
  }

  private UUID uuid() {
    return new UUID(random.nextLong(), random.nextLong());
  }

  /** The 10-route topic map with the usual few headers. */
  static DynamicConfig realisticConfig() {
    return DynamicConfig.builder()
        .topicMap(realisticRoutes())
        .headers(typicalHeaders())
        .build();
  }

  static List<TopicRoute> realisticRoutes() {
    return List.of(
        TopicRoute.builder().pattern("online").topic(ONLINE_TOPIC).build(),
        TopicRoute.builder().pattern("offline").topic("wrp-offline").build(),
        TopicRoute.builder().pattern("device-status").topic("wrp-device-status").build(),
        TopicRoute.builder().pattern("iot-*").topic("wrp-iot").build(),
        TopicRoute.builder().pattern("*-alarm").topic("wrp-alarms").build(),
        TopicRoute.builder().pattern("fw-*-upgrade").topic("wrp-firmware").build(),
        TopicRoute.builder().pattern("NODE-CHANGE").caseInsensitive(true).topic("wrp-node").build(),
        TopicRoute.builder()
            .pattern("webpa-*")
            .topics(List.of("wrp-webpa-0", "wrp-webpa-1"))
            .shardBy("roundrobin")
            .build(),
        TopicRoute.builder()
            .pattern("telemetry")
            .topics(TELEMETRY_TOPICS)
            .shardBy("deviceid")
            .build(),
        TopicRoute.builder().pattern("*").topic("wrp-default").build());
  }

  /** The headers most deployments set: message type, device and transaction. */
  static Map<String, List<String>> typicalHeaders() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("wrp-type", List.of("wrp.Type"));
    headers.put("device-id", List.of("wrp.DeviceID"));
    headers.put("transaction-id", List.of("wrp.TransactionUUID"));
    return headers;
  }

  /** Twelve header values covering literals, plain fields, lists, metadata and WRP headers. */
  static Map<String, List<String>> heavyHeaders() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("wrp-type", List.of("wrp.Type"));
    headers.put("source", List.of("wrp.Source"));
    headers.put("device-id", List.of("wrp.DeviceID"));
    headers.put("destination", List.of("wrp.Destination"));
    headers.put("transaction-id", List.of("wrp.TransactionUUID"));
    headers.put("content-type", List.of("wrp.ContentType"));
    headers.put("qos", List.of("wrp.QualityOfService"));
    headers.put("partner-id", List.of("wrp.PartnerIDs"));
    headers.put("session-id", List.of("wrp.SessionID"));
    headers.put("model", List.of("wrp.Metadata./hw-model", "wrp.Metadata./fw-name"));
    headers.put("trace-id", List.of("wrp.Header.X-Trace-Id"));
    headers.put("producer", List.of("wrpkafka-bench"));
    return headers;
  }
}
