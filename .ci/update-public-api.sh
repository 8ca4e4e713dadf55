#!/usr/bin/env bash
# Regenerates a project's PublicAPI.Unshipped.txt from the public API analyzer's RS0016/RS0017
# diagnostics. Usage: .ci/update-public-api.sh src/TypedSocketIO
set -euo pipefail
project_dir=${1:?project folder}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
printf '#nullable enable\n' > "$unshipped"
log=$(mktemp)
dotnet build "$project_dir" --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
grep -oP "RS0016: Symbol '\K.*?(?=' is not part of the declared public API)" "$log" | sort -u >> "$unshipped" || true
rm -f "$log"
echo "$(($(wc -l < "$unshipped") - 1)) public symbols in $unshipped"
