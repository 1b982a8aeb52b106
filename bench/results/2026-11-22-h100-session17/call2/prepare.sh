#!/usr/bin/env bash
# Session 17, call 2 (run here): from call 1's kernels, per cell the table's
# pick, the stream-K kernel, and the stream-K kernel with launch.stream_k
# removed from its manifest ("skdp"): the runtime then launches the tile
# grid, which the kernel runs as whole tiles only (each share of the partial
# round is one whole tile): the stream-K code's cost without any shared tile.
set -eu
cd "$(dirname "$0")/../../../.."
S=bench/cubins/s17c1; C=bench/cubins/s17c2; rm -rf $C
cell() { # M SHAPE VARIANT
  mkdir -p $C/m$1/$2/table $C/m$1/$2/sk $C/m$1/$2/skdp
  cp $S/var-m$1/$2/table/* $C/m$1/$2/table/
  cp $S/var-m$1/$2/$3/* $C/m$1/$2/sk/
  cp $S/var-m$1/$2/$3/* $C/m$1/$2/skdp/
  for f in $C/m$1/$2/skdp/*.json; do
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); del d['launch']['stream_k']; json.dump(d, open(sys.argv[1],'w'), indent=2)" $f
  done
}
cell 128 12288x4096 t128c2cl2
cell 128 57344x8192 t128c4cl1
cell 128 10240x8192 t128c2cl1
cell 256 8192x8192 t256c2cl2
cell 1024 10240x8192 t256c2cl2
find $C -name '*.json' | wc -l
