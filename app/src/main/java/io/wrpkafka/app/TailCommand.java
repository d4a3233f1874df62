package io.wrpkafka.app;

import io.vertx.core.json.JsonObject;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.kafka.WrpDeserializer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the WRP records of a topic as JSON lines, like kcat for WRP. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the WRP records of a Kafka topic as JSON lines.",
      "%nOne JSON object per record: topic, partition, offset, timestamp, key, headers and the "
          + "decoded message. Values may be msgpack (the default) or JSON (valueFormat: json); "
          + "by default each record's format is recognised from its first byte. A JSON or text "
          + "payload is shown as such, any other payload as payload_base64. A record that is not valid WRP is printed as an error line with its "
          + "offset, and tail carries on. Without --group it reads every partition and commits "
          + "nothing. Until the first record arrives it says on stderr that it is waiting. The "
          + "Kafka client's own log lines are shown only with --verbose.%n"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:--max records printed, or stopped with Ctrl-C",
      "1:the topic does not exist or Kafka could not be reached",
      "2:bad command line"
    })
final class TailCommand implements Callable<Integer> {

  @Option(names = {"-b", "--brokers"}, required = true, split = ",", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers, comma-separated.", converter = BrokerConverter.class)
  List<String> brokers;

  @Option(names = {"-t", "--topic"}, required = true, description = "The topic to read.")
  String topic;

  @Option(names = "--from-beginning",
      description = "Start at the oldest record (default: only records arriving from now on).")
  boolean fromBeginning;

  @Option(names = {"-n", "--max"}, paramLabel = "N", description = "Stop after N records.")
  Long max;

  @Option(names = {"-g", "--group"}, paramLabel = "ID",
      description = "Join consumer group ID and commit offsets (default: no group, no commits).")
  String group;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Give up on finding the topic after this long, ISO-8601 or like 10s (default: ${DEFAULT-VALUE}).",
      defaultValue = "PT15S", converter = DurationConverter.class)
  Duration timeout;

  @Option(names = "--value-format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "How record values are encoded: auto (recognise each record: JSON starts "
          + "with '{', msgpack never does), msgpack or json (default: ${DEFAULT-VALUE}).",
      converter = ValueFormatConverter.class)
  ValueFormat valueFormat;

  /** How to read record values: each record recognised on its own, or all in one format. */
  enum ValueFormat {
    AUTO,
    MSGPACK,
    JSON;

    /** The format of {@code value}: for AUTO, JSON when it starts with '{' (after blanks). */
    Format of(byte[] value) {
      return switch (this) {
        case MSGPACK -> Format.MSGPACK;
        case JSON -> Format.JSON;
        case AUTO -> looksLikeJson(value) ? Format.JSON : Format.MSGPACK;
      };
    }

    // A WRP msgpack value is a map (0x80-0x8f, 0xde, 0xdf); '{' (0x7b) would be a bare
    // integer there, so the first byte tells the two apart.
    private static boolean looksLikeJson(byte[] value) {
      for (byte b : value) {
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
          return b == '{';
        }
      }
      return false;
    }
  }

  /** Reads auto, msgpack or json in any case. */
  static final class ValueFormatConverter implements picocli.CommandLine.ITypeConverter<ValueFormat> {
    @Override
    public ValueFormat convert(String value) {
      try {
        return ValueFormat.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a value format (expected auto, msgpack or json)");
      }
    }
  }

  @Option(names = {"-v", "--verbose"},
      description = "Show the Kafka client's log lines (warnings such as unreachable brokers).")
  boolean verbose;

  /** The slf4j-simple setting for the Kafka client's loggers, read when each logger is created. */
  static final String KAFKA_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.apache.kafka";

  /** Checks one bootstrap address: a host and a port, so a forgotten port is named as such. */
  static final class BrokerConverter implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String address = value.strip();
      if (address.isEmpty()) {
        throw new picocli.CommandLine.TypeConversionException("an empty broker address (expected HOST:PORT)");
      }
      int colon = address.lastIndexOf(':');
      // An IPv6 address with a port is bracketed ([::1]:9092); "::1" alone has no port.
      boolean bareIpv6 = colon >= 0 && !address.startsWith("[") && address.indexOf(':') != colon;
      if (colon < 0 || colon == address.length() - 1 || bareIpv6 || address.endsWith("]")) {
        String host = colon == address.length() - 1 ? address.substring(0, colon) : address;
        if (bareIpv6) {
          host = "[" + address + "]";
        }
        throw new picocli.CommandLine.TypeConversionException(
            address + " has no port; did you mean " + host + ":9092?");
      }
      String port = address.substring(colon + 1);
      if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + address + "' has no valid port (expected HOST:PORT, the port 1-65535)");
      }
      if (colon == 0) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + address + "' has no host (expected HOST:PORT)");
      }
      return address;
    }
  }

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", brokers));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wrpkafka-tail");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    if (group != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    } else {
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    }
    boolean silenced = !verbose && System.getProperty(KAFKA_LOG_LEVEL) == null;
    if (silenced) {
      // Before the consumer creates its loggers: the client warns once per retry while a broker
      // is unreachable, and tail's own error line says the same once. Loggers created meanwhile
      // by anything else in this JVM are silenced too; the setting is removed when tail ends.
      System.setProperty(KAFKA_LOG_LEVEL, "off");
    }
    AtomicBoolean stopped = new AtomicBoolean();
    SignalHandlers signals = null;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      signals = SignalHandlers.install(() -> {
        stopped.set(true);
        consumer.wakeup();
      });
      List<PartitionInfo> partitions;
      try {
        partitions = consumer.partitionsFor(topic, timeout);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        err.println("error: could not reach Kafka at " + String.join(",", brokers) + " within " + timeout);
        return 1;
      }
      if (partitions == null || partitions.isEmpty()) {
        err.println("error: topic " + topic + " does not exist at " + String.join(",", brokers));
        return 1;
      }
      if (group != null) {
        consumer.subscribe(List.of(topic));
      } else {
        List<TopicPartition> assigned = new ArrayList<>();
        for (PartitionInfo partition : partitions) {
          assigned.add(new TopicPartition(topic, partition.partition()));
        }
        consumer.assign(assigned);
        if (fromBeginning) {
          consumer.seekToBeginning(assigned);
        } else {
          consumer.seekToEnd(assigned);
        }
      }
      long printed = 0;
      boolean toldWaiting = false;
      while (!stopped.get() && (max == null || printed < max)) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty() && printed == 0 && !toldWaiting) {
          err.println("waiting for records on " + topic + "...");
          err.flush();
          toldWaiting = true;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          out.println(line(record, valueFormat).encode());
          printed++;
          if (max != null && printed >= max) {
            break;
          }
        }
        out.flush();
      }
      if (group != null) {
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      // Ctrl-C
    } catch (KafkaException e) {
      // The constructor wraps the reason (an unresolvable host, say) in "Failed to construct".
      Throwable reason = e.getCause() != null && String.valueOf(e.getMessage()).startsWith("Failed to construct")
          ? e.getCause() : e;
      err.println("error: reading " + topic + " from " + String.join(",", brokers) + " failed: "
          + reason.getMessage());
      return 1;
    } finally {
      if (silenced) {
        System.clearProperty(KAFKA_LOG_LEVEL);
      }
      if (signals != null) {
        signals.close();
      }
    }
    return 0;
  }

  /** One record as a JSON line; an undecodable value becomes an error line, never an exception. */
  static JsonObject line(ConsumerRecord<byte[], byte[]> record, ValueFormat valueFormat) {
    JsonObject line =
        new JsonObject()
            .put("topic", record.topic())
            .put("partition", record.partition())
            .put("offset", record.offset())
            .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString())
            .put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    JsonObject headers = new JsonObject();
    for (Header header : record.headers()) {
      String value = header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
      Object existing = headers.getValue(header.key());
      if (existing == null) {
        headers.put(header.key(), value);
      } else if (existing instanceof io.vertx.core.json.JsonArray array) {
        array.add(value);
      } else {
        headers.put(header.key(), new io.vertx.core.json.JsonArray().add(existing).add(value));
      }
    }
    line.put("headers", headers);
    byte[] value = record.value();
    if (value == null) {
      return line.put("error", "record at offset " + record.offset() + " has no value (a tombstone)");
    }
    Format format = valueFormat.of(value);
    try {
      line.put("message", MessageText.toJson(deserializer(format).deserialize(record.topic(), value)));
      line.put("valueFormat", format == Format.JSON ? "json" : "msgpack");
    } catch (SerializationException e) {
      // The cause is the WrpFormatException saying what and where; the line names the offset.
      String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      line.put("error", "record at offset " + record.offset() + " is not a WRP "
          + (format == Format.JSON ? "JSON" : "msgpack") + " message: " + reason);
      line.put("value_base64", Base64.getEncoder().encodeToString(
          value.length > 256 ? java.util.Arrays.copyOf(value, 256) : value));
    }
    return line;
  }

  // The same deserializers a JVM consumer of the Publisher's topics uses; stateless once built.
  private static final WrpDeserializer MSGPACK_VALUES = new WrpDeserializer(Format.MSGPACK);
  private static final WrpDeserializer JSON_VALUES = new WrpDeserializer(Format.JSON);

  private static WrpDeserializer deserializer(Format format) {
    return switch (format) {
      case MSGPACK -> MSGPACK_VALUES;
      case JSON -> JSON_VALUES;
    };
  }

  /** Reads {@code 10s}, {@code 1m30s}, {@code 500ms} or ISO-8601 {@code PT10S}. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.strip();
      if (text.regionMatches(true, 0, "PT", 0, 2)) {
        return Duration.parse(text);
      }
      java.util.regex.Matcher matcher =
          java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
      Duration total = Duration.ZERO;
      int end = 0;
      while (matcher.find() && matcher.start() == end) {
        long amount = Long.parseLong(matcher.group(1));
        total = total.plus(switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
        end = matcher.end();
      }
      if (end == 0 || end != text.length()) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a duration (examples: 10s, 1m30s, 500ms, PT10S)");
      }
      return total;
    }
  }
}
