#!/usr/bin/env bash
# Builds the benchmarks and runs them all, writing the results into benchmarks/results/:
#   jmh-<date>.txt/.json/.md           the JMH suite with -prof gc (about 6 minutes)
#   end-to-end-<date>.md/.png          the end-to-end benchmark (about 3 minutes)
#   bridge-load-<date>.md, -wrk.txt    the bridge load test, Java client and wrk (about 1 minute)
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

java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp "$jar" io.wrpkafka.bench.EndToEndBenchmark "${e2e_args[@]}" \
  --name "end-to-end-$date$suffix"

# wrk, the standard HTTP load tool, next to the Java load generator; installed when missing.
if ! command -v wrk >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    if ! apt-get install -y -q wrk >/dev/null 2>&1; then
      apt-get update -q >/dev/null 2>&1 && apt-get install -y -q wrk >/dev/null 2>&1 || true
    fi
  fi
  command -v wrk >/dev/null 2>&1 \
    || echo "could not install wrk (needs root and apt-get): the bridge load test runs without it"
fi
if $quick; then
  WRK_SECONDS=5 benchmarks/bridge-load.sh --seconds 5 --warmup-seconds 2 --name "bridge-load-$date$suffix"
else
  benchmarks/bridge-load.sh
fi
