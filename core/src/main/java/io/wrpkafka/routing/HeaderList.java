package io.wrpkafka.routing;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The headers of one routed message: filled by {@link Router} through {@code append} while it
 * routes, then handed out as an immutable {@code List<Header>}. Not thread-safe while it is
 * filled; safe to share once a {@link Destination} holds it (its field is final).
 */
final class HeaderList extends AbstractList<Header> implements RandomAccess {
  /*
   * Why not ArrayList + List.copyOf: that is four objects per message (the list, its array, the
   * copy and its array). This is one object: the first three headers sit in fields, the usual
   * configs have no more, and only a fourth one on brings an array (sized by the number of header
   * templates, so it never grows unless a multi-valued field such as wrp.Headers, wrp.PartnerIDs
   * or wrp.Header.<name> gives more). 48 bytes, where a list over an array of 6 was 64.
   * Destination trusts it instead of copying it.
   *
   * Bytes first. What a record needs is each header's key and its value as UTF-8 bytes, so that
   * is what the list holds: header i's key, or for a header compiled once (a literal, wrp.Type,
   * wrp.QualityOfService) its shared Header, and its value bytes (shared too for a compiled
   * header). A value taken from the message becomes bytes at once, without a String or a Header
   * in between; get(i) makes its Header only when a user of route() asks. For the three usual
   * headers that is the list and two value arrays per message instead of two Headers, two
   * Strings and three value arrays (RouteEncodeBenchmark, -prof gc).
   *
   * Immutable to its users: AbstractList's add, set and remove throw
   * UnsupportedOperationException, as List.of's do; the append methods are package-private and
   * used only before the list is published.
   */

  /** Headers kept in fields rather than in an array: the usual configs have up to three. */
  private static final int INLINE = 3;

  // Keys are a String, or for a header compiled once its shared Header; values are UTF-8.
  private Object key0;
  private Object key1;
  private Object key2;
  private byte[] value0;
  private byte[] value1;
  private byte[] value2;
  /** Headers from the fourth on, two slots each (key, value); null until needed. */
  private Object[] more;
  private int size;

  /** An empty list with room for {@code capacity} headers. */
  HeaderList(int capacity) {
    if (capacity > INLINE) {
      more = new Object[2 * (capacity - INLINE)];
    }
  }

  /** Appends {@code header}, encoding its value; only before the list is handed out. */
  void append(Header header) {
    append(header, Utf8.of(header.value()));
  }

  /** Appends a header built once, with its value's UTF-8 bytes (kept, not copied). */
  void append(Header header, byte[] utf8) {
    Objects.requireNonNull(header, "header");
    put(header, utf8);
  }

  /** Appends header {@code key} with the value {@code utf8} (kept, not copied). */
  void append(String key, byte[] utf8) {
    Objects.requireNonNull(key, "key");
    put(key, utf8);
  }

  private void put(Object keyOrHeader, byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    switch (size) {
      case 0 -> {
        key0 = keyOrHeader;
        value0 = utf8;
      }
      case 1 -> {
        key1 = keyOrHeader;
        value1 = utf8;
      }
      case 2 -> {
        key2 = keyOrHeader;
        value2 = utf8;
      }
      default -> {
        int at = 2 * (size - INLINE);
        if (more == null) {
          more = new Object[2 * INLINE];
        } else if (at == more.length) {
          more = Arrays.copyOf(more, at * 2);
        }
        more[at] = keyOrHeader;
        more[at + 1] = utf8;
      }
    }
    size++;
  }

  private Object keyOrHeader(int index) {
    Objects.checkIndex(index, size);
    return switch (index) {
      case 0 -> key0;
      case 1 -> key1;
      case 2 -> key2;
      default -> more[2 * (index - INLINE)];
    };
  }

  /** The key of header {@code index}; allocates nothing. */
  String key(int index) {
    Object slot = keyOrHeader(index);
    return slot instanceof Header header ? header.key() : (String) slot;
  }

  /**
   * The UTF-8 bytes of header {@code index}'s value: the list's own array, shared by every
   * record of the message (and, for a header compiled once, by every message), not a copy.
   */
  byte[] valueBytes(int index) {
    Objects.checkIndex(index, size);
    return switch (index) {
      case 0 -> value0;
      case 1 -> value1;
      case 2 -> value2;
      default -> (byte[]) more[2 * (index - INLINE) + 1];
    };
  }

  /** Header {@code index}; one made from the message's value is a new Header on each call. */
  @Override
  public Header get(int index) {
    Object slot = keyOrHeader(index);
    if (slot instanceof Header header) {
      return header;
    }
    return new Header((String) slot, new String(valueBytes(index), StandardCharsets.UTF_8));
  }

  @Override
  public int size() {
    return size;
  }
}
