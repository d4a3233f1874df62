package io.wrpkafka.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A composed YAML value with its origin, after environment substitution: a scalar (kept as text;
 * the schema types it), a mapping with ordered entries, a list, or a value already reported as
 * broken (a missing environment variable), which readers skip silently.
 */
sealed interface YamlNode {
  Origin origin();

  /** How the value reads in a type error: {@code a mapping}, {@code "abc"}. */
  String describe(boolean secret);

  /** Text; {@code isNull} for {@code ~}, {@code null}, an empty plain value or substitution. */
  record Scalar(String value, boolean isNull, Origin origin) implements YamlNode {
    @Override
    public String describe(boolean secret) {
      if (isNull) {
        return "an empty value";
      }
      return secret ? "a value (hidden: secret)" : Quoted.of(value);
    }
  }

  /** A key of a mapping, with the origin of the key itself. */
  record Entry(String key, Origin keyOrigin, YamlNode value) {}

  /** A mapping in document order. */
  record Mapping(List<Entry> entries, Origin origin) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }

    Optional<Entry> entry(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return Optional.of(e);
        }
      }
      return Optional.empty();
    }

    /** A copy with {@code key} set to {@code value}, in place if present, else appended. */
    Mapping with(String key, YamlNode value) {
      List<Entry> copy = new ArrayList<>(entries);
      for (int i = 0; i < copy.size(); i++) {
        if (copy.get(i).key().equals(key)) {
          copy.set(i, new Entry(key, copy.get(i).keyOrigin(), value));
          return new Mapping(copy, origin);
        }
      }
      copy.add(new Entry(key, value.origin(), value));
      return new Mapping(copy, origin);
    }

    @Override
    public String describe(boolean secret) {
      return "a mapping";
    }
  }

  /** A list. */
  record Sequence(List<YamlNode> items, Origin origin) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe(boolean secret) {
      return "a list";
    }
  }

  /** A value whose problem is already reported. */
  record Invalid(Origin origin) implements YamlNode {
    @Override
    public String describe(boolean secret) {
      return "an invalid value";
    }
  }
}
