#!/usr/bin/env bash
# Builds the benchmarks and runs them all, writing the results into benchmarks/results/:
#   jmh-<date>.txt/.json/.md           the JMH suite with -prof gc (about 6 minutes)
#   end-to-end-<date>.md/.png          the end-to-end benchmark (about 3 minutes)
# Usage: benchmarks/run.sh [--quick]   (--quick: a short JMH pass and a ~30 s end-to-end run)
set -euo pipefail

cd "$(dirname "$0")/.."
quick=false
if [[ "${1:-}" == "--quick" ]]; then
  quick=true
elif [[ $# -gt 0 ]]; then
  echo "usage: benchmarks/run.sh [--quick]" >&2
  exit 2
fi

date=$(date -u +%Y-%m-%d)
results=benchmarks/results
jar=benchmarks/target/benchmarks.jar
mkdir -p "$results"

mvn -B -q -ntp -pl benchmarks -am package -DskipTests

if $quick; then
  jmh_args=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  e2e_args=(--quick)
  suffix=-quick
else
  jmh_args=()
  e2e_args=()
  suffix=
fi

java -jar "$jar" -prof gc "${jmh_args[@]}" \
  -rf json -rff "$results/jmh-$date$suffix.json" | tee "$results/jmh-$date$suffix.txt"
java -cp "$jar" io.wrpkafka.bench.JmhReport \
  "$results/jmh-$date$suffix.json" "$results/jmh-$date$suffix.md"

java -Xms2g -Xmx2g -cp "$jar" io.wrpkafka.bench.EndToEndBenchmark "${e2e_args[@]}" \
  --name "end-to-end-$date$suffix"
