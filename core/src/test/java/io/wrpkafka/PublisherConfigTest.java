package io.wrpkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublisherConfigTest {

  private static final DynamicConfig ROUTES = DynamicConfig.builder()
      .topicMap(List.of(TopicRoute.builder().pattern("*").topic("events").build())).build();

  private static PublisherConfig.Builder minimal() {
    return PublisherConfig.builder().brokers("localhost:9092").initialDynamicConfig(ROUTES);
  }

  @Test
  void minimalConfigGetsTheDocumentedDefaults() {
    PublisherConfig config = minimal().build();
    assertThat(config.clientId()).isEqualTo("wrpkafka");
    assertThat(config.maxBufferedRecords()).isEqualTo(10_000);
    assertThat(config.maxBufferedBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.recordDeliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.cleanupTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxRetries()).isEqualTo(PublisherConfig.UNLIMITED_RETRIES);
    assertThat(config.allowAutoTopicCreation()).isFalse();
    assertThat(config.denyNilPartitionKey()).isFalse();
    assertThat(config.verifyOnStart()).isTrue();
    assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.tls()).isEmpty();
    assertThat(config.sasl()).isEmpty();
  }

  @ParameterizedTest(name = "broker \"{0}\" is accepted")
  @ValueSource(strings = {"localhost:9092", "10.0.0.1:1", "kafka-0.kafka.svc:65535",
      "[::1]:9092"})
  void wellFormedBrokersAreAccepted(String broker) {
    assertThat(minimal().brokers(broker).build().brokers()).containsExactly(broker);
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        invalid("no brokers", b -> b.brokers(List.of()),
            "brokers: at least one host:port is required"),
        invalid("blank broker", b -> b.brokers("a:1", " "), "brokers[1]: must not be blank"),
        invalid("broker without port", b -> b.brokers("localhost"),
            "brokers[0]: \"localhost\" is not host:port"),
        invalid("broker with empty port", b -> b.brokers("localhost:"),
            "brokers[0]: \"localhost:\" is not host:port"),
        invalid("broker without host", b -> b.brokers(":9092"),
            "brokers[0]: \":9092\" is not host:port"),
        invalid("broker with port zero", b -> b.brokers("h:0"),
            "brokers[0]: \"h:0\" has port \"0\" (expected 1 to 65535)"),
        invalid("broker with large port", b -> b.brokers("h:65536"),
            "brokers[0]: \"h:65536\" has port \"65536\""),
        invalid("broker with a named port", b -> b.brokers("h:kafka"),
            "brokers[0]: \"h:kafka\" has port \"kafka\""),
        invalid("broker with blanks", b -> b.brokers("a:1", "h :9092"),
            "brokers[1]: \"h :9092\" must not contain blanks"),
        invalid("bare IPv6 broker", b -> b.brokers("::1:9092"),
            "brokers[0]: \"::1:9092\" is not host:port (write an IPv6 address in brackets"),
        invalid("blank client id", b -> b.clientId(" "), "clientId: must not be blank"),
        invalid("negative buffered bytes", b -> b.maxBufferedBytes(-5),
            "maxBufferedBytes: must be positive (got -5)"),
        invalid("negative delivery timeout", b -> b.recordDeliveryTimeout(Duration.ofSeconds(-1)),
            "recordDeliveryTimeout: must be positive"),
        invalid("request timeout beyond Kafka's int range",
            b -> b.requestTimeout(Duration.ofDays(30)), "requestTimeout: at most 2147483647ms"),
        invalid("negative cleanup timeout", b -> b.cleanupTimeout(Duration.ofMillis(-1)),
            "cleanupTimeout: must not be negative"),
        invalid("retries below -1", b -> b.maxRetries(-2),
            "maxRetries: -2 is not allowed (expected -1 for no retries, 0 for unlimited, or a"
                + " positive count)"),
        invalid("no request timeout and a delivery timeout no longer than linger",
            b -> b.requestTimeout(Duration.ZERO).recordDeliveryTimeout(Duration.ofMillis(5)),
            "recordDeliveryTimeout: 5ms leaves no time for a request after linger 5ms"),
        invalid("delivery timeout below linger plus request timeout",
            b -> b.requestTimeout(Duration.ofSeconds(30))
                .recordDeliveryTimeout(Duration.ofSeconds(30)),
            "recordDeliveryTimeout: 30000ms is less than linger 5ms + requestTimeout 30000ms"),
        invalid("zero start timeout", b -> b.startTimeout(Duration.ZERO),
            "startTimeout: must be positive (got PT0S)"),
        invalid("blank Kafka property key", b -> b.kafkaProperties(Map.of(" ", "x")),
            "kafkaProperties: key must not be blank"),
        invalid("no dynamic config",
            b -> PublisherConfig.builder().brokers("localhost:9092"),
            "initialDynamicConfig: required"));
  }

  private static Arguments invalid(String name, UnaryOperator<PublisherConfig.Builder> change,
      String message) {
    return Arguments.of(Named.of(name, change), message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSettings")
  void invalidSettingIsRejectedNamingTheField(UnaryOperator<PublisherConfig.Builder> change,
      String message) {
    assertThatThrownBy(() -> change.apply(minimal()).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "maxRetries {0} is accepted")
  @ValueSource(ints = {-1, 0, 1, 3, Integer.MAX_VALUE})
  void goRetrySpellingsAreAccepted(int maxRetries) {
    assertThat(minimal().maxRetries(maxRetries).build().maxRetries()).isEqualTo(maxRetries);
  }

  @ParameterizedTest(name = "maxBufferedRecords {0} means no record limit")
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void maxBufferedRecordsBelowOneIsAcceptedAsNoRecordLimit(int maxBufferedRecords) {
    assertThat(minimal().maxBufferedRecords(maxBufferedRecords).build().maxBufferedRecords())
        .isEqualTo(maxBufferedRecords);
  }

  @ParameterizedTest(name = "requestTimeout {0} is no timeout")
  @ValueSource(strings = {"PT0S", "PT-1S", "PT-0.001S"})
  void requestTimeoutOfZeroOrLessIsNoTimeoutWhateverTheDeliveryTimeout(Duration requestTimeout) {
    PublisherConfig config = minimal().requestTimeout(requestTimeout)
        .recordDeliveryTimeout(Duration.ofMillis(6)).build();
    assertThat(config.requestTimeout()).isEqualTo(Duration.ZERO);
  }

  @Test
  void checkDynamicConfigWithoutARequestTimeoutRejectsALingerAsLongAsTheDeliveryTimeout() {
    PublisherConfig config = minimal().requestTimeout(Duration.ZERO)
        .recordDeliveryTimeout(Duration.ofSeconds(2)).build();
    DynamicConfig slow = ROUTES.toBuilder().linger(Duration.ofSeconds(2)).build();
    assertThatThrownBy(() -> config.checkDynamicConfig(slow))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("leaves no time for a request after linger 2000ms");
  }

  @Test
  void deliveryTimeoutEqualToLingerPlusRequestTimeoutIsAccepted() {
    PublisherConfig config = minimal().requestTimeout(Duration.ofSeconds(10))
        .recordDeliveryTimeout(Duration.ofSeconds(10).plusMillis(5)).build();
    assertThat(config.recordDeliveryTimeout()).isEqualTo(Duration.ofMillis(10_005));
  }

  @Test
  void checkDynamicConfigRejectsALingerTheDeliveryTimeoutCannotCover() {
    PublisherConfig config = minimal().recordDeliveryTimeout(Duration.ofSeconds(31)).build();
    DynamicConfig slow = ROUTES.toBuilder().linger(Duration.ofSeconds(2)).build();
    assertThatThrownBy(() -> config.checkDynamicConfig(slow))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("linger 2000ms + requestTimeout 30000ms");
  }

  @Test
  void toStringHidesSaslPasswordAndSecretLookingKafkaProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("ssl.key.password", "kp-secret");
    properties.put("sasl.jaas.config", "org.apache...password=\"jaas-secret\";");
    properties.put("linger.ms", "7");
    PublisherConfig config = minimal()
        .sasl(SaslConfig.builder().username("bob").password("pw-secret").build())
        .kafkaProperties(properties).build();
    assertThat(config.toString())
        .doesNotContain("pw-secret", "kp-secret", "jaas-secret")
        .contains("linger.ms=7", "ssl.key.password=***", "username=bob");
  }

  @Test
  void toBuilderKeepsEveryValue() {
    PublisherConfig config = minimal().brokers("a:1", "b:2").clientId("bridge-1")
        .tls(TlsConfig.builder().build())
        .sasl(SaslConfig.builder().username("u").password("p").build())
        .maxBufferedRecords(5).maxBufferedBytes(1024).requestTimeout(Duration.ofSeconds(5))
        .recordDeliveryTimeout(Duration.ofSeconds(60)).cleanupTimeout(Duration.ZERO)
        .maxRetries(3).allowAutoTopicCreation(true).denyNilPartitionKey(true)
        .verifyOnStart(false).startTimeout(Duration.ofSeconds(7))
        .kafkaProperties(Map.of("max.request.size", "2097152")).build();
    assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
  }

  @Test
  void startSettingsTakePartInEqualsAndToString() {
    PublisherConfig lazy = minimal().verifyOnStart(false).startTimeout(Duration.ofSeconds(7)).build();
    assertThat(lazy).isNotEqualTo(minimal().build());
    assertThat(lazy.toString()).contains("verifyOnStart=false", "startTimeout=PT7S");
  }

  @Test
  void brokersAreCopiedNotShared() {
    List<String> brokers = new ArrayList<>(Arrays.asList("a:1"));
    PublisherConfig config = minimal().brokers(brokers).build();
    brokers.add("b:2");
    assertThat(config.brokers()).containsExactly("a:1");
  }
}
