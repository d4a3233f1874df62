package io.wrpkafka.wrp;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A message's metadata: an immutable map of strings in insertion order, held in two arrays.
 * Immutable and thread-safe; the mutators of {@link Map} throw {@link
 * UnsupportedOperationException}.
 */
final class Metadata extends AbstractMap<String, String> {
  /*
   * A LinkedHashMap spent a 40-byte node per entry, a table and a wrapper, and a hash insert per
   * decoded entry: a fifth of decoding a Talaria event with its 15 entries. Here the entries are
   * two arrays and the key hashes a third (String caches its hash; Talaria's keys are constants
   * whose hash is computed once). get() compares hashes linearly, which for the usual handful
   * of entries is as fast as a table; beyond LINEAR_MAX entries a HashMap index is built once,
   * so neither get() nor the builder's duplicate check goes quadratic on a large (or hostile)
   * input. The codecs read the arrays by index: no iterator, no entry objects. The builder's
   * duplicate check first tests one bit per key hash in a long, so that a decoded map of distinct
   * keys (the usual case) mostly skips the scan of the keys added before.
   */

  /** Up to this many entries, lookups scan the hashes; beyond, a HashMap index is used. */
  static final int LINEAR_MAX = 32;

  static final Metadata EMPTY = new Metadata(new String[0], new String[0], new int[0], 0, null);

  private final String[] keys;
  private final String[] values;
  private final int[] hashes;
  private final int size;
  /** Key to index, only when {@link #size} exceeds {@link #LINEAR_MAX}. */
  private final HashMap<String, Integer> index;

  private Metadata(String[] keys, String[] values, int[] hashes, int size,
      HashMap<String, Integer> index) {
    this.keys = keys;
    this.values = values;
    this.hashes = hashes;
    this.size = size;
    this.index = index;
  }

  /**
   * A copy of {@code map} in its iteration order.
   *
   * @throws NullPointerException naming the key or value that is null
   */
  static Metadata copyOf(Map<String, String> map) {
    if (map instanceof Metadata) {
      return (Metadata) map;
    }
    if (map.isEmpty()) {
      return EMPTY;
    }
    Builder b = new Builder(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "metadata key");
      b.put(key, Objects.requireNonNull(e.getValue(), () -> "metadata[\"" + key + "\"]"));
    }
    return b.build();
  }

  /** The key of entry {@code i} (0 to size - 1), in insertion order. */
  String key(int i) {
    return keys[i];
  }

  /** The value of entry {@code i} (0 to size - 1), in insertion order. */
  String value(int i) {
    return values[i];
  }

  private int indexOf(Object key) {
    if (!(key instanceof String)) {
      return -1;
    }
    if (index != null) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    int h = key.hashCode();
    for (int i = 0; i < size; i++) {
      if (hashes[i] == h && keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }
    };
  }

  /**
   * Collects entries in order for one {@link Metadata}; a repeated key keeps its first position
   * and takes the last value, as a LinkedHashMap does. Not thread-safe.
   */
  static final class Builder {
    private String[] keys;
    private String[] values;
    private int[] hashes;
    private int size;
    private HashMap<String, Integer> index;
    /** Bit {@code hash & 63} is set for the hash of every key added: a one-word Bloom filter. */
    private long seen;

    /** A builder with room for {@code expected} entries (it grows beyond them as needed). */
    Builder(int expected) {
      int capacity = Math.max(1, expected);
      keys = new String[capacity];
      values = new String[capacity];
      hashes = new int[capacity];
    }

    /** Adds an entry, or replaces the value of an equal key already added. */
    void put(String key, String value) {
      int h = key.hashCode();
      if (index != null) {
        Integer at = index.get(key);
        if (at != null) {
          values[at] = value;
          return;
        }
      } else if ((seen & (1L << h)) != 0) { // else no key added so far has these six hash bits
        for (int i = 0; i < size; i++) {
          if (hashes[i] == h && keys[i].equals(key)) {
            values[i] = value;
            return;
          }
        }
      }
      seen |= 1L << h;
      if (size == keys.length) {
        int capacity = Math.max(4, 2 * size);
        keys = Arrays.copyOf(keys, capacity);
        values = Arrays.copyOf(values, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
      }
      keys[size] = key;
      values[size] = value;
      hashes[size] = h;
      size++;
      if (index != null) {
        index.put(key, size - 1);
      } else if (size > LINEAR_MAX) {
        index = new HashMap<>(2 * size);
        for (int i = 0; i < size; i++) {
          index.put(keys[i], i);
        }
      }
    }

    /** The metadata collected so far; the builder must not be used afterwards. */
    Metadata build() {
      return size == 0 ? EMPTY : new Metadata(keys, values, hashes, size, index);
    }
  }
}
