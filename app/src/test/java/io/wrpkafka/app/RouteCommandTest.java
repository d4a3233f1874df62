package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteCommandTest {
  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void writeConfig() throws IOException {
    config = dir.resolve("routes.yaml");
    Files.writeString(config, String.join("\n",
        "kafka:",
        "  brokers: [localhost:9092]",
        "  topicMap:",
        "    - pattern: online",
        "      topic: device-lifecycle",
        "    - pattern: qos-*",
        "      topics: [qos-0, qos-1, qos-2]",
        "      shardBy: deviceid",
        "  headers:",
        "    wrp-source: wrp.Source",
        ""));
  }

  private static byte[] talaria() throws IOException {
    try (InputStream in = RouteCommandTest.class.getResourceAsStream("/talaria-online-v3.msgpack")) {
      return in.readAllBytes();
    }
  }

  @Test
  void msgpackFileIsRoutedToTopicKeyHeadersAndStrategy() throws IOException {
    Path message = dir.resolve("online.msgpack");
    Files.write(message, talaria());

    Cli.Run run = Cli.run("route", "--config", config.toString(), message.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("topic:      device-lifecycle")
        .contains("key:        mac:112233445566")
        .contains("strategy:   single")
        .contains("event type: online")
        .contains("wrp-source: dns:talaria-0.xmidt.example.com");
  }

  @Test
  void jsonMessageOnStandardInputIsDetectedAndRouted() {
    Message message =
        Message.builder()
            .type(MessageType.SIMPLE_EVENT)
            .source("mac:112233445566")
            .destination("event:qos-high/mac:112233445566")
            .qualityOfService(80)
            .build();

    Cli.Run run = Cli.run(Format.JSON.encode(message), "route", "--config", config.toString(), "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonObject destination = new JsonObject(run.out().strip()).getJsonArray("destinations").getJsonObject(0);
    assertThat(destination.getString("topic")).startsWith("qos-");
    assertThat(destination.getString("shardStrategy")).isEqualTo("deviceid");
    assertThat(destination.getString("key")).isEqualTo("mac:112233445566");
  }

  @Test
  void unroutableMessageExitsOneNamingTheErrorType() {
    Message message =
        Message.builder().type(MessageType.SIMPLE_EVENT).source("mac:112233445566")
            .destination("event:nothing/mac:112233445566").build();

    Cli.Run run = Cli.run(Format.MSGPACK.encode(message), "route", "--config", config.toString(), "-");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no_topic_match");
  }

  @Test
  void malformedMessageExitsOneWithTheDecoderReason() {
    Cli.Run run = Cli.run(new byte[] {(byte) 0x81, (byte) 0xa3}, "route", "--config", config.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("not valid WRP msgpack").doesNotContain("at io.wrpkafka");
  }
}
