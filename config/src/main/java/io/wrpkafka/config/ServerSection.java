package io.wrpkafka.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  static final String TLS = "tls";
  static final List<String> KEYS =
      List.of(ADDRESS, PORT, MAX_BODY_BYTES, AUTH, ADMIN_TOKEN, WATCH_CONFIG, DRAIN_TIMEOUT, TLS);
  static final String BASIC = "basic";
  static final String BEARER_TOKENS = "bearerTokens";
  private static final List<String> AUTH_KEYS = List.of(BASIC, BEARER_TOKENS);
  private static final List<String> CREDENTIAL_KEYS = List.of("username", "password");
  private static final List<String> TLS_KEYS =
      List.of("certFile", "keyFile", "caFile", "clientAuth");

  private ServerSection() {}

  /** Reads {@code r}; empty when anything in it is wrong (reported). */
  static Optional<ServerConfig> read(MappingReader r) {
    Problems problems = r.problems();
    int before = problems.mark();
    Fields<ServerConfig.Builder> f = new Fields<>();
    r.string(ADDRESS).ifPresent(f.set(ADDRESS, ServerConfig.Builder::address));
    r.integer(PORT).ifPresent(f.set(PORT, ServerConfig.Builder::port));
    r.size(MAX_BODY_BYTES).ifPresent(f.set(MAX_BODY_BYTES, ServerConfig.Builder::maxBodyBytes));
    r.secret(ADMIN_TOKEN).ifPresent(f.set(ADMIN_TOKEN, ServerConfig.Builder::adminToken));
    r.bool(WATCH_CONFIG).ifPresent(f.set(WATCH_CONFIG, ServerConfig.Builder::watchConfig));
    r.duration(DRAIN_TIMEOUT).ifPresent(f.set(DRAIN_TIMEOUT, ServerConfig.Builder::drainTimeout));
    r.mapping(AUTH, AUTH_KEYS).ifPresent(auth -> {
      // Both auth settings go under the key "auth": builder messages name auth.basic[1]….
      Optional<List<BasicCredential>> basic = auth.node(BASIC).flatMap(n -> basic(auth, n));
      Optional<List<String>> bearer = auth.strings(BEARER_TOKENS, true, true);
      if (basic.isPresent() || bearer.isPresent()) {
        f.set(AUTH, (ServerConfig.Builder b, Boolean unused) -> {
          basic.ifPresent(b::basic);
          bearer.ifPresent(b::bearerTokens);
        }).accept(true);
      }
      auth.finish();
    });
    r.mapping(TLS, TLS_KEYS).filter(tls -> !tls.mapping().entries().isEmpty())
        .flatMap(ServerSection::tls).ifPresent(f.set(TLS, ServerConfig.Builder::tls));
    r.finish();
    return r.build(before, f, ServerConfig::builder, ServerConfig.Builder::build, Map.of());
  }

  private static Optional<ServerTls> tls(MappingReader r) {
    int before = r.problems().mark();
    Fields<ServerTls.Builder> f = new Fields<>();
    path(r, "certFile").ifPresent(f.set("certFile", ServerTls.Builder::certFile));
    path(r, "keyFile").ifPresent(f.set("keyFile", ServerTls.Builder::keyFile));
    path(r, "caFile").ifPresent(f.set("caFile", ServerTls.Builder::caFile));
    r.string("clientAuth")
        .flatMap(v -> DynamicSection.parsed(r, "clientAuth", v, ServerTls.ClientAuth::parse))
        .ifPresent(f.set("clientAuth", ServerTls.Builder::clientAuth));
    r.finish();
    return r.build(before, f, ServerTls::builder, ServerTls.Builder::build, Map.of());
  }

  private static Optional<Path> path(MappingReader r, String key) {
    return r.string(key).filter(s -> !s.isBlank()).flatMap(s -> {
      try {
        return Optional.of(Path.of(s));
      } catch (InvalidPathException e) {
        r.problems().add(r.originOf(key), r.pathOf(key), "invalid path " + Quoted.of(s));
        return Optional.empty();
      }
    });
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
