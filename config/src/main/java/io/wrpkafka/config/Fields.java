package io.wrpkafka.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/*
 * The values of one section that read cleanly, each kept as a setter under its YAML key, so that
 * MappingReader.build can apply them to a fresh builder again without one of them. That lets the
 * builder's own rules check every clean field of a section even when another field of it had a
 * type error, and after a first rule failed: one builder, one set of rules and messages.
 */
final class Fields<B> {
  private final Map<String, Consumer<B>> setters = new LinkedHashMap<>();

  /** A consumer that records {@code value} for {@code key}, applied later with {@code setter}. */
  <V> Consumer<V> set(String key, BiConsumer<B, V> setter) {
    return value -> setters.put(key, b -> setter.accept(b, value));
  }

  /** A copy of the setters by key, in reading order. */
  Map<String, Consumer<B>> setters() {
    return new LinkedHashMap<>(setters);
  }
}
