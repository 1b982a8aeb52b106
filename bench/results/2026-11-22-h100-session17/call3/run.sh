#!/usr/bin/env bash
# Session 17, call 3: call 1 and 2 again with the stream-K kernels rebuilt
# (32-bit share arithmetic, one thread's release per partial):
# call1/compile.sh then call2/prepare.sh, run here; on the GPU machine the
# checks, the mid-band variants and the table / sk / skdp cells, two runs.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s17c3-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 240 bash scripts/gpu/check-kernels.sh bench/cubins/s17c1/check 1,17,100,128,200,256,300,513,1000,1024,128 $R/check > $R/check.txt 2>&1
echo "check rc=$? $(tail -1 $R/check.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
for r in r1 r2; do
  for m in 64 128 256 512 1024; do
    timeout 120 python3 scripts/gpu/variants.py bench/cubins/s17c1/var-m$m $R/var-m$m-$r.json --m $m > $R/var-m$m-$r.log 2>&1
    echo "var m$m $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
  done
  for m in 128 256 1024; do
    timeout 120 python3 scripts/gpu/variants.py bench/cubins/s17c2/m$m $R/dp-m$m-$r.json --m $m > $R/dp-m$m-$r.log 2>&1
    echo "dp m$m $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
  done
done
python3 - $R > $R/summary.txt <<'PY'
import json, sys, glob
for f in sorted(glob.glob(f"{sys.argv[1]}/*-m*-r1.json")):
    d = json.load(open(f)); d2 = json.load(open(f.replace("-r1", "-r2")))
    for c, c2 in zip(d["cells"], d2["cells"]):
        t2 = {v["kernel"]: v["us"] for v in c2["variants"]}
        print(f.split("/")[-1][:2], c["n"], c["k"], c["m"], "int8 %.1f" % c["int8_us"], " | ".join(
            "%s %.1f/%.1f" % (v["kernel"].split("/")[-2], v["us"], t2.get(v["kernel"], 0)) for v in c["variants"]))
PY
cat $R/progress.txt $R/check.txt $R/summary.txt
tar czf $OUT/call3.tgz -C $R .
