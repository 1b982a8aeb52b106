#!/usr/bin/env bash
# Session 16, call 9: activation boxes of at most 64 tokens (a block copies
# its share of the tile as several boxes and leaves out those wholly past M)
# against c9ff8d9 (one box per block, skipped only when wholly past M).
# Kernels in bench/cubins/s16g: t256 cluster-2 picks of five shapes (one in
# offset mode), t256 without cluster, t128 with four consumers (two shapes)
# and t128 cluster-2 (one box either way: the control). liquid-bench
# --check of the new kernels first, then variants.py at full and partial M,
# two passes.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c9-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
D=bench/cubins/s16g
for d in t256/new:257,320,384,400,449,512 t256/new-cl1:257,320,449,512 t128/new:65,100,130,192,200,256 t128/new-cl2:130,192,200,256; do
  name=$(echo ${d%:*} | tr / -)
  timeout 150 bash scripts/gpu/check-kernels.sh $D/${d%:*} ${d#*:} $R/check-$name > $R/check-$name.txt 2>&1
  echo "check $name rc=$? $(tail -1 $R/check-$name.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
for r in r1 r2; do
  timeout 150 python3 scripts/gpu/variants.py $D/t256 $R/var256-$r.json --m 320,384,448,512 > $R/var256-$r.log 2>&1
  echo "var256 $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
  timeout 100 python3 scripts/gpu/variants.py $D/t128 $R/var128-$r.json --m 192,200,256 > $R/var128-$r.log 2>&1
  echo "var128 $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt $R/var*-r*.log
tar czf $OUT/call9.tgz -C $R .
