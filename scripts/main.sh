#!/usr/bin/env bash
# The README's main command: installs what is missing, builds liquid, and
# compiles the bundled default example (LLaMA2-7B gate_up, W4A8, G = 64,
# dynamic M tuned for up to 256 tokens) to a Hopper cubin, then prints the
# kernel's configuration, its resource use as ptxas reports it, and the
# instruction mix of its main loop from the SASS.
#   main.sh [EXAMPLE.mlir [liquid-compile options...]]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${LIQUID_BUILD_DIR:-$ROOT/build}"
export LIQUID_BUILD_DIR="$BUILD"
EXAMPLE="${1:-$ROOT/examples/llama2-7b-gate-up.mlir}"
shift || true
OUT="$BUILD/example"

bash "$ROOT/scripts/install-deps.sh"
bash "$ROOT/scripts/build.sh" >/dev/null
export PATH="$PATH:/usr/local/cuda/bin"

rm -rf "$OUT"
echo "== liquid-compile $(basename "$EXAMPLE") =="
"$BUILD/bin/liquid-compile" "$EXAMPLE" -o "$OUT" --emit=mlir,ll,ptx "$@"

CUOBJDUMP="$(python3 - <<'PY'
import glob, os
try:
    import nvidia
    paths = list(nvidia.__path__)
except ImportError:
    paths = []
hits = [h for p in paths for h in glob.glob(os.path.join(p, "*", "bin", "cuobjdump"))]
print(hits[0] if hits else "")
PY
)"
for manifest in "$OUT"/*.json; do
  kernel="$(basename "$manifest" .json)"
  echo
  echo "== $kernel =="
  python3 - "$manifest" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
p, c, l, r = m["problem"], m["config"], m["launch"], m["resources"]
print(f"problem:   N={p['n']} K={p['k']} G={p['group_size']} mode={p['mode']} "
      f"out={p['out_type']} tuned for M<={p['m_max']}")
print(f"config:    token_tile={c['token_tile']} consumers={c['consumers']} "
      f"stages={c['stages']} split_k={c['split_k']} "
      f"blocks/SM={c['blocks_per_sm']} rows/block={c['rows_per_cta']}")
print(f"launch:    block={l['block']} grid={l['grid']} "
      f"dynamic smem={l['dynamic_shared_memory']} B")
print(f"resources: {r['registers']} registers at entry, {r['spill_bytes']} B spills, "
      f"{r['stack_bytes']} B stack, {r['static_shared_memory']} B static smem (ptxas)")
PY
  echo "files:     $(cd "$OUT" && ls "$kernel".* | tr '\n' ' ')"
  if [ -n "$CUOBJDUMP" ]; then
    mode="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['problem']['mode'])" "$manifest")"
    echo "main loop (SASS):"
    "$CUOBJDUMP" -sass "$OUT/$kernel.cubin" \
      | python3 "$ROOT/scripts/sass_mix.py" - --mode "$mode" | sed 's/^/  /'
  fi
done
