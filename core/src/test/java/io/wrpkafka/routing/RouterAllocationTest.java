package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bytes one {@link Router#route} call allocates, counted by HotSpot for the calling thread.
 * The budgets are object sizes under the default 64-bit layout (compressed oops and class
 * pointers); the test is skipped under any other.
 */
class RouterAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final String DEVICE = "mac:112233445566";

  @BeforeAll
  static void defaultObjectLayout() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    assumeTrue(vm.getVMOption("UseCompressedOops").getValue().equals("true"));
    assumeTrue(vm.getVMOption("UseCompressedClassPointers").getValue().equals("true"));
    assumeTrue(THREADS.isThreadAllocatedMemorySupported());
    THREADS.setThreadAllocatedMemoryEnabled(true);
  }

  private static Router router() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("wrp-type", List.of("wrp.Type"));
    headers.put("device-id", List.of("wrp.DeviceID"));
    headers.put("transaction-id", List.of("wrp.TransactionUUID"));
    return new Router(DynamicConfig.builder()
        .topicMap(List.of(
            TopicRoute.builder().pattern("online").topic("wrp-online").build(),
            TopicRoute.builder().pattern("telemetry")
                .topics(List.of("t-0", "t-1", "t-2")).shardBy("deviceid").build()))
        .headers(headers)
        .build());
  }

  private static Message message(String source, String destination, Map<String, String> meta) {
    return Message.builder().type(MessageType.SIMPLE_EVENT).source(source)
        .destination(destination).transactionUuid("2f1ae6c4-4a4b-4b8e-9b8a-3f2d9c1e7a10")
        .metadata(meta).build();
  }

  /** The fewest bytes any of many calls allocated, less what measuring itself allocates. */
  private static long bytesPerRoute(Router router, Message message) {
    long least = Long.MAX_VALUE;
    long overhead = Long.MAX_VALUE;
    for (int i = 0; i < 200; i++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      long middle = THREADS.getCurrentThreadAllocatedBytes();
      router.route(message);
      long after = THREADS.getCurrentThreadAllocatedBytes();
      overhead = Math.min(overhead, middle - before);
      least = Math.min(least, after - middle);
    }
    return least - overhead;
  }

  @Test
  void talariaEventWithCanonicalIdsAllocatesNoDeviceIdOrCopy() {
    // facts 40, headers 48, id bytes "talaria-3.example.net" 40, uuid bytes 56, destination 32,
    // list 24: no DeviceId, and the key is the metadata value itself.
    Message online = message("dns:talaria-3.example.net",
        "event:device-status/" + DEVICE + "/online", Map.of("/hw-deviceid", DEVICE));
    assertThat(bytesPerRoute(router(), online)).isLessThanOrEqualTo(240);
  }

  @Test
  void telemetryEventWithACanonicalSourceAllocatesOnlyItsKeyBeyondTheRecord() {
    // facts 40, headers 48, id bytes 32, uuid bytes 56, key "mac:112233445566" 24 + 32,
    // destination 32, list 24.
    Message telemetry = message(DEVICE + "/telemetry", "event:telemetry/" + DEVICE + "/report",
        Map.of("/hw-model", "XB7"));
    assertThat(bytesPerRoute(router(), telemetry)).isLessThanOrEqualTo(288);
  }
}
