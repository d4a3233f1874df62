package io.wrpkafka.routing;

import io.wrpkafka.ConfigException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The grammars of the routing strings of a config: a route's {@code shardBy} and {@code
 * partitionKey}, and a header value. Each is parsed here and nowhere else: the config classes call
 * these methods to check a value (and store its normal form), and the {@link Router} compiles
 * that normal form with the same parser. Stateless and thread-safe; for config time, not the hot
 * path.
 *
 * <pre>{@code
 * RouteGrammar.shardBy(" Metadata:tenant ")   // "metadata:tenant"
 * RouteGrammar.partitionKey("")               // "deviceid"
 * RouteGrammar.partitionKey("random")         // throws ConfigException "partitionKey: unknown strategy …"
 * }</pre>
 */
public final class RouteGrammar {
  /*
   * Implementation notes
   *
   * Each grammar parses into a small package-private spec (a kind and, for metadata, a field):
   * its text() is the normal form the config stores, and ShardBy.of / PartitionKeys.of build the
   * strategy from the spec of that stored text. Normal forms parse to themselves, so a route that
   * built always compiles. Keywords ignore case and surrounding blanks; field names are kept as
   * written. Messages name the field relative to the route ("shardBy: …"); DynamicConfig and the
   * loaders put them under "topicMap[i]".
   */

  static final String ROUNDROBIN = "roundrobin";
  static final String DEVICEID = "deviceid";
  static final String SOURCE = "source";
  static final String NONE = "none";
  static final String SHARD_METADATA_PREFIX = "metadata:";
  static final String KEY_METADATA_PREFIX = "metadata/";
  /** The field {@code partitionKey: metadata} keys by, as in the Go implementation. */
  static final String DEFAULT_KEY_METADATA_FIELD = "hw-deviceid";

  private RouteGrammar() {}

  /**
   * Checks the {@code shardBy} of a route with {@code topics} and returns its normal form: {@code
   * roundrobin}, {@code deviceid} or {@code metadata:<field>} (keyword lower-cased, field as
   * written).
   *
   * @throws ConfigException {@code shardBy: …} when {@code value} is blank, names no metadata
   *     field or is no known strategy
   * @throws NullPointerException if {@code value} is null
   */
  public static String shardBy(String value) {
    return parseShardBy(value).text();
  }

  /**
   * Checks a route's {@code partitionKey} and returns its normal form: {@code deviceid} (also for
   * a blank value), {@code source}, {@code none} or {@code metadata/<field>} ({@code metadata}
   * without a field keys by {@code hw-deviceid}).
   *
   * @throws ConfigException {@code partitionKey: …} when {@code value} is no known strategy
   * @throws NullPointerException if {@code value} is null
   */
  public static String partitionKey(String value) {
    return parsePartitionKey(value).text();
  }

  /**
   * Checks value {@code index} of the record header {@code key}: a literal, or {@code wrp.}
   * followed by a WRP field name. A {@code wrp.} value that names no field is allowed, as in the
   * seed documents: the {@link Router} leaves that header out of every record, and this returns
   * the warning saying so ({@code headers["key"][index]: unknown WRP field "wrp.Nope" (expected
   * …); the header is omitted}).
   *
   * @return the warning, or empty for a value that yields a header
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public static Optional<String> checkHeaderValue(String key, int index, String value) {
    Objects.requireNonNull(key, "key");
    return Optional.ofNullable(HeaderTemplate.warning(key, index, value));
  }

  /** Parses a {@code shardBy} value (raw or normal form). */
  static ShardSpec parseShardBy(String value) {
    String v = value.strip();
    String lower = v.toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      throw new ConfigException(
          "shardBy: required with topics (expected roundrobin, deviceid or metadata:<field>)");
    }
    if (lower.equals(ROUNDROBIN)) {
      return new ShardSpec(ShardKind.ROUNDROBIN, "");
    }
    if (lower.equals(DEVICEID)) {
      return new ShardSpec(ShardKind.DEVICEID, "");
    }
    if (lower.startsWith(SHARD_METADATA_PREFIX)) {
      String field = v.substring(SHARD_METADATA_PREFIX.length());
      if (field.isBlank()) {
        throw new ConfigException(
            "shardBy: \"" + value + "\" names no metadata field (e.g. metadata:tenant_id)");
      }
      return new ShardSpec(ShardKind.METADATA, field);
    }
    throw new ConfigException("shardBy: unknown strategy \"" + value
        + "\" (expected roundrobin, deviceid or metadata:<field>)");
  }

  /** Parses a {@code partitionKey} value (raw or normal form). */
  static KeySpec parsePartitionKey(String value) {
    String v = value.strip();
    String lower = v.toLowerCase(Locale.ROOT);
    if (v.isEmpty() || lower.equals(DEVICEID)) {
      return new KeySpec(KeyKind.DEVICEID, "");
    }
    if (lower.equals(SOURCE)) {
      return new KeySpec(KeyKind.SOURCE, "");
    }
    if (lower.equals(NONE)) {
      return new KeySpec(KeyKind.NONE, "");
    }
    // As in the Go implementation, "metadata" alone (or with an empty field) keys by hw-deviceid.
    if (lower.equals("metadata") || lower.startsWith(KEY_METADATA_PREFIX)) {
      String field = lower.equals("metadata") ? "" : v.substring(KEY_METADATA_PREFIX.length());
      return new KeySpec(KeyKind.METADATA, field.isBlank() ? DEFAULT_KEY_METADATA_FIELD : field);
    }
    throw new ConfigException("partitionKey: unknown strategy \"" + value
        + "\" (expected deviceid, source, metadata/<field> or none)");
  }

  /** The shard strategies of a route with several topics. */
  enum ShardKind { ROUNDROBIN, DEVICEID, METADATA }

  /** A parsed {@code shardBy}: its kind, and the metadata field ({@code ""} for other kinds). */
  record ShardSpec(ShardKind kind, String field) {
    /** The normal form. */
    String text() {
      return switch (kind) {
        case ROUNDROBIN -> ROUNDROBIN;
        case DEVICEID -> DEVICEID;
        case METADATA -> SHARD_METADATA_PREFIX + field;
      };
    }
  }

  /** The partition key strategies. */
  enum KeyKind { DEVICEID, SOURCE, METADATA, NONE }

  /** A parsed {@code partitionKey}: its kind, and the metadata field ({@code ""} for others). */
  record KeySpec(KeyKind kind, String field) {
    /** The normal form. */
    String text() {
      return switch (kind) {
        case DEVICEID -> DEVICEID;
        case SOURCE -> SOURCE;
        case NONE -> NONE;
        case METADATA -> KEY_METADATA_PREFIX + field;
      };
    }
  }
}
