#!/usr/bin/env bash
# Session 18, call 5: call5/compile.sh's kernels (bench/cubins/s18c5).
# liquid-bench --check of the stream-K check set and the new picks; then
# variants.py per M, old against new (two runs).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s18c5-$$; rm -rf $R; mkdir -p $R
C=bench/cubins/s18c5; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 150 bash scripts/gpu/check-kernels.sh $C/check 1,17,100,128,200,256,300,513,1000,1024,128 $R/check > $R/check.txt 2>&1
timeout 100 bash scripts/gpu/check-kernels.sh $C/picks 1,17,100,200,256 $R/check-picks > $R/check-picks.txt 2>&1
timeout 60 bash scripts/gpu/check-kernels.sh $C/picks64 1,17,33,64 $R/check-picks64 > $R/check-picks64.txt 2>&1
echo "check $(tail -1 $R/check.txt) | picks $(tail -1 $R/check-picks.txt) | picks64 $(tail -1 $R/check-picks64.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
for r in r1 r2; do
  for d in $C/ab-m*; do
    m=${d##*-m}
    timeout 150 python3 scripts/gpu/variants.py $d $R/ab-m$m-$r.json --m $m > $R/ab-m$m-$r.log 2>&1
  done
  echo "$r t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
python3 - $R > $R/summary.txt <<'PY'
import json, sys, glob, os, math
per_m = {}
for f in sorted(glob.glob(f"{sys.argv[1]}/ab-m*-r1.json")):
    d = json.load(open(f)); f2 = f.replace("-r1", "-r2")
    d2 = json.load(open(f2)) if os.path.exists(f2) else {"cells": []}
    t2 = {(c["n"], c["k"], c["m"]): {v["kernel"].split("/")[-2]: v["us"] for v in c["variants"]} for c in d2["cells"]}
    for c in d["cells"]:
        t = {v["kernel"].split("/")[-2]: v["us"] for v in c["variants"]}
        u = t2.get((c["n"], c["k"], c["m"]), {})
        cfg = [v["config"] for v in c["variants"]][0]
        print("%dx%d M=%d old %.1f/%.1f new %.1f/%.1f ratio %.3f int8 %.1f %s" % (c["n"], c["k"], c["m"], t["old"], u.get("old", 0), t["new"], u.get("new", 0), t["new"] / t["old"], c["int8_us"], cfg))
        per_m.setdefault(c["m"], []).append(t["new"] / t["old"])
for m, r in sorted(per_m.items()):
    print("M=%d geomean new/old %.3f (%.3f - %.3f)" % (m, math.exp(sum(map(math.log, r)) / len(r)), min(r), max(r)))
PY
cat $R/progress.txt $R/summary.txt; grep -h FAIL -A3 $R/check*.txt | head -20
tar czf $OUT/call5.tgz -C $R .
