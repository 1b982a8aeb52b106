#!/usr/bin/env bash
# On the GPU machine: runs liquid-bench's checked launch of MANIFEST under
# compute-sanitizer's memcheck, racecheck and synccheck for token count M.
#   sanitize.sh MANIFEST M OUTDIR
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MANIFEST="$1"; M="$2"; OUTDIR="$3"
SANITIZER="$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)"
name="$(basename "$MANIFEST" .json)"
mkdir -p "$OUTDIR"
status=0
for tool in memcheck racecheck synccheck; do
  log="$OUTDIR/$name.m$M.$tool.log"
  "$SANITIZER" --tool "$tool" --error-exitcode 3 \
    "$ROOT/build-gpu/bin/liquid-bench" --manifest "$MANIFEST" --check \
    --m "$M" > "$log" 2>&1
  rc=$?
  echo "$tool $name M=$M exit=$rc: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' "$log" | tail -1)"
  [ "$rc" -eq 0 ] || status=1
done
exit $status
