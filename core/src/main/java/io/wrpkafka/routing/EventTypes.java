package io.wrpkafka.routing;

/**
 * The event types a router has seen lately, so that a message's event type is a String the
 * router already holds rather than a new one cut out of its destination. Thread-safe without
 * locks; bounded.
 */
final class EventTypes {
  /*
   * Why: every record carries its event type to its events (PendingRecord keeps it until the
   * acknowledgement), so a cut-out "telemetry" was 56 bytes allocated per message and kept per
   * buffered record. Deployments have a handful of event types.
   *
   * How: a direct-mapped table of SLOTS Strings indexed by the hash of the region. A hit
   * compares the region in place (regionMatches) and allocates nothing; a miss cuts the String
   * out, as before, and puts it in its slot. Slots are written without synchronisation: a
   * String is immutable and safely published through its final fields, so a racing reader sees
   * either the old or the new String, and both are correct answers after the comparison. Event
   * types that collide or churn (many distinct types) just cost the old substring.
   */

  private static final int SLOTS = 64;

  private final String[] slots = new String[SLOTS];

  /** The event type {@code text} holds from {@code start} to {@code end} (exclusive). */
  String of(String text, int start, int end) {
    int length = end - start;
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text.charAt(i);
    }
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    String known = slots[slot];
    if (known != null && known.length() == length && text.startsWith(known, start)) {
      return known;
    }
    String type = text.substring(start, end);
    slots[slot] = type;
    return type;
  }
}
