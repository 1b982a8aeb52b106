#!/usr/bin/env bash
# Session 17, call 1: stream-K. liquid-bench --check of the stream-K kernels
# in bench/cubins/s17c1/check at M that leave whole rounds only, a partial
# round below one round (shares of 2 tiles at most), tiles beyond a round
# (whole rounds, then the shares) and partial token tiles; all M of a kernel
# in one process, so each launch finds the counters the last one reset.
# Then variants.py (the sweep's protocol) on the table's pick against
# stream-K variants per mid-band cell, two runs.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s17c1-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
C=bench/cubins/s17c1
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 240 bash scripts/gpu/check-kernels.sh $C/check 1,17,100,128,200,256,300,513,1000,1024,128 $R/check > $R/check.txt 2>&1
echo "check rc=$? $(tail -1 $R/check.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
for r in r1 r2; do
  for m in 64 128 256 512 1024; do
    timeout 120 python3 scripts/gpu/variants.py $C/var-m$m $R/var-m$m-$r.json --m $m > $R/var-m$m-$r.log 2>&1
    echo "var m$m $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
  done
done
cat $R/progress.txt $R/check.txt
python3 - $R <<'PY'
import json, sys, glob
for f in sorted(glob.glob(f"{sys.argv[1]}/var-m*-r1.json")):
    d = json.load(open(f)); d2 = json.load(open(f.replace("-r1", "-r2")))
    for c, c2 in zip(d["cells"], d2["cells"]):
        t2 = {v["kernel"]: v["us"] for v in c2["variants"]}
        print(c["n"], c["k"], c["m"], "int8 %.1f" % c["int8_us"], " | ".join(
            "%s %.1f/%.1f" % (v["kernel"].split("/")[-2] + ":" + v["kernel"].split("_g64_")[-1], v["us"], t2.get(v["kernel"], 0))
            for v in c["variants"]))
PY
tar czf $OUT/call1.tgz -C $R .
