package io.wrpkafka.spring;

import io.wrpkafka.ConfigException;
import io.wrpkafka.config.ConfigProblem;
import io.wrpkafka.config.Durations;
import io.wrpkafka.config.WrpKafkaConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.springframework.util.unit.DataSize;

/*
 * The bound properties, written out as the kafka: section of a wrpkafka YAML file (flat form)
 * and read by the config module, so that a Spring application and the bridge's file share one
 * set of rules and messages; nothing is checked here twice. Unset properties are left out, so
 * the config module's defaults apply. Durations are written in the Go style the module reads,
 * sizes as byte counts. Spring has already resolved ${...} placeholders: a "${" left in a value
 * is literal text, escaped so the module does not substitute it from the environment (it gets
 * an empty environment anyway, so KAFKA_* variables do not override Spring's properties; Spring
 * binds WRPKAFKA_* variables itself).
 *
 * The module reports problems by YAML path (kafka.topicMap[0].shardBy); PropertyNames turns
 * them into the property names a Spring user writes (wrpkafka.topic-map[0].shard-by).
 */
final class KafkaSectionDocument {
  static final String SOURCE = "wrpkafka properties";

  private KafkaSectionDocument() {}

  /**
   * The config {@code properties} describe, checked by the config module.
   *
   * @param earlier problems already found with the property values themselves (property name,
   *     then message), reported first
   * @throws ConfigException naming every bad property, one per line
   */
  static WrpKafkaConfig read(WrpKafkaProperties properties, List<String> earlier) {
    String yaml = yaml(properties);
    List<ConfigProblem> problems = WrpKafkaConfig.validate(yaml, SOURCE, Map.of());
    List<String> all = new ArrayList<>(earlier);
    for (ConfigProblem p : problems) {
      all.add(PropertyNames.of(p.path()) + ": " + p.message());
    }
    if (!all.isEmpty()) {
      throw new ConfigException(all.stream()
          .collect(Collectors.joining("\n  ", "invalid wrpkafka properties:\n  ", "")));
    }
    return WrpKafkaConfig.parse(yaml, SOURCE, Map.of());
  }

  /** The YAML document of {@link #read}; for tests. */
  static String yaml(WrpKafkaProperties properties) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("kafka", section(properties));
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Dump(settings).dumpToString(document);
  }

  static Map<String, Object> section(WrpKafkaProperties p) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!p.getBrokers().isEmpty()) {
      m.put("brokers", strings(p.getBrokers()));
    }
    put(m, "clientId", p.getClientId());
    if (p.getTls() != null) {
      WrpKafkaProperties.Tls t = p.getTls();
      Map<String, Object> tls = new LinkedHashMap<>();
      put(tls, "enabled", t.getEnabled());
      put(tls, "insecureSkipVerify", t.getInsecureSkipVerify());
      put(tls, "certFile", t.getCertFile());
      put(tls, "keyFile", t.getKeyFile());
      put(tls, "keyPassword", t.getKeyPassword());
      put(tls, "caFile", t.getCaFile());
      m.put("tls", tls);
    }
    if (p.getSasl() != null) {
      WrpKafkaProperties.Sasl s = p.getSasl();
      Map<String, Object> sasl = new LinkedHashMap<>();
      put(sasl, "enabled", s.getEnabled());
      put(sasl, "mechanism", s.getMechanism());
      put(sasl, "username", s.getUsername());
      put(sasl, "password", s.getPassword());
      m.put("sasl", sasl);
    }
    put(m, "maxBufferedRecords", p.getMaxBufferedRecords());
    put(m, "maxBufferedBytes", p.getMaxBufferedBytes());
    put(m, "maxRetries", p.getMaxRetries());
    put(m, "retryBackoff", p.getRetryBackoff());
    put(m, "retryBackoffMax", p.getRetryBackoffMax());
    put(m, "requestTimeout", p.getRequestTimeout());
    put(m, "recordDeliveryTimeout", p.getRecordDeliveryTimeout());
    put(m, "cleanupTimeout", p.getCleanupTimeout());
    put(m, "allowAutoTopicCreation", p.getAllowAutoTopicCreation());
    put(m, "denyNilPartitionKey", p.getDenyNilPartitionKey());
    put(m, "valueFormat", p.getValueFormat());
    put(m, "verifyOnStart", p.getVerifyOnStart());
    put(m, "startTimeout", p.getStartTimeout());
    if (p.getCircuitBreaker() != null) {
      WrpKafkaProperties.CircuitBreaker c = p.getCircuitBreaker();
      Map<String, Object> circuitBreaker = new LinkedHashMap<>();
      put(circuitBreaker, "enabled", c.getEnabled());
      put(circuitBreaker, "openAfter", c.getOpenAfter());
      put(circuitBreaker, "probeInterval", c.getProbeInterval());
      m.put("circuitBreaker", circuitBreaker);
    }
    if (p.getSpool() != null) {
      WrpKafkaProperties.Spool sp = p.getSpool();
      Map<String, Object> spool = new LinkedHashMap<>();
      put(spool, "directory", sp.getDirectory());
      put(spool, "maxBytes", sp.getMaxBytes());
      put(spool, "minQos", sp.getMinQos());
      put(spool, "fsync", sp.getFsync());
      put(spool, "fsyncInterval", sp.getFsyncInterval());
      m.put("spool", spool);
    }
    if (!p.getKafkaProperties().isEmpty()) {
      Map<String, Object> kafka = new LinkedHashMap<>();
      p.getKafkaProperties().forEach((k, v) -> put(kafka, k, v));
      m.put("kafkaProperties", kafka);
    }
    if (!p.getTopicMap().isEmpty()) {
      List<Object> routes = new ArrayList<>();
      for (WrpKafkaProperties.Route r : p.getTopicMap()) {
        Map<String, Object> route = new LinkedHashMap<>();
        if (r != null) {
          put(route, "pattern", r.getPattern());
          put(route, "topic", r.getTopic());
          if (r.getTopics() != null) {
            route.put("topics", strings(r.getTopics()));
          }
          put(route, "shardBy", r.getShardBy());
          put(route, "caseInsensitive", r.getCaseInsensitive());
          put(route, "ignoreCase", r.getIgnoreCase());
          put(route, "partitionKey", r.getPartitionKey());
        }
        routes.add(route);
      }
      m.put("topicMap", routes);
    }
    if (!p.getHeaders().isEmpty()) {
      Map<String, Object> headers = new LinkedHashMap<>();
      p.getHeaders().forEach((k, v) -> headers.put(k, v == null ? null : strings(v)));
      m.put("headers", headers);
    }
    put(m, "compressionCodec", p.getCompressionCodec());
    put(m, "linger", p.getLinger());
    put(m, "batchMaxBytes", p.getBatchMaxBytes());
    put(m, "acks", p.getAcks());
    put(m, "routing", p.getRouting());
    if (p.getDeadLetter() != null) {
      WrpKafkaProperties.DeadLetter d = p.getDeadLetter();
      Map<String, Object> deadLetter = new LinkedHashMap<>();
      put(deadLetter, "topic", d.getTopic());
      put(deadLetter, "minQos", d.getMinQos());
      put(deadLetter, "unroutable", d.getUnroutable());
      m.put("deadLetter", deadLetter);
    }
    return m;
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Duration d) {
      m.put(key, Durations.format(d));
    } else if (value instanceof DataSize s) {
      m.put(key, s.toBytes());
    } else if (value instanceof String s) {
      m.put(key, literal(s));
    } else {
      m.put(key, value);
    }
  }

  private static List<String> strings(List<String> values) {
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(v == null ? null : literal(v));
    }
    return out;
  }

  private static String literal(String value) {
    return value.replace("${", "$${");
  }
}
