#!/usr/bin/env bash
# Load-tests the HTTP bridge on loopback: builds the app and the benchmarks, starts a broker
# (`wrpkafka broker`, its own JVM, so the bridge's CPU and thread switches are its own) and
# `wrpkafka serve` with benchmarks/bridge-load.yaml against it, sends POST /api/v4/notify
# at QoS 50 from keep-alive connections (BridgeLoadBenchmark) and writes
# benchmarks/results/bridge-load-<date>.md. Extra arguments go to BridgeLoadBenchmark
# (e.g. --seconds 30 --connections 64). Then, when wrk is installed (benchmarks/run.sh installs
# it), the same bodies from wrk with benchmarks/wrk/notify.lua (2 threads, 32 connections,
# WRK_SECONDS, default 20 s) into benchmarks/results/bridge-load-<date>-wrk.txt, followed by
# the CPU time per request of the bridge JVM (and its thread switches), of the broker and of wrk;
# then the same wrk run against HttpCeiling (Vert.x answering 202 alone) with the bridge stopped,
# the most any bridge on this HTTP stack could reach here.
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

# Waits up to $4 seconds until process $1 writes $3 into its log $2; exits with the log if it died.
await_line() {
  local pid=$1 file=$2 line=$3
  for _ in $(seq "$4"); do
    grep -q "$line" "$file" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$file" >&2; exit 1; }
    sleep 1
  done
}

WRPKAFKA_JAVA_OPTS="-Xmx768m" ./wrpkafka broker --port "$broker_port" \
  --topics benchmarks/bridge-load.yaml >"$broker_log" 2>&1 &
broker=$!
await_line "$broker" "$broker_log" "Kafka is running" 120

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
# The same for a process and every process under it: `wrpkafka broker` runs Kafka in a child JVM.
tree_ticks() {
  local total child
  total=$(cpu_ticks "$1")
  for child in $(pgrep -P "$1"); do
    total=$((total + $(tree_ticks "$child")))
  done
  echo "$total"
}
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s}'; }

java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.BridgeLoadBenchmark \
  --url "http://127.0.0.1:$port" --name "bridge-load-$date" "$@" \
  || { echo "bridge log: $log" >&2; tail -20 "$log" >&2; exit 1; }

# wrk against the server of process $1 at $2 into file $3: the wrk report, then the CPU time per
# request of the server, of the broker and of wrk itself (user + system, from /proc and bash's
# `time`), which together say how the two cores were shared.
wrk_run() {
  local pid=$1 url=$2 out=$3 ticks0 switches0 broker0 ticks1 switches1 broker1 wrk_cpu requests
  ticks0=$(cpu_ticks "$pid"); switches0=$(switches "$pid"); broker0=$(tree_ticks "$broker")
  local TIMEFORMAT='%U %S'
  { time WRK_BODIES=$bodies wrk -t2 -c32 -d"${WRK_SECONDS:-20}s" --latency \
      -s benchmarks/wrk/notify.lua "$url" >"$out" ; } 2>"$out.time"
  cat "$out"
  ticks1=$(cpu_ticks "$pid"); switches1=$(switches "$pid"); broker1=$(tree_ticks "$broker")
  wrk_cpu=$(awk '{print $1 + $2}' "$out.time"); rm -f "$out.time"
  requests=$(awk '/^requests / {gsub(",", "", $2); print $2}' "$out")
  if [ -n "$requests" ] && [ "$requests" -gt 0 ]; then
    awk -v t="$((ticks1 - ticks0))" -v b="$((broker1 - broker0))" -v w="$wrk_cpu" \
      -v hz="$(getconf CLK_TCK)" -v s="$((switches1 - switches0))" -v n="$requests" \
      'BEGIN {printf "server per request: %.1f us CPU, %.2f context switches\n", t * 1e6 / hz / n, s / n;
        printf "broker per request: %.1f us CPU; wrk per request: %.1f us CPU\n",
          b * 1e6 / hz / n, w * 1e6 / n}' | tee -a "$out"
  fi
}

if command -v wrk >/dev/null 2>&1; then
  bodies=$(mktemp -d -t bridge-load-bodies.XXXXXX)
  java -cp benchmarks/target/benchmarks.jar io.wrpkafka.bench.NotifyBodies "$bodies" 64 50
  out="benchmarks/results/bridge-load-$date-wrk.txt"
  if [ -n "${BRIDGE_JFR:-}" ]; then
    jcmd "$serve" JFR.start name=bridge-load settings=profile filename="$(realpath -m "$BRIDGE_JFR")" >/dev/null
  fi
  echo "# the bridge: wrpkafka serve, QoS 50" >"$out"
  wrk_run "$serve" "http://127.0.0.1:$port" "$out.part"
  cat "$out.part" >>"$out"
  if [ -n "${BRIDGE_JFR:-}" ]; then
    jcmd "$serve" JFR.stop name=bridge-load >/dev/null
    echo "bridge profile: $BRIDGE_JFR"
  fi
  # The ceiling: Vert.x alone answering 202 without decoding or Kafka (HttpCeiling), with the
  # bridge stopped so that it takes no CPU, and the broker idle.
  stop "$serve"; serve=""
  java ${BRIDGE_JAVA_OPTS:--Xms1g -Xmx1g} -cp benchmarks/target/benchmarks.jar \
    io.wrpkafka.bench.HttpCeiling --port "$port" >"$log.ceiling" 2>&1 &
  serve=$!
  await_line "$serve" "$log.ceiling" "listening on" 60
  # As the bridge had the Java client's run first: a warm-up, so that the JIT has compiled it.
  WRK_BODIES=$bodies wrk -t2 -c32 -d5s -s benchmarks/wrk/notify.lua "http://127.0.0.1:$port" >/dev/null
  echo "# the ceiling: Vert.x answering 202 alone (HttpCeiling), no decoding, no Kafka" >>"$out"
  wrk_run "$serve" "http://127.0.0.1:$port" "$out.part"
  cat "$out.part" >>"$out"; rm -f "$out.part"
  rm -rf "$bodies"
else
  echo "wrk is not installed: skipping the wrk run (benchmarks/run.sh installs it with apt-get)"
fi
echo "bridge log: $log"
