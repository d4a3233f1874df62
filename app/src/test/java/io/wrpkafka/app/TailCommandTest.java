package io.wrpkafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.embedded.EmbeddedKafka;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class TailCommandTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  private static void produce(String topic, byte[]... values) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, 0, "mac:112233445566".getBytes(StandardCharsets.UTF_8), value)).get();
      }
    }
  }

  private static Message withPayload(String contentType, byte[] payload) {
    return Message.builder()
        .type(MessageType.SIMPLE_EVENT)
        .source("mac:112233445566")
        .destination("event:device-status/mac:112233445566/online")
        .contentType(contentType)
        .payload(payload)
        .build();
  }

  @Test
  void recordsArePrintedAsJsonLinesAndAnUndecodableOneAsAnErrorLine() throws Exception {
    kafka.createTopic("tail-mixed", 1);
    produce("tail-mixed",
        Format.MSGPACK.encode(withPayload("application/json", "{\"id\":7}".getBytes(StandardCharsets.UTF_8))),
        new byte[] {1, 2, 3},
        Format.MSGPACK.encode(withPayload("application/octet-stream", new byte[] {(byte) 0xff, 0, 1})));

    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "tail-mixed",
        "--from-beginning", "--max", "3");

    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonObject> lines = run.out().lines().map(JsonObject::new).toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).getString("key")).isEqualTo("mac:112233445566");
    assertThat(lines.get(0).getJsonObject("message").getJsonObject("payload").getInteger("id")).isEqualTo(7);
    assertThat(lines.get(0).getJsonObject("message").getString("dest"))
        .isEqualTo("event:device-status/mac:112233445566/online");
    assertThat(lines.get(1).getLong("offset")).isEqualTo(1L);
    assertThat(lines.get(1).getString("error")).contains("offset 1").contains("not a WRP msgpack message");
    assertThat(lines.get(2).getJsonObject("message").getString("payload_base64")).isEqualTo("/wAB");
  }

  @Test
  void jsonValuedRecordsAreRecognisedAndPrintedLikeMsgpackOnes() throws Exception {
    kafka.createTopic("tail-formats", 1);
    Message message = withPayload("application/json", "{\"id\":8}".getBytes(StandardCharsets.UTF_8));
    produce("tail-formats", Format.JSON.encode(message), Format.MSGPACK.encode(message));

    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "tail-formats",
        "--from-beginning", "--max", "2");

    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonObject> lines = run.out().lines().map(JsonObject::new).toList();
    assertThat(lines).extracting(line -> line.getString("valueFormat")).containsExactly("json", "msgpack");
    assertThat(lines.get(0).getJsonObject("message")).isEqualTo(lines.get(1).getJsonObject("message"));
    assertThat(lines.get(0).getJsonObject("message").getJsonObject("payload").getInteger("id")).isEqualTo(8);
  }

  @Test
  void aForcedValueFormatReportsARecordOfTheOtherFormatAsAnErrorLine() throws Exception {
    kafka.createTopic("tail-forced", 1);
    produce("tail-forced", Format.MSGPACK.encode(withPayload("text/plain", new byte[] {'h', 'i'})));

    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "tail-forced",
        "--from-beginning", "--max", "1", "--value-format", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(new JsonObject(run.out().strip()).getString("error"))
        .contains("offset 0").contains("not a WRP JSON message");
  }

  @Test
  void anUndecodableValueIsReportedWithTheWrpReasonAloneAfterItsOffset() {
    byte[] notWrp = "not wrp".getBytes(StandardCharsets.UTF_8);
    String reason;
    try {
      Format.MSGPACK.decode(notWrp);
      throw new AssertionError("expected a WrpFormatException");
    } catch (io.wrpkafka.wrp.WrpFormatException e) {
      reason = e.getMessage();
    }

    JsonObject line = TailCommand.line(
        new org.apache.kafka.clients.consumer.ConsumerRecord<>("t", 0, 7, null, notWrp),
        TailCommand.ValueFormat.MSGPACK);

    assertThat(line.getString("error"))
        .isEqualTo("record at offset 7 is not a WRP msgpack message: " + reason);
  }

  @Test
  void anUnknownValueFormatIsABadCommandLine() {
    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "x",
        "--value-format", "avro");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'avro' is not a value format (expected auto, msgpack or json)");
  }

  @Test
  void missingTopicExitsOneNamingIt() {
    Cli.Run run = Cli.run("tail", "--brokers", kafka.bootstrapServers(), "--topic", "no-such-topic",
        "--timeout", "5s");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("topic no-such-topic does not exist");
  }

  @Test
  void aBrokerWithoutAPortIsABadCommandLineThatSuggestsThePort() {
    Cli.Run run = Cli.run("tail", "-b", "localhost", "-t", "x");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("localhost has no port; did you mean localhost:9092?")
        .doesNotContain("Failed to construct");
  }

  static Stream<Arguments> brokerAddresses() {
    return Stream.of(
        Arguments.of("localhost:9092", "localhost:9092"),
        Arguments.of(" kafka-1.example.com:19092 ", "kafka-1.example.com:19092"),
        Arguments.of("[::1]:9092", "[::1]:9092"),
        Arguments.of("localhost", "localhost has no port; did you mean localhost:9092?"),
        Arguments.of("localhost:", "localhost: has no port; did you mean localhost:9092?"),
        Arguments.of("[::1]", "[::1] has no port; did you mean [::1]:9092?"),
        Arguments.of("::1", "::1 has no port; did you mean [::1]:9092?"),
        Arguments.of("localhost:x", "'localhost:x' has no valid port"),
        Arguments.of("localhost:70000", "'localhost:70000' has no valid port"),
        Arguments.of(":9092", "':9092' has no host"),
        Arguments.of("", "an empty broker address"));
  }

  @ParameterizedTest(name = "\"{0}\" gives \"{1}\"")
  @MethodSource("brokerAddresses")
  void brokerAddressIsCheckedForAHostAndAPort(String given, String expected) {
    String result;
    try {
      result = new TailCommand.BrokerConverter().convert(given);
    } catch (CommandLine.TypeConversionException e) {
      result = e.getMessage();
    }

    assertThat(result).startsWith(expected);
  }

  @Test
  void anEmptyTopicSaysOnStderrThatItIsWaitingThenPrintsTheFirstRecord() throws Exception {
    kafka.createTopic("tail-empty", 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TailCommand tail = new TailCommand();
    tail.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    tail.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(tail)
        .execute("--brokers", kafka.bootstrapServers(), "--topic", "tail-empty", "--max", "1"));

    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> err.toString(StandardCharsets.UTF_8).contains("waiting for records on tail-empty..."));
    assertThat(out.size()).isZero();
    produce("tail-empty", Format.MSGPACK.encode(withPayload("text/plain", new byte[] {'h', 'i'})));

    assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
  }

  @Test
  void anUnreachableBrokerExitsOneWithItsOwnErrorLineAndNoClientLogLines() throws Exception {
    TailRun run = tailInItsOwnJvm("-b", "127.0.0.1:" + closedPort(), "-t", "x", "--timeout", "3s");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines()).as(run.err())
        .containsExactly("error: could not reach Kafka at 127.0.0.1:" + run.port() + " within PT3S");
  }

  @Test
  void verboseShowsTheKafkaClientsWarnings() throws Exception {
    TailRun run = tailInItsOwnJvm("-b", "127.0.0.1:" + closedPort(), "-t", "x", "--timeout", "3s",
        "--verbose");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("WARN").contains("could not reach Kafka");
  }

  record TailRun(int exit, String err, String port) {}

  /** A port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Runs tail as the launcher does, in a JVM whose logging nothing else has set up yet. */
  private static TailRun tailInItsOwnJvm(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.wrpkafka.app.Main", "tail"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String port = args[1].substring(args[1].lastIndexOf(':') + 1);
    return new TailRun(process.exitValue(), err, port);
  }
}
