#!/usr/bin/env bash
# Mutation testing (Stryker.NET) of the protocol codecs and the Engine.IO framing, judged by the
# unit and property tests only (namespaces TypedSocketIO.Tests.Protocol, .EngineIO and .Properties).
# Settings are in scripts/stryker-config.json (string mutations ignored, perTest coverage).
#
#   scripts/mutation.sh                          the codecs and the framing (the list below)
#   scripts/mutation.sh PollingPayload.cs        one file (or several: a name, a path end or a glob per argument)
#
# A file named by its name alone is looked for under src/, and Stryker runs once per project
# that holds one of the files named (so the files may move between projects).
# Reports land in artifacts/mutation/<timestamp>[-<project>]/reports (mutation-report.html and .json).
# Extra Stryker options can be passed in STRYKER_ARGS, e.g. STRYKER_ARGS="--concurrency 2".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null

# The project file that holds a source file: the nearest folder above it with a .csproj.
project_of() {
  local dir
  dir=$(dirname "$1")
  while [ "$dir" != . ] && [ "$dir" != / ]; do
    local found=("$dir"/*.csproj)
    if [ -e "${found[0]}" ]; then
      basename "${found[0]}"
      return
    fi
    dir=$(dirname "$dir")
  done
  echo "no project holds $1" >&2
  exit 2
}

# Without arguments: the codecs and the framing the scores in docs/mutation-testing.md are of.
if (($# == 0)); then
  set -- ArgumentOffsets.cs PacketHeader.cs PlaceholderCheck.cs SocketIOPacketDecoder.cs EngineFrame.cs \
    PollingPayload.cs WebSocketFrames.cs WebSocketMessageReader.cs MessageBuffer.cs
fi

declare -A mutate_by_project=()
for file in "$@"; do
  case "$file" in
    */*) match=(-path "*/$file") ;;
    *) match=(-name "$file") ;;
  esac
  mapfile -t paths < <(find src "${match[@]}" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' | sort)
  if ((${#paths[@]} == 0)); then
    echo "no file under src/ matches $file" >&2
    exit 2
  fi
  for path in "${paths[@]}"; do
    project=$(project_of "$path")
    mutate_by_project[$project]+="--mutate **/${path#src/*/} "
  done
done

stamp=$(date -u +%Y%m%d-%H%M%S)
run() { # run <output folder> [stryker arguments...]
  local output=$1
  shift
  # Stryker runs from the test project's folder: at the root it would find the solution and
  # mutate every project of it instead.
  (cd tests/TypedSocketIO.Tests &&
    # shellcheck disable=SC2086 # STRYKER_ARGS is a list of options
    dotnet dotnet-stryker \
      --config-file ../../scripts/stryker-config.json \
      --output "$output" \
      --skip-version-check \
      "$@" ${STRYKER_ARGS:-})
  python3 scripts/mutation-summary.py "$output/reports/mutation-report.json"
  echo "Reports: ${output#"$root"/}/reports"
}

for project in "${!mutate_by_project[@]}"; do
  set -f # the globs are Stryker's, not the shell's
  # shellcheck disable=SC2206 # one word per option and glob, as built above
  args=(${mutate_by_project[$project]})
  set +f
  echo "== $project"
  run "$root/artifacts/mutation/$stamp-${project%.csproj}" --project "$project" "${args[@]}"
done
