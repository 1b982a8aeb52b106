#!/usr/bin/env bash
# Session 17, call 6: the review's stream-K kernels (the shares' values no
# longer select a whole tile's, which runs its own version). Kernels
# compiled here: call1/compile.sh's check set into bench/cubins/s17c1, and
# the table's 10240 x 8192 picks at M = 128 and 256 (xor, offset) by the
# reviewed compiler (new/) and by 7af5415 (old/). liquid-bench --check of
# all, then variants.py old against new, two runs.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s17c6-$$; rm -rf $R; mkdir -p $R
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 200 bash scripts/gpu/check-kernels.sh bench/cubins/s17c1/check 1,17,100,128,200,256,300,513,1000,1024,128 $R/check > $R/check.txt 2>&1
echo "check rc=$? $(tail -1 $R/check.txt)" >> $R/progress.txt
for d in bench/cubins/s17c6/new/*; do
  timeout 60 bash scripts/gpu/check-kernels.sh $d 1,17,100,127,128,129,200,256 $R/check-picks-$(basename $d) >> $R/check-picks.txt 2>&1
done
echo "picks $(grep -c PASS $R/check-picks.txt) pass $(grep -c FAIL $R/check-picks.txt) fail" >> $R/progress.txt
for r in r1 r2; do
  for m in 128 256; do
    timeout 60 python3 scripts/gpu/variants.py bench/cubins/s17c6 $R/ab-m$m-$r.json --m $m > $R/ab-m$m-$r.log 2>&1
  done
done
python3 - $R >> $R/progress.txt <<'PY'
import json, sys, glob
for f in sorted(glob.glob(f"{sys.argv[1]}/ab-m*-r*.json")):
    for c in json.load(open(f))["cells"]:
        print(f.split("/")[-1], c["m"], " | ".join("%s %.1f" % ("/".join(v["kernel"].split("/")[-3:-1]), v["us"]) for v in c["variants"]))
PY
cat $R/progress.txt $R/check.txt
tar czf $OUT/call6.tgz -C $R .
