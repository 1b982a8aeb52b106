#!/usr/bin/env bash
# On the GPU machine: checks every kernel manifest under DIR with liquid-bench
# (output poisoned before each run, compared with the CPU reference) for the
# token counts M_LIST, writing one JSON per kernel into OUTDIR.
#   check-kernels.sh DIR M_LIST OUTDIR
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$1"; MS="$2"; OUTDIR="$3"; shift 3
mkdir -p "$OUTDIR"
pass=0; fail=0
for manifest in "$DIR"/*.json; do
  name="$(basename "$manifest" .json)"
  if "$ROOT/build-gpu/bin/liquid-bench" --manifest "$manifest" --check \
       --m "$MS" --json "$OUTDIR/$name.json" "$@" > "$OUTDIR/$name.log" 2>&1; then
    pass=$((pass + 1)); echo "PASS $name"
  else
    fail=$((fail + 1)); echo "FAIL $name"; tail -5 "$OUTDIR/$name.log"
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
