package io.wrpkafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.Acks;
import io.wrpkafka.CircuitBreakerConfig;
import io.wrpkafka.SpoolConfig;
import io.wrpkafka.Compression;
import io.wrpkafka.ConfigException;
import io.wrpkafka.DeadLetterConfig;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.Routing;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.config.WrpKafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code wrpkafka.*} properties, bound by Spring and read by the config module, give the
 * config the YAML file would; bad ones fail naming the property. No broker: nothing here starts
 * a publisher.
 */
class WrpKafkaPropertiesBindingTest {
  private static final String[] MINIMAL = {
      "wrpkafka.brokers=k1:9092", "wrpkafka.topic-map[0].pattern=*",
      "wrpkafka.topic-map[0].topic=device-events"};

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WrpKafkaProperties.class)
  static class PropertiesOnly {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
          .withPropertyValues(MINIMAL);

  private static WrpKafkaConfig read(AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    return KafkaSectionDocument.read(context.getBean(WrpKafkaProperties.class),
        UnitlessDurations.problems(context.getEnvironment()));
  }

  private static PublisherConfig publisher(WrpKafkaConfig config) {
    return config.publisher().orElseThrow();
  }

  static Stream<Arguments> properties() {
    Function<WrpKafkaConfig, Object> requestTimeout = c -> publisher(c).requestTimeout();
    Function<WrpKafkaConfig, Object> maxBufferedBytes = c -> publisher(c).maxBufferedBytes();
    Function<WrpKafkaConfig, Object> openAfter =
        c -> publisher(c).circuitBreaker().openAfter();
    Function<WrpKafkaConfig, Object> probeInterval =
        c -> publisher(c).circuitBreaker().probeInterval();
    return Stream.of(
        Arguments.of("wrpkafka.request-timeout=10s", requestTimeout, Duration.ofSeconds(10)),
        Arguments.of("wrpkafka.request-timeout=PT10S", requestTimeout, Duration.ofSeconds(10)),
        Arguments.of("wrpkafka.requestTimeout=1500ms", requestTimeout, Duration.ofMillis(1500)),
        Arguments.of("wrpkafka.request-timeout=0", requestTimeout, Duration.ZERO),
        Arguments.of("wrpkafka.record-delivery-timeout=PT1M30S",
            fn(c -> publisher(c).recordDeliveryTimeout()), Duration.ofSeconds(90)),
        Arguments.of("wrpkafka.cleanup-timeout=3s", fn(c -> publisher(c).cleanupTimeout()),
            Duration.ofSeconds(3)),
        Arguments.of("wrpkafka.retry-backoff=250ms", fn(c -> publisher(c).retryBackoff()),
            Duration.ofMillis(250)),
        Arguments.of("wrpkafka.retry-backoff-max=1m", fn(c -> publisher(c).retryBackoffMax()),
            Duration.ofMinutes(1)),
        Arguments.of("wrpkafka.start-timeout=5s", fn(c -> publisher(c).startTimeout()),
            Duration.ofSeconds(5)),
        Arguments.of("wrpkafka.circuit-breaker.open-after=1s", openAfter, Duration.ofSeconds(1)),
        Arguments.of("wrpkafka.circuit-breaker.open-after=PT1M30S", openAfter,
            Duration.ofSeconds(90)),
        Arguments.of("wrpkafka.circuitBreaker.openAfter=1500ms", openAfter,
            Duration.ofMillis(1500)),
        Arguments.of("wrpkafka.circuit-breaker.probe-interval=500ms", probeInterval,
            Duration.ofMillis(500)),
        Arguments.of("wrpkafka.circuit-breaker.probe-interval=1m", probeInterval,
            Duration.ofMinutes(1)),
        Arguments.of("wrpkafka.circuit-breaker.enabled=false",
            fn(c -> publisher(c).circuitBreaker()), CircuitBreakerConfig.disabled()),
        Arguments.of("wrpkafka.max-buffered-bytes=10MB", maxBufferedBytes, 10L * 1024 * 1024),
        Arguments.of("wrpkafka.max-buffered-bytes=4096", maxBufferedBytes, 4096L),
        Arguments.of("wrpkafka.max-buffered-bytes=512KB", maxBufferedBytes, 512L * 1024),
        Arguments.of("wrpkafka.max-buffered-records=500",
            fn(c -> publisher(c).maxBufferedRecords()), 500),
        Arguments.of("wrpkafka.max-retries=-1", fn(c -> publisher(c).maxRetries()), -1),
        Arguments.of("wrpkafka.client-id=bridge-eu-1", fn(c -> publisher(c).clientId()),
            "bridge-eu-1"),
        Arguments.of("wrpkafka.brokers=k1:9092,k2:9092", fn(c -> publisher(c).brokers()),
            List.of("k1:9092", "k2:9092")),
        Arguments.of("wrpkafka.allow-auto-topic-creation=true",
            fn(c -> publisher(c).allowAutoTopicCreation()), true),
        Arguments.of("wrpkafka.deny-nil-partition-key=true",
            fn(c -> publisher(c).denyNilPartitionKey()), true),
        Arguments.of("wrpkafka.verify-on-start=false", fn(c -> publisher(c).verifyOnStart()),
            false),
        Arguments.of("wrpkafka.value-format=json",
            fn(c -> publisher(c).valueEncoder().contentType()), "application/json"),
        Arguments.of("wrpkafka.kafka-properties.linger.ms=7",
            fn(c -> publisher(c).kafkaProperties()), Map.of("linger.ms", "7")),
        Arguments.of("wrpkafka.sasl.username=bridge",
            fn(c -> c.publisher().isPresent()), false), // incomplete: see the error tests
        Arguments.of("wrpkafka.linger=20ms", fn(c -> c.dynamicConfig().linger()),
            Duration.ofMillis(20)),
        Arguments.of("wrpkafka.batch-max-bytes=32KB", fn(c -> c.dynamicConfig().batchMaxBytes()),
            32 * 1024),
        Arguments.of("wrpkafka.acks=leader", fn(c -> c.dynamicConfig().acks()), Acks.LEADER),
        Arguments.of("wrpkafka.acks=0", fn(c -> c.dynamicConfig().acks()), Acks.NONE),
        Arguments.of("wrpkafka.compression-codec=zstd",
            fn(c -> c.dynamicConfig().compression()), Compression.ZSTD),
        Arguments.of("wrpkafka.routing=all", fn(c -> c.dynamicConfig().routing()), Routing.ALL),
        Arguments.of("wrpkafka.headers.wrp-source=wrp.Source",
            fn(c -> c.dynamicConfig().headers()), Map.of("wrp-source", List.of("wrp.Source"))),
        Arguments.of("wrpkafka.headers[X-Device]=wrp.DeviceID,literal",
            fn(c -> c.dynamicConfig().headers()),
            Map.of("X-Device", List.of("wrp.DeviceID", "literal"))),
        Arguments.of("wrpkafka.headers.x-literal=\\${not-substituted}",
            fn(c -> c.dynamicConfig().headers()), Map.of("x-literal", List.of("${not-substituted}"))),
        Arguments.of("wrpkafka.dead-letter.topic=dlq",
            fn(c -> c.dynamicConfig().deadLetter().map(DeadLetterConfig::topic)),
            java.util.Optional.of("dlq")),
        Arguments.of("wrpkafka.dead-letter.min-qos=75",
            fn(c -> c.dynamicConfig().deadLetter().map(DeadLetterConfig::minQos)),
            java.util.Optional.of(75)),
        Arguments.of("wrpkafka.topic-map[0].case-insensitive=true",
            fn(c -> c.dynamicConfig().topicMap().get(0).caseInsensitive()), true),
        Arguments.of("wrpkafka.topic-map[0].ignore-case=true",
            fn(c -> c.dynamicConfig().topicMap().get(0).caseInsensitive()), true),
        Arguments.of("wrpkafka.spool.directory=/var/spool/wrpkafka",
            fn(c -> publisher(c).spool().map(SpoolConfig::directory)),
            java.util.Optional.of(java.nio.file.Path.of("/var/spool/wrpkafka"))),
        Arguments.of("wrpkafka.topic-map[0].partition-key=metadata/tenant",
            fn(c -> c.dynamicConfig().topicMap().get(0).partitionKey()), "metadata/tenant"));
  }

  private static Function<WrpKafkaConfig, Object> fn(Function<WrpKafkaConfig, Object> f) {
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("properties")
  void propertyBindsToTheConfigTheYamlKeyGives(String property,
      Function<WrpKafkaConfig, Object> read, Object expected) {
    if (property.startsWith("wrpkafka.sasl.")) {
      runner.withPropertyValues(property).run(context -> assertThatThrownBy(() -> read(context))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("wrpkafka.sasl.password"));
      return;
    }
    runner.withPropertyValues(property).run(context ->
        assertThat(read.apply(read(context))).isEqualTo(expected));
  }

  @Test
  void shardedRouteBindsWithItsTopicsAndStrategy() {
    runner.withPropertyValues("wrpkafka.topic-map[0].topic=",
        "wrpkafka.topic-map[0].topics=qos-0,qos-1", "wrpkafka.topic-map[0].shard-by=deviceid",
        "wrpkafka.topic-map[1].pattern=online", "wrpkafka.topic-map[1].topic=lifecycle")
        .run(context -> {
          List<TopicRoute> routes = read(context).dynamicConfig().topicMap();
          assertThat(routes).extracting(TopicRoute::pattern).containsExactly("*", "online");
          assertThat(routes.get(0).topics()).containsExactly("qos-0", "qos-1");
          assertThat(routes.get(0).shardBy()).isEqualTo("deviceid");
        });
  }

  @Test
  void unsetPropertiesKeepTheLibraryDefaults() {
    runner.run(context -> {
      PublisherConfig config = publisher(read(context));
      PublisherConfig defaults = PublisherConfig.builder().brokers("k1:9092")
          .initialDynamicConfig(config.initialDynamicConfig()).build();
      assertThat(config).isEqualTo(defaults);
    });
  }

  @Test
  void unknownShardStrategyIsReportedByItsPropertyName() {
    runner.withPropertyValues("wrpkafka.topic-map[0].topic=", "wrpkafka.topic-map[0].topics=a,b",
        "wrpkafka.topic-map[0].shard-by=hash").run(context ->
        assertThatThrownBy(() -> read(context)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("wrpkafka.topic-map[0].shard-by: unknown strategy \"hash\""));
  }

  @Test
  void durationWithoutAUnitIsRejectedNamingTheProperty() {
    runner.withPropertyValues("wrpkafka.request-timeout=30").run(context ->
        assertThatThrownBy(() -> read(context)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("wrpkafka.request-timeout: duration \"30\" has no unit"));
  }

  @ParameterizedTest(name = "wrpkafka.circuit-breaker.{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "open-after     | 0s    | must be positive",
      "open-after     | -1s   | must be positive",
      "open-after     | 5     | duration \"5\" has no unit",
      "probe-interval | 5ms   | must be at least 10ms",
      "probe-interval | 2     | duration \"2\" has no unit"})
  void badCircuitBreakerValueIsReportedByItsPropertyName(String key, String value,
      String problem) {
    String name = "wrpkafka.circuit-breaker." + key;
    runner.withPropertyValues(name + "=" + value).run(context ->
        assertThatThrownBy(() -> read(context)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(name + ": " + problem));
  }

  static Stream<Arguments> spoolProperties() {
    return Stream.of(
        Arguments.of("max-bytes=2GB", (Function<SpoolConfig, Object>) SpoolConfig::maxBytes,
            2L * 1024 * 1024 * 1024),
        Arguments.of("min-qos=50", (Function<SpoolConfig, Object>) SpoolConfig::minQos, 50),
        Arguments.of("fsync=always", (Function<SpoolConfig, Object>) SpoolConfig::fsync,
            SpoolConfig.Fsync.ALWAYS),
        Arguments.of("fsync-interval=250ms",
            (Function<SpoolConfig, Object>) SpoolConfig::fsyncInterval, Duration.ofMillis(250)));
  }

  @ParameterizedTest(name = "wrpkafka.spool.{0}")
  @MethodSource("spoolProperties")
  void spoolPropertyBindsToTheSpoolConfig(String property, Function<SpoolConfig, Object> read,
      Object expected) {
    runner.withPropertyValues("wrpkafka.spool.directory=/tmp/spool", "wrpkafka.spool." + property)
        .run(context -> assertThat(read.apply(publisher(read(context)).spool().orElseThrow()))
            .isEqualTo(expected));
  }

  @ParameterizedTest(name = "wrpkafka.spool.{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "min-qos        | 100   | wrpkafka.spool.min-qos",
      "fsync          | often | wrpkafka.spool.fsync",
      "fsync-interval | 100   | wrpkafka.spool.fsync-interval: duration \"100\" has no unit",
      "max-bytes      | 0     | wrpkafka.spool.max-bytes"})
  void badSpoolValueIsReportedByItsPropertyName(String key, String value, String problem) {
    runner.withPropertyValues("wrpkafka.spool.directory=/tmp/spool",
        "wrpkafka.spool." + key + "=" + value).run(context ->
        assertThatThrownBy(() -> read(context)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(problem));
  }

  @Test
  void aSpoolWithoutDirectoryIsReportedByThePropertyName() {
    runner.withPropertyValues("wrpkafka.spool.min-qos=50").run(context ->
        assertThatThrownBy(() -> read(context)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("wrpkafka.spool.directory"));
  }

  @Test
  void keyPasswordReachesTheTlsConfigAndNeverItsText() {
    runner.withPropertyValues("wrpkafka.tls.cert-file=/etc/c.pem", "wrpkafka.tls.key-file=/etc/k.pem",
        "wrpkafka.tls.key-password=hunter2-key").run(context -> {
          WrpKafkaConfig config = read(context);
          assertThat(publisher(config).tls().orElseThrow().keyPassword()).contains("hunter2-key");
          assertThat(context.getBean(WrpKafkaProperties.class).getTls().toString())
              .doesNotContain("hunter2-key");
        });
  }

  @Test
  void missingBrokersAreReportedByThePropertyName() {
    new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
        .withPropertyValues("wrpkafka.topic-map[0].pattern=*", "wrpkafka.topic-map[0].topic=t")
        .run(context -> assertThatThrownBy(() -> read(context))
            .isInstanceOf(ConfigException.class).hasMessageContaining("wrpkafka.brokers: "));
  }

  @Test
  void everyProblemIsReportedOnItsOwnLine() {
    runner.withPropertyValues("wrpkafka.acks=most", "wrpkafka.routing=some").run(context ->
        assertThatThrownBy(() -> read(context)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("\n  wrpkafka.acks: ")
            .hasMessageContaining("\n  wrpkafka.routing: "));
  }

  @Test
  void saslPasswordNeverAppearsInAProblem() {
    runner.withPropertyValues("wrpkafka.sasl.mechanism=MD5", "wrpkafka.sasl.username=u",
        "wrpkafka.sasl.password=hunter2-secret").run(context ->
        assertThatThrownBy(() -> read(context)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("wrpkafka.sasl.mechanism")
            .hasMessageNotContaining("hunter2-secret"));
  }
}
