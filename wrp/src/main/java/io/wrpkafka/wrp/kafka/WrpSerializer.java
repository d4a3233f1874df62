package io.wrpkafka.wrp.kafka;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serializer} that writes a WRP {@link Message} as msgpack (the default, what the
 * wrpkafka {@code Publisher} writes) or as JSON when {@code wrp.format=json} is passed to
 * {@link #configure(Map, boolean)}.
 *
 * <p>A null message serializes to null (a tombstone). Encoding never fails for a built message.
 * Thread-safe once configured; Kafka configures it before the first record. Keeps no reference
 * to the messages it encodes.
 */
public final class WrpSerializer implements Serializer<Message> {

  private volatile Format format;

  /** A msgpack serializer, unless {@code wrp.format} in {@link #configure} says otherwise. */
  public WrpSerializer() {
    this(Format.MSGPACK);
  }

  /**
   * A serializer writing {@code format}, unless {@code wrp.format} in {@link #configure} says
   * otherwise.
   *
   * @throws NullPointerException if {@code format} is null
   */
  public WrpSerializer(Format format) {
    this.format = Objects.requireNonNull(format, "format");
  }

  /**
   * Reads {@code wrp.format} ({@code msgpack} or {@code json}, any case) when present; other keys
   * are ignored.
   *
   * @throws org.apache.kafka.common.config.ConfigException if {@code wrp.format} has another
   *     value, naming it
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    format = WrpFormats.from(configs, format);
  }

  /** The format this serializer writes. */
  public Format format() {
    return format;
  }

  /** Encodes {@code message} in the configured format; null for a null message. */
  @Override
  public byte[] serialize(String topic, Message message) {
    return message == null ? null : format.encode(message);
  }
}
