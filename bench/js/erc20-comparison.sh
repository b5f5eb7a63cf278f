#!/usr/bin/env bash
# ERC-20 transfers with the same client (trestle bench --kind erc20) and the same workload against a fresh
# `trestle dev` and a fresh Hardhat node, one after the other, in one window. Run it under the shared lock:
#
#   flock /work/bench.lock bench/js/erc20-comparison.sh /tmp/erc20-run
#
# Each node is started here, measured, and stopped again; reports go to OUT/{trestle,hardhat}.json and the load
# average at each step to OUT/loadavg.txt. Hardhat gets one connection: with automine it mines each transaction
# as it arrives and refuses a nonce that overtakes its predecessor, which several connections would cause; every
# batch of 100 holds one transaction of each of 100 different senders, so a batch has no order of its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: erc20-comparison.sh OUT_DIR}"
JAR="${TRESTLE_JAR:-$ROOT/node/target/trestle.jar}"
TRESTLE_PORT="${TRESTLE_PORT:-9745}"
HARDHAT_PORT="${HARDHAT_PORT:-8599}"
TRESTLE_RATE="${TRESTLE_RATE:-2500}"
HARDHAT_RATE="${HARDHAT_RATE:-300}"
DURATION_S="${DURATION_S:-60}"
WARMUP_S="${WARMUP_S:-10}"
# Hardhat's first account: a publicly known test key that Hardhat funds on every start
HARDHAT_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
COMMON=(--kind erc20 --accounts 200 --batch 100 --max-fee-gwei 100 --duration-s "$DURATION_S" --warmup-s "$WARMUP_S"
  --drain-timeout-s 120 --json)

mkdir -p "$OUT"
load() { echo "$(date -u +%H:%M:%S) $1 $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/loadavg.txt" >&2; }
await_rpc() {
  for _ in $(seq 1 120); do
    if curl -sf -X POST -H 'content-type: application/json' \
        --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" > /dev/null; then
      return 0
    fi
    sleep 1
  done
  echo "no JSON-RPC answer from $1" >&2
  return 1
}

load "start"
rm -rf "$OUT/trestle-data"
java -Xmx1g -XX:+UseParallelGC -jar "$JAR" dev --data "$OUT/trestle-data" --port "$TRESTLE_PORT" \
  > "$OUT/trestle-node.log" 2>&1 &
TRESTLE_PID=$!
trap 'kill $TRESTLE_PID 2>/dev/null || true' EXIT
await_rpc "http://127.0.0.1:$TRESTLE_PORT"
load "trestle-before"
java -jar "$JAR" bench --rpc "http://127.0.0.1:$TRESTLE_PORT" --data "$OUT/trestle-data" --rate "$TRESTLE_RATE" \
  --connections 4 --node-pid "$TRESTLE_PID" "${COMMON[@]}" > "$OUT/trestle.json" 2> "$OUT/trestle-progress.log"
load "trestle-after"
kill "$TRESTLE_PID"
wait "$TRESTLE_PID" 2>/dev/null || true

# its own process group, so the node process npx starts goes with it
(cd "$ROOT/bench/js" && exec setsid npx hardhat node --port "$HARDHAT_PORT") > "$OUT/hardhat-node.log" 2>&1 &
HARDHAT_PID=$!
trap 'kill -- -$HARDHAT_PID 2>/dev/null || true' EXIT
await_rpc "http://127.0.0.1:$HARDHAT_PORT"
# the node.js process that serves the JSON-RPC (npx and sh sit above it), for the CPU it uses
HARDHAT_NODE_PID=$(pgrep -s "$HARDHAT_PID" -f "bin/hardhat node" | head -1)
load "hardhat-before"
java -jar "$JAR" bench --rpc "http://127.0.0.1:$HARDHAT_PORT" --key "$HARDHAT_KEY" --rate "$HARDHAT_RATE" \
  --connections 1 --node-pid "$HARDHAT_NODE_PID" "${COMMON[@]}" > "$OUT/hardhat.json" 2> "$OUT/hardhat-progress.log"
load "hardhat-after"
kill -- "-$HARDHAT_PID"
