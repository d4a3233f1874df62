package io.wrpkafka.bench;

import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/*
 * Closed-loop load: each connection sends its next request as soon as the previous answer is
 * read, so throughput is what the bridge sustains at that concurrency and latency is measured
 * per request (no coordinated-omission correction: the figure is "time per answer at full
 * load", not "latency at a given offered rate"). The generator runs on the same machine as the
 * bridge and the broker and takes part of the CPU; the report says so.
 */
/**
 * Load test of a running bridge: {@code POST /api/v4/notify} with msgpack WRP messages at one
 * QoS from many keep-alive connections, then msgs/s, latency percentiles and status counts in
 * {@code <output>/<name>.md}. Start the bridge first, or use {@code benchmarks/bridge-load.sh},
 * which starts one with an embedded broker and runs this.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.BridgeLoadBenchmark \
 *     --url http://127.0.0.1:6100 --seconds 20 --connections 32
 * }</pre>
 */
public final class BridgeLoadBenchmark {
  private static final int SAMPLES = 4096;
  private static final int MASK = SAMPLES - 1;
  private static final String USAGE = String.join("\n",
      "Usage: BridgeLoadBenchmark --url URL [options]",
      "  --url URL            the bridge's base URL, e.g. http://127.0.0.1:6100",
      "  --seconds S          measured seconds (default 20)",
      "  --warmup-seconds S   unreported seconds first (default 5)",
      "  --connections N      concurrent keep-alive connections (default 32)",
      "  --qos N              the messages' QoS (default 50)",
      "  --authorization V    an Authorization header value, e.g. \"Bearer abc\"",
      "  --output DIR         where to write the report (default benchmarks/results)",
      "  --name NAME          report file name without extension (default bridge-load-<date>)");

  private BridgeLoadBenchmark() {}

  /** Runs the load test with {@code args} and exits with {@link #run}'s status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the load test: waits up to 3 minutes for {@code GET /readyz} to answer 200, loads the
   * bridge, writes the report. Blocks for the whole run.
   *
   * @return 0 when the report was written, 2 for bad arguments, 1 when the run failed
   */
  public static int run(String[] args) {
    URI url = null;
    double seconds = 20;
    double warmup = 5;
    int connections = 32;
    int qos = 50;
    String authorization = null;
    Path output = Path.of("benchmarks", "results");
    String name = "bridge-load-" + LocalDate.now(ZoneOffset.UTC);
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = i + 1 < args.length ? args[i + 1] : null;
        if (arg.equals("--help")) {
          System.out.println(USAGE);
          return 0;
        }
        if (value == null) {
          throw new IllegalArgumentException(arg + ": needs a value");
        }
        i++;
        switch (arg) {
          case "--url" -> url = URI.create(value);
          case "--seconds" -> seconds = Double.parseDouble(value);
          case "--warmup-seconds" -> warmup = Double.parseDouble(value);
          case "--connections" -> connections = Integer.parseInt(value);
          case "--qos" -> qos = Integer.parseInt(value);
          case "--authorization" -> authorization = value;
          case "--output" -> output = Path.of(value);
          case "--name" -> name = value;
          default -> throw new IllegalArgumentException("unknown argument \"" + arg + "\"");
        }
      }
      if (url == null || url.getHost() == null || url.getPort() < 0) {
        throw new IllegalArgumentException("--url: give the bridge's base URL with host and port,"
            + " e.g. http://127.0.0.1:6100");
      }
      if (!(seconds > 0) || warmup < 0 || connections <= 0 || qos < 0 || qos > 99) {
        throw new IllegalArgumentException("--seconds must be positive, --warmup-seconds not"
            + " negative, --connections positive and --qos 0 to 99");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bridge-load: " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    }
    try {
      String report = new BridgeLoadBenchmark().execute(url, seconds, warmup, connections, qos,
          authorization, output, name);
      System.out.println("report: " + report);
      return 0;
    } catch (Exception e) {
      System.err.println("bridge-load: the run failed: " + e);
      e.printStackTrace();
      return 1;
    }
  }

  /** What the connections did in one timed phase. */
  private record Phase(long nanos, Histogram latency, Map<Integer, Long> statuses, long errors) {
    long ok() {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() >= 200 && e.getKey() < 300)
          .mapToLong(Map.Entry::getValue)
          .sum();
    }
  }

  private String execute(URI url, double seconds, double warmup, int connections, int qos,
      String authorization, Path output, String name) throws Exception {
    String host = url.getHost();
    int port = url.getPort();
    awaitReady(host, port, authorization, Duration.ofMinutes(3));

    Message[] messages = new SampleMessages(11).mixed(SAMPLES, 1000, qos);
    byte[][] requests = new byte[SAMPLES][];
    String headers = "Content-Type: application/msgpack\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n");
    long bodyBytes = 0;
    for (int i = 0; i < SAMPLES; i++) {
      byte[] body = Format.MSGPACK.encode(messages[i]);
      bodyBytes += body.length;
      requests[i] = HttpConnection.request("POST", "/api/v4/notify", host, port, headers, body);
    }
    if (warmup > 0) {
      System.out.printf("warm-up: %.0f s with %d connections%n", warmup, connections);
      load(host, port, requests, connections, warmup);
    }
    System.out.printf("measuring: %.0f s with %d connections%n", seconds, connections);
    Phase phase = load(host, port, requests, connections, seconds);

    MachineInfo machine = MachineInfo.current();
    double throughput = phase.ok() * 1e9 / phase.nanos();
    Histogram h = phase.latency();
    StringBuilder md = new StringBuilder();
    md.append("# Bridge load test: ").append(name).append("\n\n");
    md.append("`POST /api/v4/notify` (msgpack, QoS ").append(qos).append(") from ")
        .append(connections).append(" keep-alive connections in a closed loop, against the bridge"
            + " at `").append(url).append("`. The load generator, the bridge and the broker share"
            + " this machine's cores.\n\n");
    md.append("## Machine\n\n| | |\n|---|---|\n")
        .append("| CPU | ").append(machine.cpu()).append(", ").append(machine.cores())
        .append(" cores |\n| OS | ").append(machine.os()).append(" |\n| JVM (load generator) | ")
        .append(machine.jvm()).append(" |\n\n");
    md.append("## Settings\n\n| | |\n|---|---|\n")
        .append(String.format(Locale.ROOT,
            "| Messages | %d precomputed WRP messages from 1000 devices, alternately a Talaria"
                + " online event and a telemetry event; mean body %.0f B |%n",
            SAMPLES, (double) bodyBytes / SAMPLES))
        .append(String.format(Locale.ROOT, "| Warm-up, measured | %.0f s, %.0f s |%n",
            warmup, seconds))
        .append("| Connections | ").append(connections).append(" |\n\n");
    md.append("## Results\n\n| | |\n|---|---|\n")
        .append(String.format(Locale.ROOT, "| Throughput | %,.0f msgs/s (2xx answers) |%n",
            throughput))
        .append(String.format(Locale.ROOT, "| Answers | %,d in %.1f s |%n",
            h.getTotalCount(), phase.nanos() / 1e9))
        .append("| Latency p50 / p99 / p99.9 / max | ")
        .append(EndToEndReport.formatNanos(h.getValueAtPercentile(50))).append(" / ")
        .append(EndToEndReport.formatNanos(h.getValueAtPercentile(99))).append(" / ")
        .append(EndToEndReport.formatNanos(h.getValueAtPercentile(99.9))).append(" / ")
        .append(EndToEndReport.formatNanos(h.getMaxValue())).append(" |\n")
        .append("| Status codes | ").append(phase.statuses()).append(" |\n")
        .append("| Connection errors | ").append(phase.errors()).append(" |\n\n");
    md.append("## Target\n\n| target | measured | met |\n|---|---|---|\n")
        .append(String.format(Locale.ROOT, "| ≥ 50,000 msgs/s on 2 cores | %,.0f msgs/s | %s |%n",
            throughput, throughput >= 50_000 ? "yes" : "**no**"));
    Files.createDirectories(output);
    Path report = output.resolve(name + ".md");
    Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "%,.0f msgs/s, p50 %s, p99 %s, p99.9 %s, statuses %s%n",
        throughput, EndToEndReport.formatNanos(h.getValueAtPercentile(50)),
        EndToEndReport.formatNanos(h.getValueAtPercentile(99)),
        EndToEndReport.formatNanos(h.getValueAtPercentile(99.9)), phase.statuses());
    return report.toString();
  }

  private static void awaitReady(String host, int port, String authorization, Duration timeout)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] request = HttpConnection.request("GET", "/readyz", host, port,
        authorization == null ? "" : "Authorization: " + authorization + "\r\n", new byte[0]);
    IOException last = null;
    int status = -1;
    while (System.nanoTime() < deadline) {
      try (HttpConnection connection = new HttpConnection(host, port)) {
        status = connection.exchange(request);
        if (status == 200) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
    throw new IOException("the bridge at " + host + ":" + port + " was not ready within "
        + timeout + " (last status " + status + ")", last);
  }

  private static Phase load(String host, int port, byte[][] requests, int connections,
      double seconds) throws InterruptedException {
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Histogram[] latencies = new Histogram[connections];
    long[][] statuses = new long[connections][600];
    CountDownLatch ready = new CountDownLatch(connections);
    CountDownLatch go = new CountDownLatch(1);
    long[] deadline = new long[1];
    Thread[] threads = new Thread[connections];
    for (int t = 0; t < connections; t++) {
      int id = t;
      latencies[t] = new Histogram(EndToEndBenchmark.HIGHEST_LATENCY_NANOS, 3);
      threads[t] = new Thread(() -> {
        try (HttpConnection connection = new HttpConnection(host, port)) {
          ready.countDown();
          go.await();
          long end = deadline[0];
          while (true) {
            long start = System.nanoTime();
            if (start >= end) {
              break;
            }
            byte[] request = requests[(int) (next.getAndIncrement() & MASK)];
            try {
              int status = connection.exchange(request);
              statuses[id][Math.min(Math.max(status, 0), 599)]++;
              latencies[id].recordValue(Math.min(System.nanoTime() - start,
                  EndToEndBenchmark.HIGHEST_LATENCY_NANOS));
            } catch (IOException e) {
              errors.incrementAndGet();
              connection.close();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bridge-load-" + t);
      threads[t].start();
    }
    ready.await();
    long start = System.nanoTime();
    deadline[0] = start + (long) (seconds * 1e9);
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long nanos = System.nanoTime() - start;
    Histogram latency = new Histogram(EndToEndBenchmark.HIGHEST_LATENCY_NANOS, 3);
    Map<Integer, Long> counts = new TreeMap<>();
    for (int t = 0; t < connections; t++) {
      latency.add(latencies[t]);
      for (int code = 0; code < 600; code++) {
        if (statuses[t][code] > 0) {
          counts.merge(code, statuses[t][code], Long::sum);
        }
      }
    }
    return new Phase(nanos, latency, counts, errors.get());
  }
}
