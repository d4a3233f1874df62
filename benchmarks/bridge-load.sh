#!/usr/bin/env bash
# Load-tests the HTTP bridge on loopback: builds the app and the benchmarks, starts
# `wrpkafka serve --embedded-kafka` with benchmarks/bridge-load.yaml, sends POST /api/v4/notify
# at QoS 50 from keep-alive connections (BridgeLoadBenchmark) and writes
# benchmarks/results/bridge-load-<date>.md. Extra arguments go to BridgeLoadBenchmark
# (e.g. --seconds 30 --connections 64). Then, when wrk is installed (benchmarks/run.sh installs
# it), the same bodies from wrk with benchmarks/wrk/notify.lua (2 threads, 32 connections,
# WRK_SECONDS, default 20 s) into benchmarks/results/bridge-load-<date>-wrk.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
port=${BRIDGE_LOAD_PORT:-16100}
date=$(date -u +%Y-%m-%d)
log=$(mktemp -t bridge-load-serve.XXXXXX.log)

mvn -B -q -ntp -pl app,benchmarks -am package -DskipTests

WRPKAFKA_JAVA_OPTS=${BRIDGE_JAVA_OPTS:--Xms1g -Xmx1g} ./wrpkafka serve \
  --config benchmarks/bridge-load.yaml --embedded-kafka --port "$port" >"$log" 2>&1 &
serve=$!
stop_bridge() {
  if kill -0 "$serve" 2>/dev/null; then
    kill -TERM "$serve"
    wait "$serve" || true
  fi
}
trap stop_bridge EXIT

java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.BridgeLoadBenchmark \
  --url "http://127.0.0.1:$port" --name "bridge-load-$date" "$@" \
  || { echo "bridge log: $log" >&2; tail -20 "$log" >&2; exit 1; }

if command -v wrk >/dev/null 2>&1; then
  bodies=$(mktemp -d -t bridge-load-bodies.XXXXXX)
  java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.NotifyBodies "$bodies" 64 50
  WRK_BODIES=$bodies wrk -t2 -c32 -d"${WRK_SECONDS:-20}s" --latency -s benchmarks/wrk/notify.lua \
    "http://127.0.0.1:$port" | tee "benchmarks/results/bridge-load-$date-wrk.txt"
  rm -rf "$bodies"
else
  echo "wrk is not installed: skipping the wrk run (benchmarks/run.sh installs it with apt-get)"
fi
echo "bridge log: $log"
