package io.wrpkafka.routing;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The destinations of one message under {@code Routing.ALL}: filled by {@link Router} through
 * {@code add} while it routes, then handed out as an immutable {@code List<Destination>}. Not
 * thread-safe while it is filled; immutable to its users (AbstractList's add, set and remove
 * throw UnsupportedOperationException).
 */
final class Destinations extends AbstractList<Destination> implements RandomAccess {
  // One list over one array, where ArrayList in an unmodifiable view was three objects.

  private final Destination[] items;
  private int size;

  /** An empty list with room for {@code capacity} destinations. */
  Destinations(int capacity) {
    this.items = new Destination[capacity];
  }

  /** Appends {@code destination}; only before the list is handed out, and within capacity. */
  void append(Destination destination) {
    items[size++] = Objects.requireNonNull(destination, "destination");
  }

  @Override
  public Destination get(int index) {
    Objects.checkIndex(index, size);
    return items[index];
  }

  @Override
  public int size() {
    return size;
  }
}
