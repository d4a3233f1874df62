package io.wrpkafka.app.bridge;

/**
 * Picks the id that ties an ingest request to its answer, its log lines and its Kafka record:
 * the message's WRP {@code transaction_uuid}, else the request's {@code X-Webpa-Transaction-Id},
 * else its {@code X-Request-Id}. Pure.
 *
 * <p>The id comes from the caller and goes into a response header and the log, so it is cleaned:
 * at most {@link #MAX_LENGTH} characters, anything but printable ASCII replaced by {@code _} (no
 * header splitting, no forged log lines).
 */
final class CorrelationId {
  /** The request header Talaria and Caduceus use, and the response header the bridge sets. */
  static final String WEBPA_HEADER = "X-Webpa-Transaction-Id";
  /** The generic request id header, used when the WebPA one is absent. */
  static final String REQUEST_ID_HEADER = "X-Request-Id";
  /** The field of a JSON answer (and of each batch result) that carries the id. */
  static final String FIELD = "transactionUuid";
  static final int MAX_LENGTH = 128;

  private CorrelationId() {}

  /** The first non-blank of the three, cleaned; null when all are null or blank. */
  static String of(String transactionUuid, String webpaHeader, String requestIdHeader) {
    // Called twice per ingest request: no array, and a clean id is returned as given.
    String candidate = usable(transactionUuid) ? transactionUuid
        : usable(webpaHeader) ? webpaHeader
        : usable(requestIdHeader) ? requestIdHeader
        : null;
    return candidate == null ? null : clean(candidate.strip());
  }

  private static boolean usable(String candidate) {
    return candidate != null && !candidate.isBlank();
  }

  private static String clean(String value) {
    if (value.length() <= MAX_LENGTH && isPrintableAscii(value)) {
      return value;
    }
    int length = Math.min(value.length(), MAX_LENGTH);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x21 && c <= 0x7e ? c : '_');
    }
    return out.toString();
  }

  private static boolean isPrintableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
