#!/usr/bin/env bash
# Before and after, in one run: builds the TypedSocketIO bench server at a base revision (in a
# temporary git worktree) and at the working tree, then runs the same load scenarios on each in
# turn, alternating, so that both sides see the same machine noise. Prints the median of each
# side per scenario and the ratio after/before.
#
#   benchmarks/compare.sh BASE_REV                      echo and broadcast, 3 rounds
#   benchmarks/compare.sh BASE_REV --rounds 5 --scenarios echo,broadcast,polling
#   benchmarks/compare.sh BASE_REV --pin               server on CPU 0, load generator on CPU 1
#                                                      (less noise from how the two share cores)
#
# Results: benchmarks/results/compare-<UTC stamp>/ (results.jsonl, table.md, server logs).
# Only localhost traffic; each server is started and stopped by PID; every wait is bounded.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
BASE_REV="${1:?usage: benchmarks/compare.sh BASE_REV [--rounds N] [--scenarios a,b]}"
shift
ROUNDS=3
SCENARIOS="echo,broadcast"
SERVER_CPU=()
LOADGEN_CPU=()
PORT="${BENCH_PORT_BASE:-17300}"
PORT=$((PORT + 7))
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift ;;
    --scenarios) SCENARIOS="$2"; shift ;;
    --pin) SERVER_CPU=(taskset -c 0); LOADGEN_CPU=(taskset -c 1) ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$HERE/results/compare-$STAMP"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

BASE_TREE="$(mktemp -d)/base"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  git -C "$ROOT" worktree remove --force "$BASE_TREE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== base $BASE_REV → $BASE_TREE"
git -C "$ROOT" worktree add --detach -q "$BASE_TREE" "$BASE_REV"
for tree in "$BASE_TREE" "$ROOT"; do
  echo "== build $tree"
  timeout 600 dotnet build "$tree/benchmarks/BenchServer/BenchServer.csproj" -c Release -nologo -v q >"$OUT/build-$(basename "$tree").log" 2>&1 \
    || { tail -20 "$OUT/build-$(basename "$tree").log" >&2; exit 1; }
done
timeout 600 dotnet build "$HERE/LoadGenerator/LoadGenerator.csproj" -c Release -nologo -v q >"$OUT/build-loadgen.log" 2>&1
LOADGEN="$HERE/LoadGenerator/bin/Release/net10.0/LoadGenerator"

run_side() {
  local side="$1" tree="$2"
  "${SERVER_CPU[@]}" "$tree/benchmarks/BenchServer/bin/Release/net10.0/BenchServer" --urls "http://127.0.0.1:$PORT" >>"$OUT/server-$side.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    curl -sf -m 1 "http://127.0.0.1:$PORT/bench/stats" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$side server exited at start" >&2; exit 1; }
    sleep 0.2
  done
  timeout 600 "${LOADGEN_CPU[@]}" "$LOADGEN" suite --server "$side" --url "http://127.0.0.1:$PORT" --pid "$SERVER_PID" \
    --out "$RESULTS" --scenarios "$SCENARIOS" 2>&1 | grep -v '^   at ' | sed "s/^/   [$side] /"
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS"
  # The order flips each round, so neither side always runs on a warmer machine.
  if (( round % 2 == 1 )); then run_side before "$BASE_TREE"; run_side after "$ROOT"
  else run_side after "$ROOT"; run_side before "$BASE_TREE"; fi
done

python3 - "$RESULTS" "$BASE_REV" "$(git -C "$ROOT" rev-parse --short HEAD)" >"$OUT/table.md" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"before = {sys.argv[2]}, after = {sys.argv[3]} (+ working tree); median of each side's runs\n")
print("| scenario | metric | before | after | after/before | runs |")
print("|---|---|--:|--:|--:|--:|")
for scenario in sorted({r["scenario"] for r in rows}):
    for metric in ("opsPerSec", "p50Us", "p99Us"):
        sides = {s: [r[metric] for r in rows if r["scenario"] == scenario and r["server"] == s and r.get(metric) is not None]
                 for s in ("before", "after")}
        if not sides["before"] or not sides["after"]:
            continue
        b, a = statistics.median(sides["before"]), statistics.median(sides["after"])
        print(f"| {scenario} | {metric} | {b:,.0f} | {a:,.0f} | {a / b:.2f}× | {len(sides['before'])} + {len(sides['after'])} |")
PY
echo
cat "$OUT/table.md"
