#!/usr/bin/env bash
# On the GPU machine: times every kernel under DIR/m<band>/ against the cuBLAS
# peers for the token counts of its band, writing liquid-bench JSON to OUTDIR.
#   bench-bands.sh DIR OUTDIR
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$1"; OUTDIR="$2"
declare -A MS=([16]="1,4,16" [64]="32,64,128" [256]="256,512,1024,4096")
mkdir -p "$OUTDIR"
for band in 16 64 256; do
  for manifest in "$DIR/m$band"/*.json; do
    name="$(basename "$manifest" .json)"
    "$ROOT/build-gpu/bin/liquid-bench" --manifest "$manifest" --time \
      --m "${MS[$band]}" --json "$OUTDIR/m$band.$name.json" \
      > "$OUTDIR/m$band.$name.log" 2>&1 || echo "FAILED $name (band $band)"
    tail -n +3 "$OUTDIR/m$band.$name.log"
  done
done
