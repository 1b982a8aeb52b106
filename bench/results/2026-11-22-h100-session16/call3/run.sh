#!/usr/bin/env bash
# Session 16, call 3: why the cluster reduction of call 2 is slow. Variants
# of the same configs (bench/cubins/s16b/mM/): old (7b068b6, workspace), new
# (cluster reduction), h1 (cluster launch shape (., 1, split_k) but the
# workspace reduction: the scheduling alone), h2 (cluster reduction without
# the cluster-scope fences: not a correct kernel, timing only). h1 and h2
# were built from local experiment switches (LIQUID_EXPERIMENT_CLUSTER_ONLY,
# LIQUID_EXPERIMENT_NO_FENCE) that were never committed. occupancy.py: the
# clusters the GPU holds at once.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c3-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
D=bench/cubins/s16b
python3 bench/results/2026-11-22-h100-session16/call3/occupancy.py $D/m1/*/*.json $D/m16/*/*.json $D/m64/*/*.json $D/m256/*/*.json > $R/occupancy.txt 2>&1
echo "occ rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
for m in 1 16 64 256; do
  timeout 150 python3 scripts/gpu/variants.py $D/m$m $R/var-m$m.json --m $m > $R/var-m$m.log 2>&1
  echo "var m$m rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt $R/occupancy.txt $R/var-m*.log
tar czf $OUT/call3.tgz -C $R .
