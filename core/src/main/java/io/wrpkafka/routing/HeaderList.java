package io.wrpkafka.routing;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The headers of one routed message: filled by {@link Router} through {@link #append} while it
 * routes, then handed out as an immutable {@code List<Header>}. Not thread-safe while it is
 * filled; safe to share once a {@link Destination} holds it (its field is final).
 */
final class HeaderList extends AbstractList<Header> implements RandomAccess {
  /*
   * Why not ArrayList + List.copyOf: that is four objects per message (the list, its array, the
   * copy and its array), about 104 bytes for three headers. This is one list over one array,
   * sized by the number of header templates, so it never grows unless a multi-valued field
   * (wrp.Headers, wrp.PartnerIDs, wrp.Header.<name>) gives more: 48 bytes for three headers.
   * Destination trusts it instead of copying it (RouteEncodeBenchmark, -prof gc).
   *
   * Immutable to its users: AbstractList's add, set and remove throw
   * UnsupportedOperationException, as List.of's do; append(Header) is package-private and used
   * only before the list is published.
   */

  private Header[] headers;
  private int size;

  /** An empty list with room for {@code capacity} headers. */
  HeaderList(int capacity) {
    this.headers = new Header[Math.max(capacity, 1)];
  }

  /** Appends {@code header}; only while routing, before the list is handed out. */
  void append(Header header) {
    Objects.requireNonNull(header, "header");
    if (size == headers.length) {
      headers = Arrays.copyOf(headers, size * 2);
    }
    headers[size++] = header;
  }

  @Override
  public Header get(int index) {
    Objects.checkIndex(index, size);
    return headers[index];
  }

  @Override
  public int size() {
    return size;
  }
}
