package io.wrpkafka.wrp.kafka;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for WRP {@link Message}s: a {@link WrpSerializer} and a {@link
 * WrpDeserializer} sharing one format, msgpack by default or JSON when {@code wrp.format=json} is
 * passed to {@link #configure(Map, boolean)}.
 *
 * <p>Null (a tombstone) maps to null both ways; a value that is not WRP raises {@link
 * org.apache.kafka.common.errors.SerializationException} on reading. Thread-safe once configured.
 */
public final class WrpSerde implements Serde<Message> {

  /** The configuration key naming the format: {@code msgpack} (the default) or {@code json}. */
  public static final String FORMAT_CONFIG = "wrp.format";

  private final WrpSerializer serializer;
  private final WrpDeserializer deserializer;

  /** A msgpack serde, unless {@code wrp.format} in {@link #configure} says otherwise. */
  public WrpSerde() {
    this(Format.MSGPACK);
  }

  /**
   * A serde for {@code format}, unless {@code wrp.format} in {@link #configure} says otherwise.
   *
   * @throws NullPointerException if {@code format} is null
   */
  public WrpSerde(Format format) {
    Objects.requireNonNull(format, "format");
    this.serializer = new WrpSerializer(format);
    this.deserializer = new WrpDeserializer(format);
  }

  /**
   * Configures both halves from {@code wrp.format} when present.
   *
   * @throws org.apache.kafka.common.config.ConfigException if {@code wrp.format} is neither
   *     msgpack nor json, naming it
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  /** The serializer half; the same instance on every call. */
  @Override
  public Serializer<Message> serializer() {
    return serializer;
  }

  /** The deserializer half; the same instance on every call. */
  @Override
  public Deserializer<Message> deserializer() {
    return deserializer;
  }
}
