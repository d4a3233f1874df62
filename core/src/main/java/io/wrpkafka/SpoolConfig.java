package io.wrpkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The durable local spool (store and forward): records of QoS at least {@link #minQos()} are
 * written to an append-only log in {@link #directory()} before {@code produce} answers, and leave
 * it only when the broker acknowledged them or they were dead-lettered. Records whose delivery
 * failed with a retryable error (a timeout, the cluster away) stay and are sent again when the
 * cluster is back; {@code start()} re-sends what a previous process left. At-least-once across a
 * crash. See the core README, "Spool". Immutable and thread-safe.
 *
 * <pre>{@code
 * SpoolConfig.builder().directory(Path.of("/var/lib/wrpkafka/spool"))
 *     .maxBytes(10L << 30).fsync(SpoolConfig.Fsync.INTERVAL).build()
 * }</pre>
 */
public final class SpoolConfig {
  /** 10 GiB. */
  public static final long DEFAULT_MAX_BYTES = 10L << 30;
  /** Records below QoS 25 are fire-and-forget and not spooled by default. */
  public static final int DEFAULT_MIN_QOS = 25;
  /** 100 ms. */
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(100);

  /** When the spool forces its writes to the disk device. */
  public enum Fsync {
    /**
     * Never forces: a written record survives a crash of the process (it is in the operating
     * system's page cache) but not of the machine.
     */
    NEVER,
    /**
     * Forces every {@code fsyncInterval}, on the spool's thread: a machine crash loses at most
     * that much time of records.
     */
    INTERVAL,
    /** Forces before {@code produce} answers (writes of concurrent callers share one force). */
    ALWAYS;

    /** The YAML spelling: {@code never}, {@code interval}, {@code always}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Path directory;
  private final long maxBytes;
  private final int minQos;
  private final Fsync fsync;
  private final Duration fsyncInterval;

  private SpoolConfig(Builder b) {
    this.directory = b.directory;
    this.maxBytes = b.maxBytes;
    this.minQos = b.minQos;
    this.fsync = b.fsync;
    this.fsyncInterval = b.fsyncInterval;
  }

  /** A builder with the defaults: 10 GiB, minQos 25, fsync interval every 100 ms; no directory. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder().directory(directory).maxBytes(maxBytes).minQos(minQos).fsync(fsync)
        .fsyncInterval(fsyncInterval);
  }

  /** The directory of the spool's segment files; created at start if missing. */
  public Path directory() {
    return directory;
  }

  /**
   * The most bytes of segment files the spool holds; beyond it the spool is full and new records
   * follow the in-memory QoS rules (see the core README).
   */
  public long maxBytes() {
    return maxBytes;
  }

  /** The lowest QoS that is spooled (0–99). */
  public int minQos() {
    return minQos;
  }

  /** When writes are forced to the device. */
  public Fsync fsync() {
    return fsync;
  }

  /** How often {@link Fsync#INTERVAL} forces. */
  public Duration fsyncInterval() {
    return fsyncInterval;
  }

  /** Whether a record of {@code qos} is spooled (while the spool has room). */
  public boolean covers(int qos) {
    return qos >= minQos;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpoolConfig c
        && directory.equals(c.directory)
        && maxBytes == c.maxBytes
        && minQos == c.minQos
        && fsync == c.fsync
        && fsyncInterval.equals(c.fsyncInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(directory, maxBytes, minQos, fsync, fsyncInterval);
  }

  @Override
  public String toString() {
    return "SpoolConfig{directory=" + directory + ", maxBytes=" + maxBytes + ", minQos=" + minQos
        + ", fsync=" + fsync.label() + ", fsyncInterval=" + fsyncInterval + '}';
  }

  /** Collects the spool settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private Path directory;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int minQos = DEFAULT_MIN_QOS;
    private Fsync fsync = Fsync.INTERVAL;
    private Duration fsyncInterval = DEFAULT_FSYNC_INTERVAL;

    private Builder() {}

    /** The spool's directory (required). */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The most bytes the spool holds; {@link #build()} wants at least 64 KiB. */
    public Builder maxBytes(long maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    /** The lowest QoS spooled, 0–99. */
    public Builder minQos(int minQos) {
      this.minQos = minQos;
      return this;
    }

    /** When writes are forced to the device. */
    public Builder fsync(Fsync fsync) {
      this.fsync = Objects.requireNonNull(fsync, "fsync");
      return this;
    }

    /** How often {@link Fsync#INTERVAL} forces; positive. */
    public Builder fsyncInterval(Duration fsyncInterval) {
      this.fsyncInterval = Objects.requireNonNull(fsyncInterval, "fsyncInterval");
      return this;
    }

    /**
     * Checks the settings and returns them; touches no file.
     *
     * @throws ConfigException naming the field ({@code spool.maxBytes: …}) and the problem
     */
    public SpoolConfig build() {
      if (directory == null) {
        throw new ConfigException("spool.directory: required");
      }
      if (maxBytes < 64 * 1024) {
        throw new ConfigException(
            "spool.maxBytes: at least 65536 (64KiB) (got " + maxBytes + ")");
      }
      if (minQos < 0 || minQos > 99) {
        throw new ConfigException("spool.minQos: " + minQos + " is not a QoS (expected 0 to 99)");
      }
      if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
        throw new ConfigException("spool.fsyncInterval: must be positive (got " + fsyncInterval
            + ")");
      }
      return new SpoolConfig(this);
    }
  }
}
