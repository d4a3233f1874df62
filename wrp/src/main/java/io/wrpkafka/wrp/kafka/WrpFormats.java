package io.wrpkafka.wrp.kafka;

import io.wrpkafka.wrp.Format;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Reads the {@code wrp.format} key shared by {@link WrpSerializer} and {@link WrpDeserializer}. */
final class WrpFormats {

  private WrpFormats() {}

  /**
   * The format named by {@code configs.get("wrp.format")}, or {@code fallback} when the key is
   * absent. Accepts a {@link Format} or a string {@code msgpack} / {@code json} in any case.
   *
   * @throws ConfigException naming the key, the bad value and the accepted ones
   */
  static Format from(Map<String, ?> configs, Format fallback) {
    Object value = configs == null ? null : configs.get(WrpSerde.FORMAT_CONFIG);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Format format) {
      return format;
    }
    if (value instanceof String text) {
      switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "msgpack":
          return Format.MSGPACK;
        case "json":
          return Format.JSON;
        default:
          break;
      }
      throw new ConfigException(WrpSerde.FORMAT_CONFIG + ": unknown format \"" + text
          + "\" (expected msgpack or json)");
    }
    throw new ConfigException(WrpSerde.FORMAT_CONFIG + ": expected a string (msgpack or json), found "
        + value.getClass().getSimpleName());
  }
}
