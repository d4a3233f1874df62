package io.wrpkafka.example;

import io.wrpkafka.ProduceResult;
import io.wrpkafka.Publisher;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes a device event every {@code example.interval} (default 5s): an online event, then a
 * device-status event with metadata, for a small rotating set of devices. The Publisher is the
 * starter's bean, already started.
 */
@Component
public class DeviceEventEmitter {
  private static final Logger log = LoggerFactory.getLogger(DeviceEventEmitter.class);
  private static final int DEVICES = 5;

  private final Publisher publisher;
  private final AtomicLong sequence = new AtomicLong();

  /** The publisher comes from the wrpkafka starter. */
  public DeviceEventEmitter(Publisher publisher) {
    this.publisher = publisher;
  }

  /** Publishes the next event and logs its outcome; QoS 75 waits for the broker's answer. */
  @Scheduled(fixedRateString = "${example.interval:5s}")
  public void emit() {
    long n = sequence.getAndIncrement();
    String device = String.format("mac:1122334455%02x", n % DEVICES);
    Message event = n % 2 == 0
        ? Message.builder().type(MessageType.SIMPLE_EVENT).source(device)
            .destination("event:device-status/" + device + "/online")
            .qualityOfService(75).build()
        : Message.builder().type(MessageType.SIMPLE_EVENT).source(device)
            .destination("event:device-status/" + device + "/status")
            .metadata(java.util.Map.of("fw-name", "example-1.0"))
            .payload(("{\"uptime\":" + n + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .contentType("application/json").qualityOfService(75).build();
    ProduceResult result = publisher.produce(event);
    if (result.error() == null) {
      log.info("{} {}: {}", device, event.destination(), result.outcome());
    } else {
      log.warn("{} {}: {} ({})", device, event.destination(), result.outcome(),
          result.error().getMessage());
    }
  }
}
