package io.wrpkafka.config;

import io.wrpkafka.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/*
 * Reads the keys of one YAML mapping with the types the schema gives them, reporting every type
 * error to Problems and returning empty for it, so one pass finds all problems. finish() reports
 * each key nobody asked for, with the closest known key as a suggestion. Values of secret keys
 * are never described in messages.
 */
final class MappingReader {
  private final YamlNode.Mapping mapping;
  private final String path;
  private final Problems problems;
  private final List<String> known;
  private final Set<String> used = new HashSet<>();
  private final boolean freeKeys;

  MappingReader(YamlNode.Mapping mapping, String path, Problems problems, List<String> known) {
    this(mapping, path, problems, known, false);
  }

  private MappingReader(YamlNode.Mapping mapping, String path, Problems problems,
      List<String> known, boolean freeKeys) {
    this.mapping = mapping;
    this.path = path;
    this.problems = problems;
    this.known = known;
    this.freeKeys = freeKeys;
  }

  /** A reader of a map whose keys are data (header names): paths read {@code headers["x-id"]}. */
  static MappingReader ofMap(YamlNode.Mapping mapping, String path, Problems problems) {
    return new MappingReader(mapping, path, problems, List.of(), true);
  }

  YamlNode.Mapping mapping() {
    return mapping;
  }

  String path() {
    return path;
  }

  Problems problems() {
    return problems;
  }

  String pathOf(String key) {
    return freeKeys ? path + "[\"" + key + "\"]" : Problems.join(path, key);
  }

  /** Whether the key is written, even with an empty value. */
  boolean has(String key) {
    return mapping.entry(key).isPresent();
  }

  /** The value of {@code key}: empty when absent, empty ({@code ~}) or already reported. */
  Optional<YamlNode> node(String key) {
    used.add(key);
    Optional<YamlNode> value = mapping.entry(key).map(YamlNode.Entry::value);
    if (value.isPresent() && value.get() instanceof YamlNode.Invalid) {
      problems.invalidRead();
    }
    return value.filter(MappingReader::isSet);
  }

  /** The origin of the key's value if written, else of this mapping. */
  Origin originOf(String key) {
    return mapping.entry(key).map(e -> e.value().origin()).orElse(mapping.origin());
  }

  Optional<String> string(String key) {
    return node(key).flatMap(n -> text(n, pathOf(key), false));
  }

  Optional<String> secret(String key) {
    return node(key).flatMap(n -> text(n, pathOf(key), true));
  }

  Optional<Boolean> bool(String key) {
    return node(key).flatMap(n -> bool(n, pathOf(key)));
  }

  Optional<Integer> integer(String key) {
    return node(key).flatMap(n -> integer(n, pathOf(key)));
  }

  Optional<Long> size(String key) {
    return node(key).flatMap(n -> size(n, pathOf(key)));
  }

  Optional<Duration> duration(String key) {
    return node(key).flatMap(n -> duration(n, pathOf(key)));
  }

  /** A nested mapping; empty when absent, empty ({@code tls: ~} means no TLS) or reported. */
  Optional<MappingReader> mapping(String key, List<String> childKeys) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    YamlNode value = node.get();
    if (value instanceof YamlNode.Mapping m) {
      return Optional.of(new MappingReader(m, pathOf(key), problems, childKeys));
    }
    typeError(value, pathOf(key), "a mapping", false);
    return Optional.empty();
  }

  /** Reports a missing or empty required key at this mapping. */
  void require(String key, String what) {
    Optional<YamlNode.Entry> entry = mapping.entry(key);
    if (entry.isEmpty()) {
      problems.add(mapping.origin(), pathOf(key), "required: " + what);
    } else if (entry.get().value() instanceof YamlNode.Scalar s && s.isNull()) {
      problems.add(s.origin(), pathOf(key), "must not be empty: " + what);
    }
  }

  /**
   * Builds the section this reader read, unless a problem was reported since {@code mark} (its
   * builder would only add a follow-on error); a {@link ConfigException} from {@code build} is
   * reported at the node its message names.
   */
  <T> Optional<T> build(int mark, java.util.function.Supplier<T> build) {
    if (problems.mark() > mark) {
      return Optional.empty();
    }
    try {
      return Optional.of(build.get());
    } catch (ConfigException e) {
      problems.add(e, mapping(), path(), java.util.Map.of());
      return Optional.empty();
    }
  }

  /**
   * Builds the section from {@code fields} on a fresh {@code builder}. When a rule fails on a
   * field that read cleanly, reports it and builds again without that field, so every field's
   * own rules are checked in one pass. A failure on anything else (a field that is not set, or
   * one whose own problem was reported) is reported only while the section is clean: in a section
   * with problems it would be a follow-on error. Returns the built section only when nothing in
   * it was wrong since {@code mark}.
   */
  <B, T> Optional<T> build(int mark, Fields<B> fields, java.util.function.Supplier<B> builder,
      java.util.function.Function<B, T> build, java.util.Map<String, String> aliases) {
    boolean clean = problems.mark() == mark;
    java.util.Map<String, java.util.function.Consumer<B>> kept = fields.setters();
    while (true) {
      B b = builder.get();
      kept.values().forEach(setter -> setter.accept(b));
      try {
        T built = build.apply(b);
        return clean ? Optional.of(built) : Optional.empty();
      } catch (ConfigException e) {
        String key = firstKey(FieldPath.locate(e.getMessage(), mapping, aliases).path());
        boolean ownField = kept.containsKey(key);
        if (clean || ownField) {
          problems.add(e, mapping, path, aliases);
        }
        if (!ownField) {
          return Optional.empty();
        }
        kept.remove(key);
        clean = false;
      }
    }
  }

  // "auth.basic[1].username" -> "auth"; "" for a message that names no field.
  private static String firstKey(String fieldPath) {
    int end = 0;
    while (end < fieldPath.length() && fieldPath.charAt(end) != '.'
        && fieldPath.charAt(end) != '[') {
      end++;
    }
    return fieldPath.substring(0, end);
  }

  /** Reports every key not read, suggesting the closest known key. */
  void finish() {
    for (YamlNode.Entry entry : mapping.entries()) {
      if (used.contains(entry.key())) {
        continue;
      }
      String message = known.contains(entry.key())
          ? "not allowed here"
          : "unknown key" + KeySuggestions.closest(entry.key(), known)
              .map(s -> "; did you mean \"" + s + "\"?")
              .orElse(" (expected one of " + String.join(", ", known) + ")");
      problems.add(entry.keyOrigin(), pathOf(entry.key()), message);
    }
  }

  /** Marks a key as handled without reading it (reported elsewhere). */
  void skip(String key) {
    used.add(key);
  }

  // ---- typed reading of single nodes, shared with list items ----

  static boolean isSet(YamlNode n) {
    return !(n instanceof YamlNode.Invalid) && !(n instanceof YamlNode.Scalar s && s.isNull());
  }

  Optional<String> text(YamlNode n, String at, boolean secret) {
    if (n instanceof YamlNode.Scalar s) {
      return Optional.of(s.value());
    }
    typeError(n, at, "a string", secret);
    return Optional.empty();
  }

  Optional<Boolean> bool(YamlNode n, String at) {
    if (n instanceof YamlNode.Scalar s) {
      String v = s.value().strip().toLowerCase(Locale.ROOT);
      if (v.equals("true")) {
        return Optional.of(true);
      }
      if (v.equals("false")) {
        return Optional.of(false);
      }
    }
    typeError(n, at, "true or false", false);
    return Optional.empty();
  }

  Optional<Integer> integer(YamlNode n, String at) {
    if (n instanceof YamlNode.Scalar s) {
      String v = s.value().strip();
      if (v.matches("[-+]?[0-9]+")) {
        try {
          return Optional.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
          problems.add(n.origin(), at, "out of range: " + Quoted.of(v) + " (at most "
              + Integer.MAX_VALUE + ")");
          return Optional.empty();
        }
      }
    }
    typeError(n, at, "an integer", false);
    return Optional.empty();
  }

  Optional<Long> size(YamlNode n, String at) {
    if (n instanceof YamlNode.Scalar s) {
      try {
        return Optional.of(ByteSizes.parse(s.value()));
      } catch (ConfigException e) {
        problems.add(n.origin(), at, e.getMessage());
        return Optional.empty();
      }
    }
    typeError(n, at, "a byte count such as 1048576 or 64MiB", false);
    return Optional.empty();
  }

  Optional<Duration> duration(YamlNode n, String at) {
    if (n instanceof YamlNode.Scalar s) {
      try {
        return Optional.of(Durations.parse(s.value()));
      } catch (ConfigException e) {
        problems.add(n.origin(), at, e.getMessage());
        return Optional.empty();
      }
    }
    typeError(n, at, "a duration such as 30s, 10ms or 1m30s", false);
    return Optional.empty();
  }

  /** A list of strings; a single scalar reads as a one-item list when {@code scalarAsList}. */
  Optional<List<String>> strings(String key, boolean scalarAsList, boolean secret) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    YamlNode n = node.get();
    if (n instanceof YamlNode.Scalar s && scalarAsList) {
      return Optional.of(List.of(s.value()));
    }
    if (n instanceof YamlNode.Sequence seq) {
      List<String> values = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < seq.items().size(); i++) {
        YamlNode item = seq.items().get(i);
        String at = pathOf(key) + "[" + i + "]";
        if (item instanceof YamlNode.Scalar s && !s.isNull()) {
          values.add(s.value());
        } else if (item instanceof YamlNode.Invalid) {
          problems.invalidRead();
          ok = false;
        } else {
          typeError(item, at, "a string", secret);
          ok = false;
        }
      }
      return ok ? Optional.of(values) : Optional.empty();
    }
    typeError(n, pathOf(key), scalarAsList ? "a string or a list of strings" : "a list of strings",
        secret);
    return Optional.empty();
  }

  void typeError(YamlNode n, String at, String expected, boolean secret) {
    if (n instanceof YamlNode.Invalid) {
      problems.invalidRead();
      return;
    }
    problems.add(n.origin(), at, "expected " + expected + ", found " + n.describe(secret));
  }
}
