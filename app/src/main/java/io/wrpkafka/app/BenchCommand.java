package io.wrpkafka.app;

import io.wrpkafka.bench.EndToEndBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Runs the end-to-end benchmark: the Publisher side by side with a raw KafkaProducer against an
 * embedded broker, writing a report and chart. Every argument goes to the benchmark as is.
 */
@Command(
    name = "bench",
    description = {
      "Benchmarks the publisher against a raw KafkaProducer on an embedded broker.",
      "Runs both side by side in one run and writes a Markdown report and a PNG chart",
      "(default: benchmarks/results/). About 3 minutes; --quick takes 30 s.",
      "`wrpkafka bench --help` lists the options."
    })
final class BenchCommand implements Callable<Integer> {

  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    return EndToEndBenchmark.run(arguments.toArray(String[]::new));
  }
}
