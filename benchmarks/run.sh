#!/usr/bin/env bash
# The TypedSocketIO benchmarks, one command: builds what it needs, starts each server by PID in
# turn (TypedSocketIO, Node socket.io, raw Kestrel), drives it with the load generator, stops it,
# runs the BenchmarkDotNet micro-benchmarks, and writes a table and an SVG chart.
#
#   benchmarks/run.sh              full run (bounded: about 10 minutes), appended to benchmarks/README.md
#   benchmarks/run.sh --quick      smoke run (a few seconds per scenario, dry micro-benchmarks), not appended
#
# Options: --quick, --no-micro, --no-load, --append / --no-append (override the default above),
#          --servers "ours node raw" (a subset), --port-base N (default 17300; ports N+1..N+3, kept below the
#          ephemeral range, where 5000 client sockets would otherwise collide with a listener).
# Results: benchmarks/results/<UTC stamp>/ (results.jsonl, table.md, chart.svg, server logs, micro/).
# Only localhost traffic. Every wait below is bounded in count and time.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"

QUICK=0
MICRO=1
LOAD=1
APPEND=""
SERVERS="ours node raw"
PORT_BASE="${BENCH_PORT_BASE:-17300}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-micro) MICRO=0 ;;
    --no-load) LOAD=0 ;;
    --append) APPEND=1 ;;
    --no-append) APPEND=0 ;;
    --servers) SERVERS="$2"; shift ;;
    --port-base) PORT_BASE="$2"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -z "$APPEND" ]] && APPEND=$(( QUICK == 1 ? 0 : 1 ))
read -r EPHEMERAL_LOW EPHEMERAL_HIGH < /proc/sys/net/ipv4/ip_local_port_range || { EPHEMERAL_LOW=32768; EPHEMERAL_HIGH=60999; }
if (( PORT_BASE + 3 >= EPHEMERAL_LOW && PORT_BASE <= EPHEMERAL_HIGH )); then
  echo "warning: ports $((PORT_BASE + 1))-$((PORT_BASE + 3)) are in the ephemeral range $EPHEMERAL_LOW-$EPHEMERAL_HIGH" >&2
fi

# 5000 connections need as many descriptors in the generator and in the server.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (( $(ulimit -n) < 12000 )); then
  echo "warning: only $(ulimit -n) file descriptors; the connection scenario may fail" >&2
fi

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$HERE/results/$STAMP"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
MODE=$([[ $QUICK == 1 ]] && echo "quick (smoke)" || echo "full")
QUICK_FLAG=$([[ $QUICK == 1 ]] && echo "--quick" || echo "")
START_SECONDS=$SECONDS
echo "== benchmarks ($MODE) → $OUT"

# ------------------------------------------------------------------------------------------
# Build
# ------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
build() {
  local project="$1"
  if ! timeout 600 dotnet build "$project" -c Release -nologo -v q >"$OUT/build-$(basename "$project" .csproj).log" 2>&1; then
    echo "build failed: $project (see $OUT/build-$(basename "$project" .csproj).log)" >&2
    tail -20 "$OUT/build-$(basename "$project" .csproj).log" >&2
    return 1
  fi
}

if [[ $LOAD == 1 ]]; then
  echo "== build (Release): BenchServer, RawServer, LoadGenerator"
  build "$HERE/BenchServer/BenchServer.csproj"
  build "$HERE/RawServer/RawServer.csproj"
  build "$HERE/LoadGenerator/LoadGenerator.csproj"
  if [[ " $SERVERS " == *" node "* ]]; then
    echo "== npm ci (benchmarks/node, socket.io pinned by package-lock.json)"
    (cd "$HERE/node" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >"$OUT/npm-ci.log" 2>&1) \
      || { echo "npm ci failed (see $OUT/npm-ci.log)" >&2; exit 1; }
  fi
fi

LOADGEN="$HERE/LoadGenerator/bin/Release/net10.0/LoadGenerator"

# ------------------------------------------------------------------------------------------
# Servers, started and stopped by PID
# ------------------------------------------------------------------------------------------
SERVER_PID=""
stop_server() {
  local pid="$1"
  [[ -z "$pid" ]] && return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do           # up to 10 s for a graceful stop
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "   server $pid did not stop; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() { stop_server "$SERVER_PID"; SERVER_PID=""; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# start_server NAME PORT COMMAND...: runs the command in the background, records its PID, and
# waits (at most 30 s) until GET /bench/stats answers.
start_server() {
  local name="$1" port="$2"; shift 2
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use; pick another with --port-base" >&2
    return 1
  fi
  "$@" >"$OUT/server-$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server $name exited at start (see $OUT/server-$name.log)" >&2
      tail -20 "$OUT/server-$name.log" >&2
      SERVER_PID=""
      return 1
    fi
    if curl -sf -m 1 "http://127.0.0.1:$port/bench/stats" >/dev/null 2>&1; then
      echo "   $name listening on $port, pid $SERVER_PID"
      return 0
    fi
    sleep 0.2
  done
  echo "server $name did not answer within 30 s" >&2
  stop_server "$SERVER_PID"
  SERVER_PID=""
  return 1
}

# run_server NAME PORT SCENARIOS COMMAND...
FAILED=0
run_server() {
  local name="$1" port="$2" scenarios="$3"; shift 3
  echo "== $name"
  if ! start_server "$name" "$port" "$@"; then
    FAILED=1
    return 0
  fi
  # Bounded: each scenario has its own limit inside the generator; this is the outer one.
  if ! timeout 900 "$LOADGEN" suite --server "$name" --url "http://127.0.0.1:$port" --pid "$SERVER_PID" \
      --out "$RESULTS" --scenarios "$scenarios" $QUICK_FLAG 2>&1 | tee -a "$OUT/loadgen.log" | grep -v '^   at '; then
    FAILED=1
  fi
  stop_server "$SERVER_PID"
  SERVER_PID=""
}

if [[ $LOAD == 1 ]]; then
  PORT_OURS=$((PORT_BASE + 1)) PORT_NODE=$((PORT_BASE + 2)) PORT_RAW=$((PORT_BASE + 3))
  for server in $SERVERS; do
    case "$server" in
      ours)
        run_server ours "$PORT_OURS" connect,connect-warm,latency,echo,broadcast,polling \
          "$HERE/BenchServer/bin/Release/net10.0/BenchServer" --urls "http://127.0.0.1:$PORT_OURS" ;;
      node)
        run_server node "$PORT_NODE" connect,connect-warm,latency,echo,broadcast,polling \
          node --expose-gc "$HERE/node/server.mjs" "$PORT_NODE" ;;
      raw)
        # The raw server speaks WebSocket only: no long-polling row.
        run_server raw "$PORT_RAW" connect,connect-warm,latency,echo,broadcast \
          "$HERE/RawServer/bin/Release/net10.0/RawServer" --urls "http://127.0.0.1:$PORT_RAW" ;;
      *) echo "unknown server $server" >&2; exit 2 ;;
    esac
  done

  if [[ -s "$RESULTS" ]]; then
    "$LOADGEN" report --results "$RESULTS" --md "$OUT/table.md" --svg "$OUT/chart.svg" \
      --title "TypedSocketIO vs Node socket.io vs raw Kestrel — $STAMP ($MODE)"
    echo
    cat "$OUT/table.md"
  fi
fi

# ------------------------------------------------------------------------------------------
# Micro-benchmarks (BenchmarkDotNet, in process; the short job in full runs, the dry job in quick ones)
# ------------------------------------------------------------------------------------------
MICRO_OK=0
# A BenchmarkDotNet GitHub table, quotes unescaped (angle brackets stay escaped for Markdown).
micro_table() { grep '^|' "$1" | sed "s/&#39;/'/g; s/&quot;/\"/g"; }
if [[ $MICRO == 1 ]]; then
  echo "== micro-benchmarks"
  if ! build "$HERE/MicroBenchmarks/MicroBenchmarks.csproj"; then
    if grep -q "CS0122" "$OUT/build-MicroBenchmarks.log"; then
      echo "MicroBenchmarks reach runtime internals: src/TypedSocketIO/TypedSocketIO.csproj needs" >&2
      echo '  <InternalsVisibleTo Include="TypedSocketIO.MicroBenchmarks" />' >&2
    fi
    FAILED=1
  else
    JOB=$([[ $QUICK == 1 ]] && echo dry || echo short)
    MICRO_EXE="$HERE/MicroBenchmarks/bin/Release/net10.0/TypedSocketIO.MicroBenchmarks"
    "$MICRO_EXE" --verify 2>&1 | tee "$OUT/generator-verify.txt" || true
    if timeout 900 "$MICRO_EXE" --filter '*' --inProcess --job "$JOB" --artifacts "$OUT/micro" \
        --exporters github >"$OUT/micro.log" 2>&1; then
      MICRO_OK=1
      for report in "$OUT"/micro/results/*-report-github.md; do
        [[ -f "$report" ]] && micro_table "$report"
        echo
      done
    else
      echo "micro-benchmarks failed (see $OUT/micro.log)" >&2
      tail -20 "$OUT/micro.log" >&2
      FAILED=1
    fi
  fi
fi

# ------------------------------------------------------------------------------------------
# README
# ------------------------------------------------------------------------------------------
if [[ $APPEND == 1 ]]; then
  mkdir -p "$HERE/charts"
  {
    echo
    echo "### $STAMP — $MODE run"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM;" \
         "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); .NET $(dotnet --version), Node $(node --version)."
    echo
    if [[ -f "$OUT/chart.svg" ]]; then
      cp "$OUT/chart.svg" "$HERE/charts/$STAMP.svg"
      echo "![chart](charts/$STAMP.svg)"
      echo
    fi
    [[ -f "$OUT/table.md" ]] && cat "$OUT/table.md"
    if [[ $MICRO_OK == 1 ]]; then
      echo
      echo "Micro-benchmarks (BenchmarkDotNet, in process, $([[ $QUICK == 1 ]] && echo "dry job: allocations are right, times are cold single calls" || echo "short job"))."
      echo "The generator check (\`--verify\`): the synthetic project, and what each edit made the driver recompute:"
      echo
      echo '```'
      cat "$OUT/generator-verify.txt" 2>/dev/null
      echo '```'
      for report in "$OUT"/micro/results/*-report-github.md; do
        [[ -f "$report" ]] || continue
        echo
        micro_table "$report"
      done
    fi
  } >>"$HERE/README.md"
  echo "== appended to benchmarks/README.md (chart: benchmarks/charts/$STAMP.svg)"
fi

echo "== done in $((SECONDS - START_SECONDS)) s; results in $OUT"
exit $FAILED
