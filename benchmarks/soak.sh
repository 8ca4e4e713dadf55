#!/usr/bin/env bash
# The soak: many concurrent Socket.IO connections with mixed traffic (echo with acks, room
# broadcasts, joins and leaves, reconnects) against the TypedSocketIO soak server, for a bounded
# time. Builds Release, raises the open-file limit, starts the server by PID, runs the client,
# stops the server by PID. The client prints RSS over time, errors, and a verification that every
# acked message arrived exactly once and in order; the exit code is non-zero if anything failed.
#
#   benchmarks/soak.sh                                   10 000 connections, 60 s of traffic after the ramp
#   benchmarks/soak.sh --connections 500 --seconds 20    a small run
#
# Options: --connections N (default 10000), --seconds S (default 60), --ramp R (new connections per
#          second, default 500), --port P (default 5310), --fault KIND (server misbehaves on purpose,
#          to see the verification fail: drop-said, dup-said, wrong-echo, skip-join), --no-build;
#          anything after `--` goes to the client (SoakClient --help lists its options).
# Logs: benchmarks/Soak/results/<UTC stamp>/ (client.log, server.log). Only localhost traffic.
# Every wait below is bounded in count and time; processes are stopped by PID.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SOAK="$HERE/Soak"

CONNECTIONS=10000
DURATION=60
RAMP=500
PORT=5310
FAULT=""
BUILD=1
CLIENT_EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) CONNECTIONS="$2"; shift ;;
    --seconds) DURATION="$2"; shift ;;
    --ramp) RAMP="$2"; shift ;;
    --port) PORT="$2"; shift ;;
    --fault) FAULT="$2"; shift ;;
    --no-build) BUILD=0 ;;
    --) shift; CLIENT_EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "soak: unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for value in "$CONNECTIONS" "$DURATION" "$RAMP" "$PORT"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "soak: '$value' is not a positive integer" >&2; exit 2; }
done

START=$(date +%s)

# Each process (server and client) holds one descriptor per connection plus its own few hundred.
NEED=$(( CONNECTIONS + 1024 ))
WANT=65536
if ulimit -n "$WANT" 2>/dev/null; then
  :
else
  HARD="$(ulimit -Hn)"
  if [[ "$HARD" == unlimited ]] || (( HARD >= NEED )); then
    ulimit -n "$HARD"
    echo "soak: could not raise the open-file limit to $WANT; using the hard limit $HARD (enough: $NEED needed)"
  else
    echo "soak: ERROR: the open-file limit cannot be raised to $NEED (hard limit $HARD) for $CONNECTIONS connections." >&2
    echo "soak:        run as a user allowed to raise it (limits.conf / systemd LimitNOFILE), or use fewer --connections." >&2
    exit 1
  fi
fi
echo "soak: open-file limit $(ulimit -n) (needed $NEED)"

if ss -Hltn "sport = :$PORT" | grep -q .; then
  echo "soak: ERROR: port $PORT is already in use; choose another with --port" >&2
  exit 1
fi

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$SOAK/results/$STAMP"
mkdir -p "$OUT"

if (( BUILD )); then
  echo "soak: building Release..."
  for project in SoakServer SoakClient; do
    if ! dotnet build "$SOAK/$project/$project.csproj" -c Release -nologo -v q > "$OUT/build-$project.log" 2>&1; then
      cat "$OUT/build-$project.log" >&2
      echo "soak: ERROR: the build of $project failed" >&2
      exit 1
    fi
  done
fi
SERVER_BIN="$SOAK/SoakServer/bin/Release/net10.0/SoakServer"
CLIENT_BIN="$SOAK/SoakClient/bin/Release/net10.0/SoakClient"

SERVER_PID=""
stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do            # at most 15 s for a graceful stop
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "soak: the server did not stop within 15 s; killing PID $SERVER_PID" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
trap stop_server EXIT

SERVER_ARGS=(--urls "http://127.0.0.1:$PORT")
[[ -n "$FAULT" ]] && SERVER_ARGS+=(--fault "$FAULT")
"$SERVER_BIN" "${SERVER_ARGS[@]}" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
echo "soak: server PID $SERVER_PID on http://127.0.0.1:$PORT${FAULT:+ (deliberate fault: $FAULT)}"

READY=0
for _ in $(seq 1 100); do               # at most 20 s to come up
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    cat "$OUT/server.log" >&2
    echo "soak: ERROR: the server exited during start-up" >&2
    exit 1
  fi
  if curl -fsS --max-time 1 "http://127.0.0.1:$PORT/soak/stats" > /dev/null 2>&1; then READY=1; break; fi
  sleep 0.2
done
(( READY )) || { echo "soak: ERROR: the server did not answer within 20 s" >&2; exit 1; }

# The client's own bound: ramp + traffic + its stop, drain and close phases, with room to spare.
BOUND=$(( CONNECTIONS / RAMP + DURATION + 180 ))
set +e
timeout --kill-after=10 "$BOUND" "$CLIENT_BIN" \
  --url "http://127.0.0.1:$PORT/" --server-pid "$SERVER_PID" \
  --connections "$CONNECTIONS" --seconds "$DURATION" --ramp "$RAMP" "${CLIENT_EXTRA[@]}" 2>&1 | tee "$OUT/client.log"
CLIENT_RC=${PIPESTATUS[0]}
set -e
(( CLIENT_RC == 124 )) && echo "soak: ERROR: the client did not finish within $BOUND s" >&2

SERVER_ALIVE=1
kill -0 "$SERVER_PID" 2>/dev/null || SERVER_ALIVE=0
stop_server

WARNINGS=$(grep -c '^warn:' "$OUT/server.log" || true)
FAILURES=$(grep -c -E '^(fail|crit):' "$OUT/server.log" || true)
echo
echo "soak: server log: $WARNINGS warning(s), $FAILURES error(s)$([[ $SERVER_ALIVE == 1 ]] || echo '; the server had DIED before the end')"
if (( WARNINGS + FAILURES > 0 )); then
  grep -E -A2 '^(warn|fail|crit):' "$OUT/server.log" | head -n 30
fi
echo "soak: client exit code $CLIENT_RC; total wall time $(( $(date +%s) - START )) s (build included); logs in $OUT"
if (( CLIENT_RC != 0 || FAILURES > 0 || SERVER_ALIVE == 0 )); then
  exit 1
fi
