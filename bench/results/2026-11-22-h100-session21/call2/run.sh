#!/usr/bin/env bash
# Session 21, call 2: compile.sh's kernels (bench/cubins/s21c2), each config
# with and without a cluster of two, timed in one variants.py process at
# M = 32 - 256 (the token tiles the table considers at each M).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s21c2-$$; rm -rf $R; mkdir -p $R
C=bench/cubins/s21c2; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 540 python3 scripts/gpu/variants.py $C $R/var-r1.json --m 32,64,128,256 --table-tiles > $R/var-r1.log 2>&1
echo "variants rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
python3 - $R/var-r1.json > $R/pairs.txt <<'PY'
import json, sys, math
from collections import defaultdict
d = json.load(open(sys.argv[1]))
groups = defaultdict(list)
for c in d["cells"]:
    t = {}
    for v in c["variants"]:
        t[(v["kernel"].split("/")[-1].replace("_cl2", ""), v["config"]["cluster"])] = v["us"]
    for (name, cl), us in t.items():
        if cl == 2 and (name, 1) in t:
            cfg = name.split("_xor_")[1]
            key = (c["n"], c["k"], c["m"], cfg.split("_")[0] + "_" + cfg.split("_")[1])
            groups[key].append((us / t[(name, 1)], cfg, t[(name, 1)], us))
for key in sorted(groups):
    r = groups[key]
    g = math.exp(sum(math.log(x[0]) for x in r) / len(r))
    best1 = min(r, key=lambda x: x[2]); best2 = min(r, key=lambda x: x[3])
    print("%5dx%-5d M=%-3d %-7s cl2/cl1 geomean %.3f  best cl1 %.1f (%s)  best cl2 %.1f (%s)" % (
        key[0], key[1], key[2], key[3], g, best1[2], best1[1], best2[3], best2[1]))
PY
cat $R/progress.txt $R/pairs.txt
tar czf $OUT/call2.tgz -C $R .
