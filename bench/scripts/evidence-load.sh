#!/usr/bin/env bash
# One locked evidence load run (BENCHMARKS.md, "Trusted evidence"): a fresh dev chain under /tmp on its own port,
# `trestle bench` against it, the load average before and after, and the status of a sample of receipts (the load
# generator counts a transaction as committed when its block holds it, whether it succeeded or not).
# Build first (never under the lock): mvn -B -q -pl bench -am package -DskipTests
# Usage: flock /work/bench.lock bench/scripts/evidence-load.sh NAME PORT [trestle bench options...]
#   e.g. ... evidence-load.sh notarize 9671 --kind notarize --rate 1500 --duration-s 60 --warmup-s 10
# Output in /tmp/evidence-load/NAME: report.txt, load.txt, status.txt, node.log. NODE_OPTS adds node JVM options.
set -u
NAME=$1; PORT=$2; shift 2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/node/target/trestle.jar"
DATA=/tmp/evidence-load/data-$NAME; OUT=/tmp/evidence-load/$NAME
rm -rf "$DATA"; mkdir -p "$OUT"
java -Xmx1g -XX:+UseParallelGC ${NODE_OPTS:-} -jar "$JAR" dev --data "$DATA" --port "$PORT" > "$OUT/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 60); do [ -f "$DATA/dev-keys.json" ] && grep -q "JSON-RPC" "$OUT/node.log" && break; sleep 1; done
sleep 2
echo "start $(date -u +%H:%M:%S) load $(cat /proc/loadavg)" | tee "$OUT/load.txt"
java -Xmx2g -XX:+UseParallelGC -jar "$JAR" bench --rpc "http://127.0.0.1:$PORT" --data "$DATA" --node-pid "$NODE_PID" \
    --accounts 200 --batch 100 --connections 4 "$@" > "$OUT/report.txt" 2> "$OUT/bench.err"
RC=$?
echo "end $(date -u +%H:%M:%S) load $(cat /proc/loadavg) rc=$RC" | tee -a "$OUT/load.txt"
python3 - "http://127.0.0.1:$PORT/" > "$OUT/status.txt" 2>&1 <<'PY'
import json, sys, urllib.request
def call(method, params):
    req = urllib.request.Request(sys.argv[1], json.dumps({"jsonrpc": "2.0", "id": 1, "method": method,
        "params": params}).encode(), {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))["result"]
head = int(call("eth_blockNumber", []), 16)
ok = failed = 0
gas = []
for n in range(max(1, head - 400), head + 1, 7):          # every 7th of the last 400 blocks, every 50th tx
    for h in call("eth_getBlockByNumber", [hex(n), False])["transactions"][::50]:
        r = call("eth_getTransactionReceipt", [h])
        ok, failed = (ok + 1, failed) if r["status"] == "0x1" else (ok, failed + 1)
        gas.append(int(r["gasUsed"], 16))
print("sampled receipts: %d success, %d failed; gasUsed min %s max %s" % (ok, failed, min(gas, default=None),
    max(gas, default=None)))
PY
cat "$OUT/report.txt" "$OUT/status.txt"
kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null
