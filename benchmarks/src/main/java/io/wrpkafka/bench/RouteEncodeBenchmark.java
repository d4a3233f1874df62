package io.wrpkafka.bench;

import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-message work a publisher does before Kafka sees a record: route on the realistic
 * 10-route topic map with the three usual headers, encode the msgpack value, and turn the key and
 * header values into bytes. Targets: at most 700 ns (Talaria online) and 350 ns (telemetry) per
 * message, allocating at most the record's own bytes ({@link #outputBytes}) plus 20 %.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar RouteEncodeBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteEncodeBenchmark {
  private static final int SIZE = 1024;
  private static final int MASK = SIZE - 1;

  /** The message under test. */
  @Param
  public SampleKind sample;

  private Router router;
  private Message[] messages;
  private int index;

  /** Compiles the topic map and builds 1,024 messages. */
  @Setup
  public void setUp() {
    router = new Router(SampleMessages.realisticConfig());
    messages = SampleMessages.batch(sample, SIZE);
  }

  /**
   * Routes and encodes the next message and takes its key and header values as bytes, as the
   * publisher does (header values come from the router as UTF-8 arrays).
   */
  @Benchmark
  public byte[] routeEncodeHeaders(Blackhole blackhole) {
    Message message = messages[index++ & MASK];
    List<Destination> destinations = router.route(message);
    byte[] value = Format.MSGPACK.encode(message);
    for (Destination destination : destinations) {
      String key = destination.key();
      blackhole.consume(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
      int headers = destination.headers().size();
      for (int i = 0; i < headers; i++) {
        blackhole.consume(destination.headerKey(i));
        blackhole.consume(destination.headerValueBytes(i));
      }
    }
    return value;
  }

  /**
   * The mean bytes a message of {@code sample} becomes per record, over the benchmark's 1,024
   * messages: the lengths of the value, key and header value arrays {@link #routeEncodeHeaders}
   * makes (without the arrays' own headers, so the target is the strict reading).
   */
  static double outputBytes(SampleKind sample) {
    Router router = new Router(SampleMessages.realisticConfig());
    long total = 0;
    for (Message message : SampleMessages.batch(sample, SIZE)) {
      total += Format.MSGPACK.encode(message).length;
      for (Destination destination : router.route(message)) {
        String key = destination.key();
        total += key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < destination.headers().size(); i++) {
          total += destination.headerValueBytes(i).length;
        }
      }
    }
    return (double) total / SIZE;
  }
}
