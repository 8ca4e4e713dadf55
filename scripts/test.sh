#!/usr/bin/env bash
# Runs every test of TypedSocketIO. On a fresh machine it first installs what the tests need
# (the npm packages of tests/js from its lock file; Debian packages when missing) or says
# exactly what is missing. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need dotnet || missing+=("dotnet (the .NET 10 SDK)")
need node || missing+=("node (Node.js 20 or newer)")
need npm || missing+=("npm")
if ((${#missing[@]})); then
  echo "Cannot run the tests; missing: ${missing[*]}" >&2
  exit 2
fi

# Debian packages the tests need, installed when absent and we are allowed to.
apt_packages=()
# NativeAOT publish of samples/Chat (tests/TypedSocketIO.AotTests): a C toolchain and zlib.
need clang || apt_packages+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || apt_packages+=(zlib1g-dev)
# The Chat page and the Admin UI page in headless Chromium (tests/TypedSocketIO.AotTests,
# tests/TypedSocketIO.BrowserTests and tests/TypedSocketIO.AdminUI.Tests, which drive it with
# Playwright: Debian's Chromium, never a downloaded one).
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
if ((${#apt_packages[@]})); then
  if [ "$(id -u)" = 0 ] && need apt-get; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${apt_packages[*]} (install them with apt-get)" >&2
    exit 2
  fi
fi

# npm packages, exactly as locked.
if [ ! -d tests/js/node_modules ] || [ tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
  echo "== npm ci (tests/js)"
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed" >&2; exit 2; }
fi
# samples/Chat's own build runs `npm ci` for the socket.io-client it serves (Chat.csproj).

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Screenshots of the browser tests, from this run only.
screenshot_dir="$root/TestResults/browser"
rm -rf "$screenshot_dir"

passed=0 failed=0 skipped=0
add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

echo "== dotnet build"
log=$(mktemp)
if ! dotnet build TypedSocketIO.sln -c Release -nologo >"$log" 2>&1; then
  grep -E "error|Error" "$log" | sort -u | head -n 50
  echo "0 passed, 1 failed"
  exit 1
fi
rm -f "$log"

# The runtime's own tests also measure its coverage (coverlet), into TestResults/coverage.
coverage_dir="$root/TestResults/coverage"
rm -rf "$coverage_dir"
coverage_args=(--collect:"XPlat Code Coverage" --settings tests/TypedSocketIO.Tests/coverage.runsettings --results-directory "$coverage_dir")

# Each test project; the xunit console summary line gives its counts.
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  log=$(mktemp)
  extra=()
  [ "$name" = TypedSocketIO.Tests ] && extra=("${coverage_args[@]}")
  # The backstop for a test that hangs despite its own deadline: the run is stopped and reported (no dump).
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" \
    --blame-hang-timeout 10m --blame-hang-dump-type none "${extra[@]}" >"$log" 2>&1
  # Failures with their messages (not their stack traces), then the run's totals.
  awk '/^  Failed /{show=1} /^  Stack Trace:/{show=0} /^  (Passed|Skipped) /{show=0} show' "$log" | head -n 300
  grep -E "^  Skipped " "$log"
  total=$(grep -E "^Total tests: " "$log" | tail -n 1)
  if [ -z "$total" ]; then
    tail -n 40 "$log"
    add_counts 0 1 0
  else
    count() { grep -E "^ +$1: " "$log" | tail -n 1 | sed -E 's/[^0-9]*([0-9]+).*/\1/'; }
    p=$(count Passed); f=$(count Failed); s=$(count Skipped)
    echo "$name: ${p:-0} passed, ${f:-0} failed, ${s:-0} skipped"
    add_counts "${p:-0}" "${f:-0}" "${s:-0}"
  fi
  rm -f "$log"
  if [ "$name" = TypedSocketIO.BrowserTests ]; then
    for shot in "$screenshot_dir"/*.png; do
      [ -e "$shot" ] && echo "screenshot: $shot"
    done
  fi
  if [ "$name" = TypedSocketIO.Tests ]; then
    report=$(find "$coverage_dir" -name coverage.cobertura.xml 2>/dev/null | head -n 1)
    if [ -z "$report" ]; then
      echo "coverage (src/TypedSocketIO): no report was written"
    elif need python3; then
      python3 scripts/coverage-summary.py "$report" src/TypedSocketIO/PublicAPI.*.txt \
        --unreached "$coverage_dir/unreached-public-members.txt" --show 30
    else
      echo "coverage (src/TypedSocketIO): python3 is needed to read $report"
    fi
  fi
done

# A node script of tests/js that ends with "N passed, N failed": its failures shown, its counts added.
run_node_suite() { # run_node_suite <title> <script>
  echo "== $1"
  local log summary
  log=$(mktemp)
  (cd tests/js && node "$2") >"$log" 2>&1
  grep -E "^FAIL" -A 5 "$log" | head -n 100
  summary=$(grep -E "^[0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1)
  echo "${summary:-no summary from $2}"
  if [ -n "$summary" ]; then
    add_counts "$(cut -d' ' -f1 <<<"$summary")" "$(cut -d' ' -f3 <<<"$summary")" 0
  else
    tail -n 20 "$log"
    add_counts 0 1 0
  fi
  rm -f "$log"
}

# The JS scenarios against Node's own socket.io, proving the scenarios themselves right; and the
# Admin UI scenarios against Node's socket.io with @socket.io/admin-ui.
run_node_suite "tests/js scenarios against the Node reference server" run-all.mjs
run_node_suite "tests/js/admin scenarios against Node's @socket.io/admin-ui" admin/run-reference.mjs

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
