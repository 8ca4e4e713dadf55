#!/usr/bin/env bash
# Mutation testing (Stryker.NET) of the protocol codecs and the Engine.IO framing, judged by the
# unit and property tests only (namespaces TypedSocketIO.Tests.Protocol and .Properties).
# Settings are in scripts/stryker-config.json (string mutations ignored, perTest coverage).
#
#   scripts/mutation.sh                          every configured file
#   scripts/mutation.sh PollingPayload.cs        one file (or several: a name or glob per argument)
#
# Reports land in artifacts/mutation/<timestamp>/reports (mutation-report.html and .json).
# Extra Stryker options can be passed in STRYKER_ARGS, e.g. STRYKER_ARGS="--concurrency 2".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null

mutate=()
for file in "$@"; do
  case "$file" in
    */*) mutate+=(--mutate "$file") ;;
    *) mutate+=(--mutate "**/$file") ;;
  esac
done

output="$root/artifacts/mutation/$(date -u +%Y%m%d-%H%M%S)"
# Stryker runs from the test project's folder: at the root it would find the solution and
# mutate every project of it instead.
cd tests/TypedSocketIO.Tests
# shellcheck disable=SC2086 # STRYKER_ARGS is a list of options
dotnet dotnet-stryker \
  --config-file ../../scripts/stryker-config.json \
  --output "$output" \
  --skip-version-check \
  "${mutate[@]}" ${STRYKER_ARGS:-}
cd "$root"
python3 scripts/mutation-summary.py "$output/reports/mutation-report.json"
echo "Reports: ${output#"$root"/}/reports"
