package io.wrpkafka.wrp.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.wrp.DeviceId;
import io.wrpkafka.wrp.Locator;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WrpSerde in a Kafka Streams topology: the one in the wrp README's "Reading WRP from Kafka". */
class WrpSerdeStreamsTest {

  private TopologyTestDriver driver;
  private TestInputTopic<String, Message> events;
  private TestOutputTopic<String, Message> online;

  /** Keeps the online events of one device, as the README's Streams example does. */
  static Topology onlineEventsOf(String device) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("device-events", Consumed.with(Serdes.String(), new WrpSerde()))
        .filter((key, message) -> message != null
            && message.destination().endsWith("/online")
            && device.equals(DeviceId.parse(Locator.parse(message.destination()).service()).toString()))
        .to("online-" + device, Produced.with(Serdes.String(), new WrpSerde()));
    return builder.build();
  }

  @BeforeEach
  void startDriver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wrp-serde-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(onlineEventsOf("mac:112233445566"), props);
    events = driver.createInputTopic("device-events", Serdes.String().serializer(),
        new WrpSerde().serializer());
    online = driver.createOutputTopic("online-mac:112233445566", Serdes.String().deserializer(),
        new WrpSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private static Message event(String device, String what) {
    return Message.builder().type(MessageType.SIMPLE_EVENT).source("dns:talaria-0.example.com")
        .destination("event:device-status/" + device + "/" + what).build();
  }

  @Test
  void topologyKeepsOnlyOnlineEventsOfTheChosenDevice() {
    Message wanted = event("mac:112233445566", "online");
    events.pipeInput("mac:112233445566", event("mac:112233445566", "offline"));
    events.pipeInput("mac:aabbccddeeff", event("mac:aabbccddeeff", "online"));
    events.pipeInput("mac:112233445566", wanted);

    assertThat(online.readKeyValuesToList())
        .containsExactly(KeyValue.pair("mac:112233445566", wanted));
  }

  @Test
  void tombstonePassesTheSerdeAsNullAndIsFilteredOut() {
    events.pipeInput("mac:112233445566", (Message) null);

    assertThat(online.isEmpty()).isTrue();
  }
}
