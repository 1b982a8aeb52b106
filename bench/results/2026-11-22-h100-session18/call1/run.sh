#!/usr/bin/env bash
# Session 18, call 1: kernels of call1/compile.sh (bench/cubins/s18c1).
# liquid-bench --check of the stream-K check set and of the changed split-K
# picks; then variants.py per directory (two runs): stream-K by the new
# compiler (skN) against b86d806's (skO) and the table's pick; split-K picks
# old against new.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s18c1-$$; rm -rf $R; mkdir -p $R
C=bench/cubins/s18c1
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 200 bash scripts/gpu/check-kernels.sh $C/check 1,17,100,128,200,256,300,513,1000,1024,128 $R/check > $R/check.txt 2>&1
echo "check rc=$? $(tail -1 $R/check.txt)" >> $R/progress.txt
for d in $C/dec-m*/*/new; do
  m=${d#$C/dec-m}; m=${m%%/*}
  ms=$(python3 -c "import sys; m=int(sys.argv[1]); print(','.join(str(x) for x in sorted({1, max(1, m // 2 + 1), m})))" $m)
  timeout 60 bash scripts/gpu/check-kernels.sh $d $ms $R/check-dec >> $R/check-dec.txt 2>&1
done
echo "dec picks $(grep -c PASS $R/check-dec.txt) pass $(grep -c FAIL $R/check-dec.txt) fail" >> $R/progress.txt
for r in r1 r2; do
  for d in $C/var-m* $C/dec-m*; do
    m=${d##*-m}; n=$(basename $d)
    timeout 120 python3 scripts/gpu/variants.py $d $R/$n-$r.json --m $m > $R/$n-$r.log 2>&1
  done
done
python3 - $R > $R/summary.txt <<'PY'
import json, sys, glob
for f in sorted(glob.glob(f"{sys.argv[1]}/*-r*.json")):
    for c in json.load(open(f))["cells"]:
        print(f.split("/")[-1], "%dx%d" % (c["n"], c["k"]), c["m"], " | ".join("%s %.1f" % (v["kernel"].split("/")[-2], v["us"]) for v in c["variants"]), "| int8 %.1f" % c["int8_us"])
PY
cat $R/progress.txt $R/summary.txt
tar czf $OUT/call1.tgz -C $R .
