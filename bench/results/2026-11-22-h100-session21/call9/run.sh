#!/usr/bin/env bash
# Session 21, call 9: compile.sh's kernels (bench/cubins/s21c9), each pick
# and its 10- and 11-stage versions per M in one process, twice.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s21c9-$$; rm -rf $R; mkdir -p $R
C=bench/cubins/s21c9; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
for r in r1 r2; do
  for d in $C/m*; do
    m=${d##*/m}
    timeout 100 python3 scripts/gpu/variants.py $d $R/var-m$m-$r.json --m $m > $R/var-m$m-$r.log 2>&1
  done
  echo "timing $r t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
python3 - $R > $R/summary.txt <<'PY'
import json, sys, glob
R = sys.argv[1]
for f in sorted(glob.glob(f"{R}/var-*-r1.json")):
    d1 = json.load(open(f)); d2 = json.load(open(f.replace("-r1", "-r2")))
    for c1, c2 in zip(d1["cells"], d2["cells"]):
        t2 = {v["kernel"]: v["us"] for v in c2["variants"]}
        print("%dx%d M=%d int8 %.1f/%.1f" % (c1["n"], c1["k"], c1["m"], c1["int8_us"], c2["int8_us"]))
        for v in sorted(c1["variants"], key=lambda v: v["kernel"]):
            print("   %7.1f %7.1f  %s" % (v["us"], t2.get(v["kernel"], 0), v["kernel"]))
PY
cat $R/progress.txt $R/summary.txt
tar czf $OUT/call9.tgz -C $R .
