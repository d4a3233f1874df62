package io.wrpkafka.wrp.kafka;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.WrpFormatException;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka {@link Deserializer} that reads a WRP {@link Message} from msgpack (the default, what
 * the wrpkafka {@code Publisher} writes) or from JSON when {@code wrp.format=json} is passed to
 * {@link #configure(Map, boolean)}.
 *
 * <p>A null value (a tombstone) deserializes to null. Bytes that are not a valid WRP message
 * raise {@link SerializationException} whose cause is the {@link WrpFormatException} saying what
 * and where (never the payload), so a consumer's error handler can skip or dead-letter the
 * record. Thread-safe once configured; keeps no reference to the bytes it reads.
 */
public final class WrpDeserializer implements Deserializer<Message> {

  private volatile Format format;
  private volatile String part = "value";

  /** A msgpack deserializer, unless {@code wrp.format} in {@link #configure} says otherwise. */
  public WrpDeserializer() {
    this(Format.MSGPACK);
  }

  /**
   * A deserializer reading {@code format}, unless {@code wrp.format} in {@link #configure} says
   * otherwise.
   *
   * @throws NullPointerException if {@code format} is null
   */
  public WrpDeserializer(Format format) {
    this.format = Objects.requireNonNull(format, "format");
  }

  /**
   * Reads {@code wrp.format} ({@code msgpack} or {@code json}, any case) when present; other keys
   * are ignored. {@code isKey} only changes the wording of error messages.
   *
   * @throws org.apache.kafka.common.config.ConfigException if {@code wrp.format} has another
   *     value, naming it
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    format = WrpFormats.from(configs, format);
    part = isKey ? "key" : "value";
  }

  /** The format this deserializer reads. */
  public Format format() {
    return format;
  }

  /**
   * Decodes {@code data} in the configured format; null for null data.
   *
   * @throws SerializationException if {@code data} is not a valid WRP message; its cause is the
   *     {@link WrpFormatException} and its message repeats the cause's
   */
  @Override
  public Message deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    Format current = format;
    try {
      return current.decode(data);
    } catch (WrpFormatException e) {
      throw new SerializationException(
          "a record " + part + " on topic " + topic + " is not a WRP "
              + (current == Format.JSON ? "JSON" : "msgpack") + " message: " + e.getMessage(),
          e);
    }
  }
}
