package io.wrpkafka.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/*
 * Environment variables that override the file, applied to the YAML tree after substitution and
 * before typing. An override replaces the value at its path (creating the kafka, tls, sasl or
 * server mapping when missing) with a scalar whose origin is "$NAME", so a bad override is
 * reported against the variable. Unset or empty variables change nothing. A file that nests the
 * section as device.outbound.kafka (and has no top-level kafka) gets the KAFKA_* overrides there.
 */
final class EnvironmentOverrides {
  /** One variable and the key path it sets. */
  record Override(String variable, List<String> path) {}

  /** Every override, in the order applied (documented in the module README). */
  static final List<Override> ALL = List.of(
      new Override("KAFKA_ENABLED", List.of("kafka", "enabled")),
      new Override("KAFKA_BROKERS", List.of("kafka", "brokers")),
      new Override("KAFKA_CLIENT_ID", List.of("kafka", "clientId")),
      new Override("KAFKA_TLS_ENABLED", List.of("kafka", "tls", "enabled")),
      new Override("KAFKA_TLS_INSECURE_SKIP_VERIFY", List.of("kafka", "tls", "insecureSkipVerify")),
      new Override("KAFKA_TLS_CA_FILE", List.of("kafka", "tls", "caFile")),
      new Override("KAFKA_TLS_CERT_FILE", List.of("kafka", "tls", "certFile")),
      new Override("KAFKA_TLS_KEY_FILE", List.of("kafka", "tls", "keyFile")),
      new Override("KAFKA_TLS_KEY_PASSWORD", List.of("kafka", "tls", "keyPassword")),
      new Override("KAFKA_SASL_ENABLED", List.of("kafka", "sasl", "enabled")),
      new Override("KAFKA_SASL_MECHANISM", List.of("kafka", "sasl", "mechanism")),
      new Override("KAFKA_SASL_USERNAME", List.of("kafka", "sasl", "username")),
      new Override("KAFKA_SASL_PASSWORD", List.of("kafka", "sasl", "password")),
      new Override("WRPKAFKA_ADDRESS", List.of("server", "address")),
      new Override("WRPKAFKA_PORT", List.of("server", "port")),
      new Override("WRPKAFKA_ADMIN_TOKEN", List.of("server", "adminToken")));

  private EnvironmentOverrides() {}

  /** {@code root} with every set variable applied; {@code root} itself is not changed. */
  static YamlNode apply(YamlNode root, Map<String, String> environment) {
    YamlNode result = root;
    boolean nested = isNested(root);
    for (Override o : ALL) {
      String value = environment.get(o.variable());
      if (value != null && !value.isEmpty()) {
        Origin origin = Origin.environment(o.variable());
        List<String> path = o.path();
        if (nested && path.get(0).equals(WrpKafkaConfig.KAFKA)) {
          List<String> under = new ArrayList<>(
              List.of(WrpKafkaConfig.DEVICE, WrpKafkaConfig.OUTBOUND));
          under.addAll(path);
          path = under;
        }
        result = set(result, path, 0, new YamlNode.Scalar(value, false, origin), origin);
      }
    }
    return result;
  }

  /** Whether the file has device.outbound.kafka and no top-level kafka. */
  private static boolean isNested(YamlNode root) {
    if (!(root instanceof YamlNode.Mapping top) || top.entry(WrpKafkaConfig.KAFKA).isPresent()) {
      return false;
    }
    return top.entry(WrpKafkaConfig.DEVICE).map(YamlNode.Entry::value)
        .filter(YamlNode.Mapping.class::isInstance).map(YamlNode.Mapping.class::cast)
        .flatMap(device -> device.entry(WrpKafkaConfig.OUTBOUND)).map(YamlNode.Entry::value)
        .filter(YamlNode.Mapping.class::isInstance).map(YamlNode.Mapping.class::cast)
        .flatMap(outbound -> outbound.entry(WrpKafkaConfig.KAFKA)).isPresent();
  }

  private static YamlNode set(YamlNode node, List<String> path, int depth, YamlNode value,
      Origin origin) {
    YamlNode.Mapping mapping;
    if (node instanceof YamlNode.Mapping m) {
      mapping = m;
    } else if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
      mapping = new YamlNode.Mapping(List.of(), node == null ? origin : node.origin());
    } else {
      return node; // a wrong type here is reported when the tree is read
    }
    String key = path.get(depth);
    if (depth == path.size() - 1) {
      return mapping.with(key, value);
    }
    YamlNode child = mapping.entry(key).map(YamlNode.Entry::value).orElse(null);
    return mapping.with(key, set(child, path, depth + 1, value, origin));
  }
}
