#!/usr/bin/env bash
# Session 18, call 8: call8/compile.sh's kernels (bench/cubins/s18c8) by
# variants.py per cell, two runs.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s18c8-$$; rm -rf $R; mkdir -p $R
C=bench/cubins/s18c8
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
for r in r1 r2; do
  for d in $C/m*/*; do
    m=$(basename $(dirname $d)); m=${m#m}; n=$(basename $d)
    timeout 120 python3 scripts/gpu/variants.py $d $R/m$m-$n-$r.json --m $m > $R/m$m-$n-$r.log 2>&1
  done
done
python3 - $R > $R/summary.txt <<'PY'
import json, sys, glob, os
for f in sorted(glob.glob(f"{sys.argv[1]}/*-r1.json")):
    d = json.load(open(f)); f2 = f.replace("-r1", "-r2")
    d2 = json.load(open(f2)) if os.path.exists(f2) else {"cells": [{"variants": []}] * len(d["cells"])}
    for c, c2 in zip(d["cells"], d2["cells"]):
        t2 = {v["kernel"]: v["us"] for v in c2["variants"]}
        vs = sorted(c["variants"], key=lambda v: v["kernel"])
        print("%dx%d M=%d" % (c["n"], c["k"], c["m"]), " | ".join("%s %.1f/%.1f" % (v["kernel"].split("/")[-2] + ":" + v["kernel"].split("/")[-1].split("_xor_")[1], v["us"], t2.get(v["kernel"], 0)) for v in sorted(vs, key=lambda v: v["us"])), "| int8 %.1f" % c["int8_us"])
PY
cat $R/summary.txt
tar czf $OUT/call8.tgz -C $R .
