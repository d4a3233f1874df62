package io.wrpkafka.config;

import io.wrpkafka.ConfigException;
import io.wrpkafka.DynamicConfig;
import io.wrpkafka.PublisherConfig;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The meaning of one wrpkafka configuration file: the Kafka publisher's settings, its dynamic
 * (hot-reloadable) settings, and the HTTP bridge's settings. Immutable and thread-safe; {@link
 * #toString()} never shows a secret.
 *
 * <p>The schema is described in the module README. In short: a top-level {@code kafka:} section
 * (required; or nested as {@code device.outbound.kafka:}, as in the seed documents, but not both)
 * with the static settings of {@link PublisherConfig} and the dynamic part either
 * inline or under {@code initialDynamicConfig}; an optional {@code server:} section ({@link
 * ServerConfig}). {@code ${NAME}} and {@code ${NAME:-default}} in values are replaced from the
 * environment; then {@code KAFKA_BROKERS} and the other documented variables override the file.
 *
 * <pre>{@code
 * WrpKafkaConfig config = WrpKafkaConfig.load(Path.of("bridge.yaml")); // throws ConfigException
 * Publisher publisher = Publisher.builder().config(config.publisher().orElseThrow()).build();
 * }</pre>
 */
public final class WrpKafkaConfig {
  /*
   * Implementation notes
   *
   * Loading is four passes over one tree: compose (YamlTree: marks, substitution, duplicate
   * keys), override (EnvironmentOverrides), read (MappingReader per mapping: types, unknown keys)
   * and build (the core builders, whose ConfigException messages FieldPath places back on the
   * node they name). Each pass reports into one Problems list and carries on, so a file with
   * five mistakes yields five problems. Nothing here logs.
   */

  static final String KAFKA = "kafka";
  static final String SERVER = "server";
  /** The seed documents nest the section as {@code device.outbound.kafka}. */
  static final String DEVICE = "device";
  static final String OUTBOUND = "outbound";
  private static final List<String> TOP_KEYS = List.of(KAFKA, SERVER, DEVICE);

  private final String source;
  private final boolean kafkaEnabled;
  private final PublisherConfig publisher;
  private final DynamicConfig dynamicConfig;
  private final ServerConfig server;
  private final List<ConfigProblem> warnings;

  private WrpKafkaConfig(String source, boolean kafkaEnabled, PublisherConfig publisher,
      DynamicConfig dynamicConfig, ServerConfig server, List<ConfigProblem> warnings) {
    this.source = source;
    this.kafkaEnabled = kafkaEnabled;
    this.publisher = publisher;
    this.dynamicConfig = dynamicConfig;
    this.server = server;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads {@code file} (UTF-8) with the process environment ({@link System#getenv()}). Blocks on
   * file I/O.
   *
   * @throws ConfigException listing every problem, one per line (also when the file cannot be
   *     read)
   */
  public static WrpKafkaConfig load(Path file) {
    return load(file, System.getenv());
  }

  /**
   * Reads {@code file} (UTF-8), substituting and overriding from {@code environment}. Blocks on
   * file I/O.
   *
   * @throws ConfigException listing every problem, one per line
   */
  public static WrpKafkaConfig load(Path file, Map<String, String> environment) {
    Loaded loaded = read(file, environment);
    return loaded.orThrow();
  }

  /**
   * Interprets {@code yaml}, naming it {@code sourceName} in problems, with {@code environment}
   * for substitution and overrides.
   *
   * @throws ConfigException listing every problem, one per line
   */
  public static WrpKafkaConfig parse(String yaml, String sourceName,
      Map<String, String> environment) {
    return interpret(yaml, sourceName, environment).orThrow();
  }

  /**
   * Every problem in {@code file}, ordered by position; empty when {@link #load(Path, Map)}
   * would succeed. Blocks on file I/O; never throws for a bad file.
   */
  public static List<ConfigProblem> validate(Path file, Map<String, String> environment) {
    return read(file, environment).problems();
  }

  /** Every problem in {@code yaml}, ordered by position; empty when {@link #parse} succeeds. */
  public static List<ConfigProblem> validate(String yaml, String sourceName,
      Map<String, String> environment) {
    return interpret(yaml, sourceName, environment).problems();
  }

  /**
   * Reads a dynamic config alone — the keys {@code topicMap}, {@code headers}, {@code
   * compressionCodec}, {@code linger}, {@code batchMaxBytes}, {@code acks}, {@code routing},
   * {@code deadLetter} at the top level — from YAML or JSON (JSON is YAML). Meant for {@code
   * PUT /api/v1/config}: it does <em>not</em> substitute {@code ${…}} from the environment, so a
   * remote caller cannot read the server's variables; {@code ${…}} stays literal text.
   *
   * @throws ConfigException listing every problem, one per line
   */
  public static DynamicConfig parseDynamic(String yamlOrJson, String sourceName) {
    DynamicOutcome outcome = interpretDynamic(yamlOrJson, sourceName);
    if (!outcome.problems().isEmpty()) {
      throw new ConfigException(lines(outcome.problems()));
    }
    return outcome.config();
  }

  /** Every problem {@link #parseDynamic} would report; empty when it would succeed. */
  public static List<ConfigProblem> validateDynamic(String yamlOrJson, String sourceName) {
    return interpretDynamic(yamlOrJson, sourceName).problems();
  }

  /**
   * {@code config} as the file spells it: an ordered map with the keys {@link
   * #parseDynamic} reads ({@code topicMap} as a list of maps, {@code linger} as {@code "5ms"},
   * enums in lower case), holding only strings, numbers, booleans, lists and maps, ready for a
   * JSON or YAML writer; {@code deadLetter} appears only when the config has one. {@code
   * parseDynamic} of it gives back an equal config. Unmodifiable.
   */
  public static Map<String, Object> toMap(DynamicConfig config) {
    return DynamicConfigMap.of(Objects.requireNonNull(config, "config"));
  }

  /** {@link #toMap} written as block-style YAML. */
  public static String toYaml(DynamicConfig config) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Dump(settings).dumpToString(toMap(config));
  }

  /** The name problems give for this config's source (the file path as given). */
  public String source() {
    return source;
  }

  /** Whether Kafka publishing is on ({@code kafka.enabled}, default true). */
  public boolean kafkaEnabled() {
    return kafkaEnabled;
  }

  /**
   * The publisher's settings, with {@link #dynamicConfig()} as its initial dynamic config; empty
   * when {@code kafka.enabled} is false (the bridge then runs without publishing). The static
   * settings are validated either way.
   */
  public Optional<PublisherConfig> publisher() {
    return Optional.ofNullable(publisher);
  }

  /** The dynamic settings: routes, headers, batching, acks, routing mode, dead-letter topic. */
  public DynamicConfig dynamicConfig() {
    return dynamicConfig;
  }

  /** The bridge's settings; {@link ServerConfig#defaults()} when the file has no server section. */
  public ServerConfig server() {
    return server;
  }

  /**
   * Things that are allowed but probably not meant, placed like problems: routes that can never
   * match ({@link DynamicConfig#warnings()}). Empty when there are none.
   */
  public List<ConfigProblem> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    // The publisher's toString already shows its dynamic config.
    return "WrpKafkaConfig{source=" + source + ", kafkaEnabled=" + kafkaEnabled
        + (publisher != null ? ", publisher=" + publisher : ", dynamicConfig=" + dynamicConfig)
        + ", server=" + server + '}';
  }

  // ---- loading ----

  private record Loaded(WrpKafkaConfig config, List<ConfigProblem> problems) {
    WrpKafkaConfig orThrow() {
      if (!problems.isEmpty()) {
        throw new ConfigException(lines(problems));
      }
      return config;
    }
  }

  private record DynamicOutcome(DynamicConfig config, List<ConfigProblem> problems) {}

  private static String lines(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }

  private static Loaded read(Path file, Map<String, String> environment) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      return new Loaded(null, List.of(new ConfigProblem(source, 0, 0, "",
          "cannot read the file: it is a directory (expected a YAML file)")));
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (CharacterCodingException e) {
      return new Loaded(null, List.of(new ConfigProblem(source, 0, 0, "",
          "cannot read the file: not UTF-8 text")));
    } catch (NoSuchFileException e) {
      return new Loaded(null, List.of(new ConfigProblem(source, 0, 0, "",
          "cannot read the file: no such file")));
    } catch (IOException e) {
      return new Loaded(null, List.of(new ConfigProblem(source, 0, 0, "",
          "cannot read the file: " + e)));
    }
    return interpret(text, source, environment);
  }

  private static Loaded interpret(String text, String source, Map<String, String> environment) {
    Objects.requireNonNull(text, "yaml");
    Objects.requireNonNull(source, "sourceName");
    Objects.requireNonNull(environment, "environment");
    Problems problems = new Problems();
    YamlNode root = YamlTree.parse(text, source, environment, problems).orElse(null);
    if (root == null && problems.count() > 0) { // a syntax error: nothing to read
      return new Loaded(null, problems.sorted());
    }
    root = EnvironmentOverrides.apply(root, environment);
    if (root == null) {
      problems.add(new Origin(source, 0, 0), "", "the file is empty (expected a kafka: section)");
      return new Loaded(null, problems.sorted());
    }
    if (!(root instanceof YamlNode.Mapping top)) {
      problems.add(root.origin(), "", "expected a mapping with a kafka: section, found "
          + root.describe(false));
      return new Loaded(null, problems.sorted());
    }
    MappingReader reader = new MappingReader(top, "", problems, TOP_KEYS);
    Optional<KafkaSection.Result> kafka = kafkaSection(reader).map(KafkaSection::read);
    Optional<MappingReader> serverReader = reader.mapping(SERVER, ServerSection.KEYS);
    Optional<ServerConfig> server = serverReader.isPresent()
        ? ServerSection.read(serverReader.get()) : Optional.of(ServerConfig.defaults());
    reader.finish();
    if (problems.count() > 0) {
      return new Loaded(null, problems.sorted());
    }
    KafkaSection.Result k = kafka.orElseThrow();
    DynamicConfig dynamic = k.dynamic().orElseThrow();
    List<ConfigProblem> warnings = new ArrayList<>(k.warnings());
    warnings.addAll(locate(dynamic.warnings(), k.dynamicReader()));
    return new Loaded(new WrpKafkaConfig(source, k.enabled(), k.publisher().orElse(null), dynamic,
        server.orElseThrow(), warnings), List.of());
  }

  /**
   * The reader of the kafka section: top-level {@code kafka:}, or {@code device.outbound.kafka:}
   * as the seed documents nest it; both at once is a problem (the top-level one is read, so its
   * own problems still show).
   */
  private static Optional<MappingReader> kafkaSection(MappingReader top) {
    if (!top.has(DEVICE)) {
      top.require(KAFKA, "the kafka: section (brokers, topicMap, …), or device.outbound.kafka:");
      return top.mapping(KAFKA, KafkaSection.KEYS);
    }
    if (top.has(KAFKA)) {
      YamlNode.Entry device = top.mapping().entry(DEVICE).orElseThrow();
      top.problems().add(device.keyOrigin(), DEVICE, "the kafka section is given twice: under"
          + " device.outbound here and at the top level (line "
          + top.mapping().entry(KAFKA).orElseThrow().keyOrigin().line() + "); use one");
      top.skip(DEVICE);
      return top.mapping(KAFKA, KafkaSection.KEYS);
    }
    Optional<MappingReader> kafka = Optional.empty();
    Optional<MappingReader> device = top.mapping(DEVICE, List.of(OUTBOUND));
    if (device.isPresent()) {
      device.get().require(OUTBOUND, "the outbound: section holding kafka:");
      Optional<MappingReader> outbound = device.get().mapping(OUTBOUND, List.of(KAFKA));
      if (outbound.isPresent()) {
        outbound.get().require(KAFKA, "the kafka: section (brokers, topicMap, …)");
        kafka = outbound.get().mapping(KAFKA, KafkaSection.KEYS);
        outbound.get().finish();
      }
      device.get().finish();
    } else {
      top.require(DEVICE, "device.outbound.kafka: (or a top-level kafka: section)");
    }
    return kafka;
  }

  private static DynamicOutcome interpretDynamic(String text, String source) {
    Objects.requireNonNull(text, "yamlOrJson");
    Objects.requireNonNull(source, "sourceName");
    Problems problems = new Problems();
    YamlNode root = YamlTree.parse(text, source, null, problems).orElse(null);
    if (root == null && problems.count() > 0) {
      return new DynamicOutcome(null, problems.sorted());
    }
    if (root == null) {
      problems.add(new Origin(source, 0, 0), "", "empty document (expected topicMap, …)");
      return new DynamicOutcome(null, problems.sorted());
    }
    if (!(root instanceof YamlNode.Mapping top)) {
      problems.add(root.origin(), "", "expected a mapping with topicMap, headers, …, found "
          + root.describe(false));
      return new DynamicOutcome(null, problems.sorted());
    }
    MappingReader reader = new MappingReader(top, "", problems, DynamicSection.KEYS);
    Optional<DynamicConfig> config = DynamicSection.read(reader);
    reader.finish();
    if (problems.count() > 0) {
      return new DynamicOutcome(null, problems.sorted());
    }
    return new DynamicOutcome(config.orElseThrow(), List.of());
  }

  private static List<ConfigProblem> locate(List<String> messages, MappingReader at) {
    List<ConfigProblem> located = new ArrayList<>();
    for (String message : messages) {
      FieldPath.Located l = FieldPath.locate(message, at.mapping(), DynamicSection.ALIASES);
      Origin o = l.node().origin();
      located.add(new ConfigProblem(o.source(), o.line(), o.column(),
          Problems.join(at.path(), l.path()), l.message()));
    }
    return List.copyOf(located);
  }
}
