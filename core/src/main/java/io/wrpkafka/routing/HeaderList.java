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
   * copy and its array). This is one list over one array, sized by the number of header
   * templates, so it never grows unless a multi-valued field (wrp.Headers, wrp.PartnerIDs,
   * wrp.Header.<name>) gives more. Destination trusts it instead of copying it.
   *
   * Bytes first. What a record needs is each header's key and its value as UTF-8 bytes, so that
   * is what the list holds: slot 2i is header i's key, or for a header compiled once (a literal,
   * wrp.Type, wrp.QualityOfService) its shared Header, and slot 2i+1 its value bytes (shared
   * too for a compiled header). A value taken from the message becomes bytes at once, without a
   * String or a Header in between; get(i) makes its Header only when a user of route() asks.
   * For the three usual headers that is one array of 6 slots and two value arrays per message
   * instead of two Headers, two Strings and three value arrays (RouteEncodeBenchmark, -prof gc).
   *
   * Immutable to its users: AbstractList's add, set and remove throw
   * UnsupportedOperationException, as List.of's do; the append methods are package-private and
   * used only before the list is published.
   */

  private Object[] slots;
  private int size;

  /** An empty list with room for {@code capacity} headers. */
  HeaderList(int capacity) {
    this.slots = new Object[2 * Math.max(capacity, 1)];
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
    int at = 2 * size;
    if (at == slots.length) {
      slots = Arrays.copyOf(slots, at * 2);
    }
    slots[at] = keyOrHeader;
    slots[at + 1] = utf8;
    size++;
  }

  /** The key of header {@code index}; allocates nothing. */
  String key(int index) {
    Objects.checkIndex(index, size);
    Object slot = slots[2 * index];
    return slot instanceof Header header ? header.key() : (String) slot;
  }

  /**
   * The UTF-8 bytes of header {@code index}'s value: the list's own array, shared by every
   * record of the message (and, for a header compiled once, by every message), not a copy.
   */
  byte[] valueBytes(int index) {
    Objects.checkIndex(index, size);
    return (byte[]) slots[2 * index + 1];
  }

  /** Header {@code index}; one made from the message's value is a new Header on each call. */
  @Override
  public Header get(int index) {
    Objects.checkIndex(index, size);
    Object slot = slots[2 * index];
    if (slot instanceof Header header) {
      return header;
    }
    return new Header((String) slot,
        new String((byte[]) slots[2 * index + 1], StandardCharsets.UTF_8));
  }

  @Override
  public int size() {
    return size;
  }
}
