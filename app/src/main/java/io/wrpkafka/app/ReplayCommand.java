package io.wrpkafka.app;

import io.wrpkafka.ConfigException;
import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.PublishException;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.config.WrpKafkaConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/*
 * Position and commits. The consumer is assigned every partition of the dead-letter topic (no
 * subscription, so no rebalance can move a partition mid-batch) under a group id, which only
 * stores the position: it starts at the group's committed offset, or the earliest record. End
 * offsets are taken once at the start, so records dead-lettered meanwhile (a --reroute that
 * fails again lands in the same topic) wait for the next run, and the replay ends by itself.
 *
 * Each poll's records are sent, the sink flushed, every send's result awaited, and only then is
 * each partition committed up to its last record acknowledged (or skipped). A failure stops its
 * partition: nothing past the failed record is committed or read further, so the next run starts
 * with it and the records of one key are never replayed out of order across runs. Records of
 * that partition already sent in the same batch are sent again then: at-least-once.
 */
/** Sends the records of a dead-letter topic back to their topics, then ends. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Sends the records of a dead-letter topic back to Kafka.",
      "%nReads what the dead-letter topic holds when replay starts and then ends. By default each "
          + "record goes back to its dlq.original_topic with its original key, value and headers "
          + "(the dlq.* headers removed); a record that matched no route is skipped unless "
          + "--reroute is given. With --reroute each message is published again through the "
          + "routes of --config.",
      "%nReplay reads in consumer group --group and commits its position once the records up "
          + "to it are acknowledged by Kafka (or skipped), so an interrupted replay resumes where "
          + "it stopped. Records left out by --error-type, --since or --until are skipped and "
          + "committed past too: a later run of the same group does not see them again. A failed "
          + "record stops its partition; the next run starts again with it.",
      "%nReplay is at-least-once: a record sent but not yet committed when replay is "
          + "interrupted or fails is sent again by the next run. Run one replay per group at a "
          + "time.%n"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every selected record was replayed (or, with --dry-run, read)",
      "1:a record could not be replayed, the topic does not exist, Kafka could not be reached "
          + "or the configuration is invalid",
      "2:bad command line",
      "130:stopped by Ctrl-C or SIGTERM; what was acknowledged is committed"
    })
final class ReplayCommand implements Callable<Integer> {

  static final int INTERRUPTED = 130;

  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "TOPIC", defaultValue = DeadLetterConfig.DEFAULT_TOPIC,
      description = "The dead-letter topic to read (default: ${DEFAULT-VALUE}).")
  String from;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Cluster cluster;

  /** Where Kafka is: a configuration file (with TLS and SASL) or bare bootstrap servers. */
  static final class Cluster {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "The configuration file: brokers, TLS and SASL (and the routes, for --reroute).")
    Path config;

    @Option(names = {"-b", "--brokers"}, required = true, split = ",", paramLabel = "HOST:PORT",
        description = "Kafka bootstrap servers, comma-separated (plaintext, no login).")
    List<String> brokers;
  }

  @Option(names = "--error-type", split = ",", paramLabel = "TYPE",
      description = "Replay only records whose dlq.error_type is TYPE (e.g. topic_not_found, "
          + "timeout); repeatable. Other records are skipped and committed past.")
  List<String> errorTypes = new ArrayList<>();

  @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Replay only records that failed (dlq.failed_at) at or after TIME: an "
          + "ISO-8601 instant like 2026-12-01T02:03:04Z, or a duration ago like 1h, 30m, 2d. "
          + "Other records are skipped and committed past.")
  Instant since;

  @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Replay only records that failed before TIME (same forms as --since). "
          + "Other records are skipped and committed past.")
  Instant until;

  @Option(names = "--reroute",
      description = "Publish each message through the current routes of --config instead of "
          + "back to its original topic; also replays records that matched no route.")
  boolean reroute;

  @Option(names = "--dry-run",
      description = "Read and print what would be replayed, per original topic and error type; "
          + "produce and commit nothing.")
  boolean dryRun;

  @Option(names = {"-g", "--group"}, paramLabel = "ID",
      description = "The consumer group that keeps the replay's position "
          + "(default: wrpkafka-replay-<from>).")
  String group;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Give up on reaching Kafka and finding the topic after this long, ISO-8601 "
          + "or like 10s (default: ${DEFAULT-VALUE}).",
      defaultValue = "PT15S", converter = TailCommand.DurationConverter.class)
  Duration timeout;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    if (reroute && cluster.config == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--reroute needs --config: the routes come from the configuration file");
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--since " + since + " is not before --until " + until);
    }
    PublisherConfig config = publisherConfig();
    if (config == null) {
      return 1;
    }
    String groupId = group != null ? group : "wrpkafka-replay-" + from;
    ReplaySelection selection =
        new ReplaySelection(new LinkedHashSet<>(errorTypes), since, until, reroute);
    ReplayTally tally = new ReplayTally();
    AtomicBoolean stopped = new AtomicBoolean();
    SignalHandlers signals = SignalHandlers.install(() -> stopped.set(true));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(config, groupId))) {
      List<PartitionInfo> partitions;
      try {
        partitions = consumer.partitionsFor(from, timeout);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        err.println("error: could not reach Kafka at " + String.join(",", config.brokers())
            + " within " + timeout);
        return 1;
      }
      if (partitions == null || partitions.isEmpty()) {
        err.println("error: topic " + from + " does not exist at " + String.join(",", config.brokers()));
        return 1;
      }
      List<TopicPartition> assigned = new ArrayList<>();
      for (PartitionInfo partition : partitions) {
        assigned.add(new TopicPartition(from, partition.partition()));
      }
      consumer.assign(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
      Map<TopicPartition, Long> next = new HashMap<>();
      long total = 0;
      for (TopicPartition partition : assigned) {
        long position = consumer.position(partition, timeout);
        next.put(partition, position);
        total += Math.max(0, end.get(partition) - position);
      }
      out.printf("%s %,d record(s) of %s (group %s)%s%n", dryRun ? "Reading" : "Replaying", total,
          from, groupId, dryRun ? ": dry run, nothing is produced or committed"
              : reroute ? " through the routes of " + cluster.config : " to their original topics");
      out.flush();
      boolean completed;
      try (ReplaySink sink = dryRun ? null : sink(config, tally);
          ProgressBar progress = ProgressBar.start(out, dryRun ? "Reading" : "Replaying", total,
              tally.read::get)) {
        completed = replay(consumer, sink, selection, tally, end, next, stopped);
      }
      tally.print(out, dryRun);
      if (!completed) {
        out.println("stopped before the end; the next run of group " + groupId + " resumes there");
        return INTERRUPTED;
      }
      return tally.failed() > 0 ? 1 : 0;
    } catch (KafkaException e) {
      err.println("error: replaying " + from + " failed: " + e.getClass().getSimpleName() + ": "
          + e.getMessage());
      return 1;
    } catch (PublishException e) {
      // The --reroute publisher's start check; its message names the brokers and the cause.
      err.println("error: " + e.getMessage());
      return 1;
    } finally {
      if (signals != null) {
        signals.close();
      }
    }
  }

  /**
   * Reads every assigned partition from {@code next} up to {@code end}, sends the selected
   * records and commits after each poll. Returns false when stopped by a signal first.
   */
  private boolean replay(KafkaConsumer<byte[], byte[]> consumer, ReplaySink sink,
      ReplaySelection selection, ReplayTally tally, Map<TopicPartition, Long> end,
      Map<TopicPartition, Long> next, AtomicBoolean stopped) {
    Set<TopicPartition> reading = new LinkedHashSet<>();
    for (TopicPartition partition : next.keySet()) {
      if (next.get(partition) < end.get(partition)) {
        reading.add(partition);
      }
    }
    consumer.pause(difference(next.keySet(), reading));
    while (!reading.isEmpty()) {
      if (stopped.get()) {
        for (TopicPartition partition : reading) {
          tally.left(end.get(partition) - next.get(partition));
        }
        return false;
      }
      List<Sent> batch = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (!reading.contains(partition) || record.offset() >= end.get(partition)) {
          continue;
        }
        tally.read.incrementAndGet();
        DeadLetterRecord deadLetter = DeadLetterRecord.of(record);
        String skip = selection.skipReason(deadLetter);
        CompletableFuture<String> result;
        if (skip != null) {
          tally.skipped(skip);
          result = CompletableFuture.completedFuture(null);
        } else if (sink == null) {
          tally.planned(deadLetter);
          result = CompletableFuture.completedFuture(null);
        } else {
          result = sink.send(deadLetter);
        }
        batch.add(new Sent(partition, record.offset(), skip != null, result));
      }
      if (sink != null) {
        sink.flush();
      }
      Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
      Set<TopicPartition> failed = new LinkedHashSet<>();
      for (Sent sent : batch) {
        String failure = sent.result().join();
        if (failure != null) {
          tally.failed("partition " + sent.partition().partition() + " offset " + sent.offset(),
              failure);
          failed.add(sent.partition());
        } else if (!sent.skipped() && sink != null) {
          tally.replayed();
        }
        if (!failed.contains(sent.partition())) {
          next.put(sent.partition(), sent.offset() + 1);
          commits.put(sent.partition(), new OffsetAndMetadata(sent.offset() + 1));
        }
      }
      if (!dryRun && !commits.isEmpty()) {
        consumer.commitSync(commits);
      }
      for (TopicPartition partition : failed) {
        tally.left(end.get(partition) - next.get(partition));
        reading.remove(partition);
      }
      // A partition is done when the consumer is past its end, even if the last offsets held no
      // record to read (transaction markers, compaction).
      for (TopicPartition partition : List.copyOf(reading)) {
        if (consumer.position(partition) >= end.get(partition)) {
          if (!failed.contains(partition) && !dryRun && next.get(partition) < end.get(partition)) {
            next.put(partition, end.get(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(end.get(partition))));
          }
          reading.remove(partition);
        }
      }
      consumer.pause(difference(next.keySet(), reading));
    }
    return true;
  }

  /** One record of a poll: where it was and how its replay (or skip) ended. */
  private record Sent(TopicPartition partition, long offset, boolean skipped,
      CompletableFuture<String> result) {}

  private static Set<TopicPartition> difference(Set<TopicPartition> all, Set<TopicPartition> minus) {
    Set<TopicPartition> rest = new LinkedHashSet<>(all);
    rest.removeAll(minus);
    return rest;
  }

  private ReplaySink sink(PublisherConfig config, ReplayTally tally) {
    String clientId = config.clientId() + "-replay";
    if (reroute) {
      return new ReplaySink.ThroughPublisher(config.toBuilder().clientId(clientId).build(), tally);
    }
    // A zero requestTimeout is "none of its own": then the delivery timeout bounds the wait.
    Duration blockTimeout = config.requestTimeout().isZero()
        ? config.recordDeliveryTimeout() : config.requestTimeout();
    return new ReplaySink.ToOriginalTopic(config.clientProperties(), clientId, blockTimeout,
        tally);
  }

  private Properties consumerProperties(PublisherConfig config, String groupId) {
    Properties props = new Properties();
    props.putAll(config.clientProperties());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-replay-reader");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  /** The cluster settings from --config or --brokers; null (after saying why) when unusable. */
  private PublisherConfig publisherConfig() {
    if (cluster.brokers != null) {
      try {
        // PublisherConfig insists on routes; without --config only its connection settings are
        // used (--reroute needs --config), so any valid route will do.
        DynamicConfig unused = DynamicConfig.builder()
            .topicMap(List.of(TopicRoute.builder().pattern("*").topic(from).build())).build();
        return PublisherConfig.builder().brokers(cluster.brokers).clientId("wrpkafka")
            .initialDynamicConfig(unused).build();
      } catch (ConfigException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--brokers: " + e.getMessage());
      }
    }
    Path file = cluster.config;
    if (!Files.isRegularFile(file)) {
      err.println("error: configuration file " + file + " does not exist or is not a file");
      return null;
    }
    WrpKafkaConfig loaded;
    try {
      loaded = WrpKafkaConfig.load(file, System.getenv());
    } catch (ConfigException e) {
      err.println("error: " + file + " is not a valid configuration:");
      err.println(e.getMessage());
      err.println("(wrpkafka validate --config " + file + " lists every problem)");
      return null;
    }
    if (loaded.publisher().isEmpty()) {
      err.println("error: kafka.enabled is false in " + file + ": there is no cluster to replay to");
      return null;
    }
    return loaded.publisher().get();
  }

  /**
   * Reads an ISO-8601 instant ({@code 2026-12-01T02:03:04Z}, or with an offset such as {@code
   * +01:00}), or a duration meaning that long before now: {@code 1h}, {@code 30m}, {@code 2d},
   * {@code 1h30m}, {@code PT2H}.
   */
  static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
    private static final java.util.regex.Pattern DAYS = java.util.regex.Pattern.compile("(\\d+)d(.*)");

    @Override
    public Instant convert(String value) {
      String text = value.strip();
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        // not an instant: a duration ago
      }
      Duration ago = Duration.ZERO;
      java.util.regex.Matcher days = DAYS.matcher(text);
      if (days.matches()) {
        ago = Duration.ofDays(Long.parseLong(days.group(1)));
        text = days.group(2);
      }
      try {
        if (!text.isEmpty()) {
          ago = ago.plus(new TailCommand.DurationConverter().convert(text));
        }
      } catch (CommandLine.TypeConversionException | DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is neither an ISO-8601 "
            + "instant nor a duration (examples: 2026-12-01T02:03:04Z, 1h, 30m, 2d)");
      }
      return Instant.now().minus(ago);
    }
  }
}
