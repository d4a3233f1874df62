package io.wrpkafka.bench;

import io.wrpkafka.DynamicConfig;
import io.wrpkafka.TopicRoute;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Message;
import java.util.List;
import java.util.Map;
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
 * Cost of header extraction, measured through {@link Router#route} on a single catch-all route
 * (no sharding, partition key {@code none}) so that headers are nearly all the work: no headers,
 * the three usual ones, and twelve (literals, plain fields, partner ids, metadata and a WRP
 * header). The difference to {@code NONE} is the header cost. Talaria online events.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar HeaderBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderBenchmark {
  private static final int SIZE = 1024;
  private static final int MASK = SIZE - 1;

  /** Which header set is configured. */
  public enum Headers {
    NONE(Map.of()),
    TYPICAL(SampleMessages.typicalHeaders()),
    HEAVY(SampleMessages.heavyHeaders());

    final Map<String, List<String>> config;

    Headers(Map<String, List<String>> config) {
      this.config = config;
    }
  }

  /** The header set under test. */
  @Param
  public Headers headers;

  private Router router;
  private Message[] messages;
  private int index;

  /** Compiles the one-route topic map with the header set and builds 1,024 messages. */
  @Setup
  public void setUp() {
    router = new Router(DynamicConfig.builder()
        .topicMap(List.of(
            TopicRoute.builder().pattern("*").topic("wrp-all").partitionKey("none").build()))
        .headers(headers.config)
        .build());
    SampleMessages samples = new SampleMessages(42);
    messages = new Message[SIZE];
    for (int i = 0; i < SIZE; i++) {
      messages[i] = samples.talariaOnlineEvent(i, 50);
    }
  }

  /** Routes the next message, building its headers. */
  @Benchmark
  public List<Destination> routeWithHeaders() {
    return router.route(messages[index++ & MASK]);
  }
}
