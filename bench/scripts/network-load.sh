#!/usr/bin/env bash
# Load test of a 4-validator network of separate processes on this machine (BENCHMARKS.md, "Four validators").
#
# Writes a fresh network with `trestle testnet --validators 4`, starts every node as its own JVM with a bounded
# heap, waits until the chain moves, runs `trestle bench` against all four RPC endpoints (batches round robin),
# kills one validator with SIGKILL at --kill-at-s seconds of the measured phase, and stops every node it started
# when it ends, however it ends. The report is printed and also kept as DIR/report.{txt,json}.
#
#   bench/scripts/network-load.sh [--rate 1500] [--duration-s 60] [--warmup-s 10] [--kill-at-s 30] [--kill-node 3]
#                                 [--accounts 400] [--heap 768m] [--dir /tmp/trestle-net] [--jfr-node N]
#                                 [--no-kill] [--batch 100] [--connections 16] [--consensus-nice N]
#                                 [--block-interval-ms 1000]
#
# Measure under the shared lock: flock /work/bench.lock bench/scripts/network-load.sh ...
# --jfr-node N records a JFR profile of node N (settings=profile) into DIR/nodeN.jfr.
# --consensus-nice N (an experiment, needs root for N < 0) renices every node's "consensus" thread to N, to see
# what the chain does when block agreement is never starved by transaction admission.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/node/target/trestle.jar"

RATE=1500 DURATION_S=60 WARMUP_S=10 KILL_AT_S=30 KILL_NODE=3 ACCOUNTS=400 HEAP=768m DIR=/tmp/trestle-net
JFR_NODE="" KILL=1 BATCH=100 CONNECTIONS=16 VALIDATORS=4 CONSENSUS_NICE="" BLOCK_INTERVAL_MS=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --duration-s) DURATION_S="$2"; shift 2 ;;
    --warmup-s) WARMUP_S="$2"; shift 2 ;;
    --kill-at-s) KILL_AT_S="$2"; shift 2 ;;
    --kill-node) KILL_NODE="$2"; shift 2 ;;
    --accounts) ACCOUNTS="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --jfr-node) JFR_NODE="$2"; shift 2 ;;
    --no-kill) KILL=0; shift ;;
    --batch) BATCH="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --consensus-nice) CONSENSUS_NICE="$2"; shift 2 ;;
    --block-interval-ms) BLOCK_INTERVAL_MS="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
if [ "$KILL_NODE" = 0 ]; then
  echo "--kill-node 0 is not allowed: node0 funds the senders and is the one the generator follows" >&2
  exit 2
fi
[ -f "$JAR" ] || { echo "$JAR is missing: mvn -B -q -pl bench -am package -DskipTests" >&2; exit 1; }

# Ports below Linux's ephemeral range (32768 and up), where outgoing connections never take them; a random base so
# two runs on one machine rarely meet, and every port checked free.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_base() {
  local base p ok
  for _ in $(seq 50); do
    base=$((20000 + RANDOM % 9000))
    ok=1
    for p in $(seq "$base" $((base + VALIDATORS - 1))) $(seq $((base + 100)) $((base + 100 + VALIDATORS - 1))) \
             $(seq $((base + 200)) $((base + 200 + VALIDATORS - 1))); do
      port_free "$p" || { ok=0; break; }
    done
    [ "$ok" = 1 ] && { echo "$base"; return 0; }
  done
  echo "no free run of ports found" >&2
  return 1
}
BASE=$(pick_base)
RPC_PORT=$BASE P2P_PORT=$((BASE + 100)) ADMIN_PORT=$((BASE + 200))

PIDS=()
stop_nodes() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_nodes EXIT
trap 'exit 130' INT TERM

rm -rf "$DIR"
java -jar "$JAR" testnet --validators "$VALIDATORS" --dir "$DIR" --rpc-port "$RPC_PORT" --p2p-port "$P2P_PORT" \
  --admin-port "$ADMIN_PORT" --block-interval-ms "$BLOCK_INTERVAL_MS" > "$DIR.testnet.txt"
mv "$DIR.testnet.txt" "$DIR/testnet.txt"

RPCS=""
for i in $(seq 0 $((VALIDATORS - 1))); do
  opts=(-Xmx"$HEAP" -XX:+UseParallelGC)
  if [ "$JFR_NODE" = "$i" ]; then
    opts+=(-XX:StartFlightRecording=settings=profile,filename="$DIR/node$i.jfr",dumponexit=true)
  fi
  (cd "$DIR/node$i" && exec java "${opts[@]}" -jar "$JAR" run --config config.toml > node.log 2>&1) &
  PIDS+=($!)
  RPCS="$RPCS${RPCS:+,}http://127.0.0.1:$((RPC_PORT + i))"
done
echo "nodes: pids ${PIDS[*]}, rpc $RPCS" >&2

# Wait until every node answers and node0's chain has moved past block 2 (the validators found each other).
block_number() {
  curl -s -m 2 -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' "http://127.0.0.1:$1" \
    | sed -n 's/.*"result":"0x\([0-9a-f]*\)".*/\1/p'
}
for _ in $(seq 120); do
  ready=1
  for i in $(seq 0 $((VALIDATORS - 1))); do
    n=$(block_number $((RPC_PORT + i)) || true)
    [ -n "$n" ] && [ $((16#$n)) -ge 2 ] || { ready=0; break; }
  done
  [ "$ready" = 1 ] && break
  sleep 1
done
[ "$ready" = 1 ] || { echo "the network did not start; see $DIR/node*/node.log" >&2; exit 1; }
echo "network up at block $((16#$(block_number "$RPC_PORT")))" >&2

if [ -n "$CONSENSUS_NICE" ]; then
  for pid in "${PIDS[@]}"; do
    for task in /proc/"$pid"/task/*; do
      [ "$(cat "$task/comm" 2>/dev/null)" = consensus ] && renice -n "$CONSENSUS_NICE" -p "${task##*/}" >/dev/null
    done
  done
  echo "consensus threads reniced to $CONSENSUS_NICE" >&2
fi

PID_LIST=$(IFS=,; echo "${PIDS[*]}")
KILL_ARGS=()
if [ "$KILL" = 1 ]; then
  KILL_ARGS=(--kill-pid "${PIDS[$KILL_NODE]}" --kill-at-s "$KILL_AT_S")
fi
java ${TRESTLE_BENCH_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "$JAR" bench --rpc "$RPCS" \
  --key "$(cat "$DIR/node0/account.key")" --accounts "$ACCOUNTS" --rate "$RATE" --duration-s "$DURATION_S" \
  --warmup-s "$WARMUP_S" --batch "$BATCH" --connections "$CONNECTIONS" --node-pid "$PID_LIST" "${KILL_ARGS[@]}" \
  --json > "$DIR/report.json"
# what the surviving nodes counted: pool rejections by reason, rounds, timeouts
for i in $(seq 0 $((VALIDATORS - 1))); do
  curl -s -m 5 "http://127.0.0.1:$((RPC_PORT + i))/metrics" > "$DIR/node$i.metrics" 2>/dev/null || true
done
python3 - "$DIR/report.json" > "$DIR/report.txt" <<'EOF' || true
import json, sys
r = json.load(open(sys.argv[1]))
l, c = r["latencyMs"], r["cpu"]
print(f"submitted/s {r['submittedPerS']:.0f}  committed/s {r['committedPerS']:.0f}  sustained/s {r['sustainedPerS']:.0f}")
print(f"latency ms p50 {l['p50']:.0f}  p95 {l['p95']:.0f}  p99 {l['p99']:.0f}  max {l['max']:.0f}")
print(f"nodes cpu s {c['nodeSeconds']:.1f} {c['nodeSecondsEach']}  us/tx {c['nodeUsPerCommittedTx']:.0f}  generator {c['generatorSeconds']:.1f}  busy {c['machineBusyPercent']:.0f}%")
print(f"load avg {r['loadAverageBefore']} -> {r['loadAverageAfter']}")
print("recovery", r.get("recovery"), "failovers", r.get("failovers"), "resent", r.get("resentTxs"))
print("errors", r.get("errors"))
print("committed per second", [s["committed"] for s in r["perSecond"]])
EOF
for i in $(seq 0 $((VALIDATORS - 1))); do
  echo "node$i: $(grep -E '^trestle_txpool_rejections_total\{reason="(already_known|nonce_too_low)"' "$DIR/node$i.metrics" 2>/dev/null | tr '\n' ' ')" \
    "rounds>0: $(grep -c 'round=[1-9]' "$DIR/node$i/node.log" || true) of $(grep -c 'block committed' "$DIR/node$i/node.log" || true) blocks" >> "$DIR/report.txt"
done
cat "$DIR/report.txt"
