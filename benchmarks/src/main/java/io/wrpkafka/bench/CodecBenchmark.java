package io.wrpkafka.bench;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time and allocation of encoding and decoding one WRP message with {@link Format#MSGPACK} and
 * {@link Format#JSON}: (a) a Talaria online event with 15 metadata entries, (b) a telemetry
 * event with a 200-byte payload. An encode allocates at least the returned array; a decode at
 * least the message, its strings and its payload.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CodecBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private static final int SIZE = 256;
  private static final int MASK = SIZE - 1;

  /** The message under test. */
  @Param
  public SampleKind sample;

  private Message[] messages;
  private byte[][] msgpack;
  private byte[][] json;
  private int index;

  /** Builds 256 messages and their msgpack and JSON encodings. */
  @Setup
  public void setUp() {
    messages = SampleMessages.batch(sample, SIZE);
    msgpack = new byte[SIZE][];
    json = new byte[SIZE][];
    for (int i = 0; i < SIZE; i++) {
      msgpack[i] = Format.MSGPACK.encode(messages[i]);
      json[i] = Format.JSON.encode(messages[i]);
    }
  }

  /** Encodes the next message as msgpack. */
  @Benchmark
  public byte[] encodeMsgpack() {
    return Format.MSGPACK.encode(messages[index++ & MASK]);
  }

  /** Decodes the next msgpack encoding. */
  @Benchmark
  public Message decodeMsgpack() {
    return Format.MSGPACK.decode(msgpack[index++ & MASK]);
  }

  /** Encodes the next message as JSON. */
  @Benchmark
  public byte[] encodeJson() {
    return Format.JSON.encode(messages[index++ & MASK]);
  }

  /** Decodes the next JSON encoding. */
  @Benchmark
  public Message decodeJson() {
    return Format.JSON.decode(json[index++ & MASK]);
  }
}
