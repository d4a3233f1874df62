package io.wrpkafka.bench;

import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Message;
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

/**
 * Time and allocation of one {@link Router#route} call on the realistic 10-route topic map with
 * the three usual headers: a Talaria online event (matches route 0) and a telemetry event (walks
 * 8 routes, then shards by device id). Each message comes from one of 1,024 devices.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar RouterBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {
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

  /** Routes the next message. */
  @Benchmark
  public List<Destination> route() {
    return router.route(messages[index++ & MASK]);
  }
}
