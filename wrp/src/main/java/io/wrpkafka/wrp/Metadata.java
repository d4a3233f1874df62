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
   * one array, key and value side by side (one allocation; an entry's key and value share a
   * cache line). get() scans the keys, first by identity (a decoded Talaria key is the very
   * constant a caller passes), then by their hash, which String caches (Talaria's keys are
   * constants whose hash is computed once); for the usual handful of entries that is as fast as
   * a table. Beyond LINEAR_MAX entries a HashMap index is built once,
   * so neither get() nor the builder's duplicate check goes quadratic on a large (or hostile)
   * input. The codecs read the arrays by index: no iterator, no entry objects. The builder's
   * duplicate check first tests one bit per key hash in a long, so that a decoded map of distinct
   * keys (the usual case) mostly skips the scan of the keys added before.
   */

  /** Up to this many entries, lookups scan the keys; beyond, a HashMap index is used. */
  static final int LINEAR_MAX = 32;

  static final Metadata EMPTY = new Metadata(new String[0], 0, null);

  /** Entry i's key at 2i, its value at 2i + 1. */
  private final String[] entries;
  private final int size;
  /** Key to index, only when {@link #size} exceeds {@link #LINEAR_MAX}. */
  private final HashMap<String, Integer> index;

  private Metadata(String[] entries, int size, HashMap<String, Integer> index) {
    this.entries = entries;
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

  /**
   * The entries array itself, for the encoders of this package only (never modify it): entry i's
   * key at 2i and value at 2i + 1, for i below {@link #size()}; the array may be longer.
   */
  String[] entryArray() {
    return entries;
  }

  /** The key of entry {@code i} (0 to size - 1), in insertion order. */
  String key(int i) {
    return entries[2 * i];
  }

  /** The value of entry {@code i} (0 to size - 1), in insertion order. */
  String value(int i) {
    return entries[2 * i + 1];
  }

  private int indexOf(Object key) {
    if (!(key instanceof String)) {
      return -1;
    }
    if (index != null) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    return scan(entries, size, (String) key, key.hashCode());
  }

  /** The index of {@code key} (hash {@code h}) among the first {@code size} entries, or -1. */
  private static int scan(String[] entries, int size, String key, int h) {
    for (int i = 0; i < size; i++) {
      String k = entries[2 * i];
      if (k == key || (k.hashCode() == h && k.equals(key))) {
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
    return i < 0 ? null : entries[2 * i + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    for (int i = 0; i < size; i++) {
      action.accept(entries[2 * i], entries[2 * i + 1]);
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
            return new AbstractMap.SimpleImmutableEntry<>(entries[2 * i], entries[2 * i + 1]);
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
    private String[] entries;
    private int size;
    private HashMap<String, Integer> index;
    /** Bit {@code hash & 63} is set for the hash of every key added: a one-word Bloom filter. */
    private long seen;

    /** A builder with room for {@code expected} entries (it grows beyond them as needed). */
    Builder(int expected) {
      int capacity = Math.max(1, expected);
      entries = new String[2 * capacity];
    }

    /** Adds an entry, or replaces the value of an equal key already added. */
    void put(String key, String value) {
      int h = key.hashCode();
      if (index != null) {
        Integer at = index.get(key);
        if (at != null) {
          entries[2 * at + 1] = value;
          return;
        }
      } else if ((seen & (1L << h)) != 0) { // else no key added so far has these six hash bits
        int at = scan(entries, size, key, h);
        if (at >= 0) {
          entries[2 * at + 1] = value;
          return;
        }
      }
      seen |= 1L << h;
      if (2 * size == entries.length) {
        entries = Arrays.copyOf(entries, 2 * Math.max(4, 2 * size));
      }
      entries[2 * size] = key;
      entries[2 * size + 1] = value;
      size++;
      if (index != null) {
        index.put(key, size - 1);
      } else if (size > LINEAR_MAX) {
        index = new HashMap<>(2 * size);
        for (int i = 0; i < size; i++) {
          index.put(entries[2 * i], i);
        }
      }
    }

    /** The metadata collected so far; the builder must not be used afterwards. */
    Metadata build() {
      return size == 0 ? EMPTY : new Metadata(entries, size, index);
    }
  }
}
