package io.wrpkafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Derives the broker properties for an {@link EmbeddedKafkaConfig}'s users, TLS and ACLs: the
 * SASL mechanisms and JAAS configuration of each SASL listener, the PEM key and trust stores of
 * each TLS listener, and the authorizer.
 */
final class SecurityProperties {

  /*
   * Everything is set per listener (listener.name.<name>.*), so the built-in PLAINTEXT and
   * CONTROLLER listeners stay plain: the nodes talk to each other through them, as User:ANONYMOUS,
   * which is therefore always a super user when ACLs are on. The broker key and certificate go in
   * as PEM text (ssl.keystore.type=PEM), the CA as a PEM file; Kafka reads both natively.
   * NodeProperties applies the user's brokerProperties after these, so any of them can be
   * overridden.
   */

  static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
  static final String INTERNAL_PRINCIPAL = "User:ANONYMOUS";

  private SecurityProperties() {}

  /**
   * The derived properties, in a stable order.
   *
   * @throws UncheckedIOException if a certificate file cannot be read
   */
  static Map<String, String> of(EmbeddedKafkaConfig config) {
    Map<String, String> p = new LinkedHashMap<>();
    List<String> mechanisms = mechanisms(config);
    config.listeners().forEach((name, protocol) -> {
      String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
      if (protocol.startsWith("SASL_") && !mechanisms.isEmpty()) {
        p.put(prefix + "sasl.enabled.mechanisms", String.join(",", mechanisms));
        for (String mechanism : mechanisms) {
          p.put(prefix + mechanism.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
              jaas(mechanism, config.plainUsers()));
        }
      }
      if (protocol.endsWith("SSL") && config.tls().isPresent()) {
        Certificates tls = config.tls().get();
        p.put(prefix + "ssl.keystore.type", "PEM");
        p.put(prefix + "ssl.keystore.certificate.chain", read(tls.serverCertFile()));
        p.put(prefix + "ssl.keystore.key", read(tls.serverKeyFile()));
        p.put(prefix + "ssl.truststore.type", "PEM");
        p.put(prefix + "ssl.truststore.location", tls.caFile().toAbsolutePath().toString());
        if (protocol.equals("SSL")) {
          p.put(prefix + "ssl.client.auth", "required");
        }
      }
    });
    if (config.authorization()) {
      StringJoiner superUsers = new StringJoiner(";");
      superUsers.add(INTERNAL_PRINCIPAL);
      config.superUsers().stream().filter(u -> !u.equals(INTERNAL_PRINCIPAL))
          .forEach(superUsers::add);
      p.put("authorizer.class.name", AUTHORIZER);
      p.put("super.users", superUsers.toString());
    }
    return p;
  }

  /** The {@code --add-scram} arguments of the storage format, one per SCRAM user. */
  static List<String> scramFormatArguments(EmbeddedKafkaConfig config) {
    List<String> arguments = new ArrayList<>();
    config.scramUsers().forEach(user -> arguments.add(user.formatArgument()));
    return arguments;
  }

  private static List<String> mechanisms(EmbeddedKafkaConfig config) {
    List<String> mechanisms = new ArrayList<>();
    if (!config.plainUsers().isEmpty()) {
      mechanisms.add("PLAIN");
    }
    TreeSet<String> scram = new TreeSet<>();
    config.scramUsers().forEach(user -> scram.add(user.mechanism()));
    mechanisms.addAll(scram);
    return mechanisms;
  }

  private static String jaas(String mechanism, Map<String, String> plainUsers) {
    if (!mechanism.equals("PLAIN")) {
      return "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    }
    StringBuilder jaas =
        new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
    plainUsers.forEach((user, password) -> jaas.append(" user_").append(user)
        .append("=\"").append(password.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
    return jaas.append(';').toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("tls: cannot read " + file, e);
    }
  }
}
