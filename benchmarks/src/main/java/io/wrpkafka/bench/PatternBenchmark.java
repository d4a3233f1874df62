package io.wrpkafka.bench;

import io.wrpkafka.routing.Pattern;
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
 * Time and allocation of one {@link Pattern#matches} call, per kind of pattern, over a mix of
 * event types that match and do not. Target: at most 10 ns and 0 B/op.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PatternBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PatternBenchmark {
  private static final int MASK = 7;

  /** The pattern kind: its text and whether it ignores case. */
  public enum Kind {
    CATCH_ALL("*", false),
    EXACT("device-status", false),
    PREFIX("device-*", false),
    SUFFIX("*-status", false),
    INFIX("fw-*-upgrade", false),
    CASE_INSENSITIVE("Device-Status", true);

    final String text;
    final boolean caseInsensitive;

    Kind(String text, boolean caseInsensitive) {
      this.text = text;
      this.caseInsensitive = caseInsensitive;
    }
  }

  /** The pattern kind under test. */
  @Param
  public Kind kind;

  private final String[] eventTypes = {
    "device-status", "online", "telemetry", "DEVICE-STATUS",
    "fw-image-upgrade", "device-", "node-change-status", "iot-sensor"
  };
  private Pattern pattern;
  private int index;

  /** Compiles the pattern. */
  @Setup
  public void setUp() {
    pattern = Pattern.compile(kind.text, kind.caseInsensitive);
  }

  /** One match against the next event type. */
  @Benchmark
  public boolean matches() {
    return pattern.matches(eventTypes[index++ & MASK]);
  }
}
