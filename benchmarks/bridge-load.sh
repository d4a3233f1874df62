#!/usr/bin/env bash
# Load-tests the HTTP bridge on loopback: builds the app and the benchmarks, starts a broker
# (`wrpkafka broker`, its own JVM, so the bridge's CPU and thread switches are its own) and
# `wrpkafka serve` with benchmarks/bridge-load.yaml against it, sends POST /api/v4/notify
# at QoS 50 from keep-alive connections (BridgeLoadBenchmark) and writes
# benchmarks/results/bridge-load-<date>.md. Extra arguments go to BridgeLoadBenchmark
# (e.g. --seconds 30 --connections 64). Then, when wrk is installed (benchmarks/run.sh installs
# it), the same bodies from wrk with benchmarks/wrk/notify.lua (2 threads, 32 connections,
# WRK_SECONDS, default 20 s) into benchmarks/results/bridge-load-<date>-wrk.txt, followed by
# the bridge JVM's CPU time and thread switches per request over the wrk run (from /proc).
# BRIDGE_JFR=FILE records a Java Flight Recording (settings=profile) of the bridge JVM over the
# wrk run into FILE; `java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.JfrTop FILE`
# sums its CPU samples by thread and frame. WRK_PIPELINE=N pipelines N requests (notify.lua).
set -euo pipefail

cd "$(dirname "$0")/.."
port=${BRIDGE_LOAD_PORT:-16100}
broker_port=${BRIDGE_LOAD_BROKER_PORT:-16192}
date=$(date -u +%Y-%m-%d)
log=$(mktemp -t bridge-load-serve.XXXXXX.log)
broker_log=$(mktemp -t bridge-load-broker.XXXXXX.log)

mvn -B -q -ntp -pl app,benchmarks -am package -DskipTests

stop() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid" || true
  fi
}
broker=""
serve=""
trap 'stop "$serve"; stop "$broker"' EXIT

WRPKAFKA_JAVA_OPTS="-Xmx768m" ./wrpkafka broker --port "$broker_port" \
  --topics benchmarks/bridge-load.yaml >"$broker_log" 2>&1 &
broker=$!
for _ in $(seq 120); do
  grep -q "Kafka is running" "$broker_log" && break
  kill -0 "$broker" 2>/dev/null || { cat "$broker_log" >&2; exit 1; }
  sleep 1
done

KAFKA_BROKERS="127.0.0.1:$broker_port" WRPKAFKA_JAVA_OPTS=${BRIDGE_JAVA_OPTS:--Xms1g -Xmx1g} \
  ./wrpkafka serve --config benchmarks/bridge-load.yaml --port "$port" >"$log" 2>&1 &
serve=$!
for _ in $(seq 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
  kill -0 "$serve" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done

# CPU ticks (user + system) and context switches (voluntary + involuntary, every thread) of a
# process: counts, meaningful on a loaded machine where rates are not.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s}'; }

java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.BridgeLoadBenchmark \
  --url "http://127.0.0.1:$port" --name "bridge-load-$date" "$@" \
  || { echo "bridge log: $log" >&2; tail -20 "$log" >&2; exit 1; }

if command -v wrk >/dev/null 2>&1; then
  bodies=$(mktemp -d -t bridge-load-bodies.XXXXXX)
  java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.NotifyBodies "$bodies" 64 50
  out="benchmarks/results/bridge-load-$date-wrk.txt"
  if [ -n "${BRIDGE_JFR:-}" ]; then
    jcmd "$serve" JFR.start name=bridge-load settings=profile filename="$(realpath -m "$BRIDGE_JFR")" >/dev/null
  fi
  ticks0=$(cpu_ticks "$serve"); switches0=$(switches "$serve")
  WRK_BODIES=$bodies wrk -t2 -c32 -d"${WRK_SECONDS:-20}s" --latency -s benchmarks/wrk/notify.lua \
    "http://127.0.0.1:$port" | tee "$out"
  ticks1=$(cpu_ticks "$serve"); switches1=$(switches "$serve")
  if [ -n "${BRIDGE_JFR:-}" ]; then
    jcmd "$serve" JFR.stop name=bridge-load >/dev/null
    echo "bridge profile: $BRIDGE_JFR"
  fi
  requests=$(awk '/^requests / {gsub(",", "", $2); print $2}' "$out")
  if [ -n "$requests" ] && [ "$requests" -gt 0 ]; then
    awk -v t="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" -v s="$((switches1 - switches0))" \
      -v n="$requests" 'BEGIN {printf "bridge per request: %.1f us CPU, %.2f context switches\n",
        t * 1e6 / hz / n, s / n}' | tee -a "$out"
  fi
  rm -rf "$bodies"
else
  echo "wrk is not installed: skipping the wrk run (benchmarks/run.sh installs it with apt-get)"
fi
echo "bridge log: $log"
