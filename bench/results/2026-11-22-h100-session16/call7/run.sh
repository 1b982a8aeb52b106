#!/usr/bin/env bash
# Session 16, call 7: the partial last token tile. With a cluster, the
# working tree no longer copies an activation slice that lies wholly past M
# (each stage expects that many bytes fewer); b81322e (old*/) copies it and
# TMA zero-fills it. Kernels in bench/cubins/s16e: t256 cluster-2 picks of
# three shapes (+ one offset-mode kernel), a t128 cluster-2 kernel, and a
# t256 kernel without cluster (identical old and new: the control). First
# liquid-bench --check of the new kernels at M where slices are skipped,
# then variants.py (the sweep's protocol) at partial and full M, then
# liquid-bench's own protocol on 57344 x 8192 with M repeated out of order
# (does the time drift within a process?).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c7-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
D=bench/cubins/s16e
timeout 150 bash scripts/gpu/check-kernels.sh $D/t256/new 257,320,384,400,449,512 $R/check-new > $R/check-new.txt 2>&1
echo "check new rc=$? $(tail -1 $R/check-new.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
timeout 60 bash scripts/gpu/check-kernels.sh $D/t128/new 130,192,200,256 $R/check-t128 > $R/check-t128.txt 2>&1
echo "check t128 rc=$? $(tail -1 $R/check-t128.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
for r in r1 r2; do
  timeout 150 python3 scripts/gpu/variants.py $D/t256 $R/var-$r.json --m 320,384,448,512 > $R/var-$r.log 2>&1
  echo "var $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
  timeout 60 python3 scripts/gpu/variants.py $D/t128 $R/var128-$r.json --m 192,256 > $R/var128-$r.log 2>&1
  echo "var128 $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
for v in old new; do
  timeout 60 build-gpu/bin/liquid-bench --manifest $D/t256/$v/liquid_w4a8_n57344_k8192_g64_xor_t256_c2_s8_cl2.json --m 512,384,320,448,512,384,320 --time --iters 50 --peers none --json $R/bench-$v.json > $R/bench-$v.log 2>&1
  echo "bench $v rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt $R/var-r*.log $R/var128-r*.log
python3 - $R <<'PY'
import json, sys
for v in ("old", "new"):
    d = json.load(open(f"{sys.argv[1]}/bench-{v}.json"))
    print(v, " ".join(f"M={r['m']}:{r['liquid']['us']:.1f}" for r in d["results"]))
PY
tar czf $OUT/call7.tgz -C $R .
