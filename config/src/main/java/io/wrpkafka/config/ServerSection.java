package io.wrpkafka.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the {@code server:} section into a {@link ServerConfig}. */
final class ServerSection {
  static final String ADDRESS = "address";
  static final String PORT = "port";
  static final String MAX_BODY_BYTES = "maxBodyBytes";
  static final String AUTH = "auth";
  static final String ADMIN_TOKEN = "adminToken";
  static final String WATCH_CONFIG = "watchConfig";
  static final String DRAIN_TIMEOUT = "drainTimeout";
  static final List<String> KEYS =
      List.of(ADDRESS, PORT, MAX_BODY_BYTES, AUTH, ADMIN_TOKEN, WATCH_CONFIG, DRAIN_TIMEOUT);
  static final String BASIC = "basic";
  static final String BEARER_TOKENS = "bearerTokens";
  private static final List<String> AUTH_KEYS = List.of(BASIC, BEARER_TOKENS);
  private static final List<String> CREDENTIAL_KEYS = List.of("username", "password");

  private ServerSection() {}

  /** Reads {@code r}; empty when anything in it is wrong (reported). */
  static Optional<ServerConfig> read(MappingReader r) {
    Problems problems = r.problems();
    int before = problems.mark();
    ServerConfig.Builder b = ServerConfig.builder();
    r.string(ADDRESS).ifPresent(b::address);
    r.integer(PORT).ifPresent(b::port);
    r.size(MAX_BODY_BYTES).ifPresent(b::maxBodyBytes);
    r.secret(ADMIN_TOKEN).ifPresent(b::adminToken);
    r.bool(WATCH_CONFIG).ifPresent(b::watchConfig);
    r.duration(DRAIN_TIMEOUT).ifPresent(b::drainTimeout);
    r.mapping(AUTH, AUTH_KEYS).ifPresent(auth -> {
      auth.node(BASIC).ifPresent(n -> basic(auth, n).ifPresent(b::basic));
      auth.strings(BEARER_TOKENS, true, true).ifPresent(b::bearerTokens);
      auth.finish();
    });
    r.finish();
    return r.build(before, b::build);
  }

  private static Optional<List<BasicCredential>> basic(MappingReader auth, YamlNode node) {
    String at = auth.pathOf(BASIC);
    List<YamlNode> items;
    List<String> paths = new ArrayList<>();
    if (node instanceof YamlNode.Mapping) {
      items = List.of(node);
      paths.add(at);
    } else if (node instanceof YamlNode.Sequence seq) {
      items = seq.items();
      for (int i = 0; i < items.size(); i++) {
        paths.add(at + "[" + i + "]");
      }
    } else {
      auth.typeError(node, at, "{username, password} or a list of them", false);
      return Optional.empty();
    }
    List<BasicCredential> credentials = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof YamlNode.Mapping m)) {
        auth.typeError(items.get(i), paths.get(i), "{username, password}", false);
        ok = false;
        continue;
      }
      MappingReader c = new MappingReader(m, paths.get(i), auth.problems(), CREDENTIAL_KEYS);
      c.require("username", "the user name");
      c.require("password", "the password");
      Optional<String> username = c.string("username");
      Optional<String> password = c.secret("password");
      c.finish();
      if (username.isPresent() && password.isPresent()) {
        credentials.add(new BasicCredential(username.get(), password.get()));
      } else {
        ok = false;
      }
    }
    return ok ? Optional.of(credentials) : Optional.empty();
  }
}
