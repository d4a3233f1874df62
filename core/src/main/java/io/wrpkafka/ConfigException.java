package io.wrpkafka;

/**
 * A configuration value was rejected. Raised by the {@code build()} methods of the config classes
 * and by {@link io.wrpkafka.routing.Router}'s constructor. The message names the field (with the
 * route index or header key where there is one), the bad value and what would be accepted, e.g.
 * {@code topicMap[2].shardBy: unknown strategy "hash" (expected roundrobin, deviceid or
 * metadata:<field>)}. Messages never contain secrets.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with the given message. */
  public ConfigException(String message) {
    super(message);
  }

  /** Creates an exception with the given message and cause. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Returns a copy of this exception whose message is placed under {@code path}: {@code
   * shardBy: …} under {@code topicMap[2]} reads {@code topicMap[2].shardBy: …}. Lets a loader
   * that builds nested config objects report where in its input the problem is. The copy keeps
   * this exception as its cause.
   */
  public ConfigException under(String path) {
    String message = getMessage();
    String joined = message.startsWith("[") ? path + message : path + "." + message;
    return new ConfigException(joined, this);
  }
}
