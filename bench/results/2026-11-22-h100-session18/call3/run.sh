#!/usr/bin/env bash
# Session 18, call 3: call3/compile.sh's kernels (bench/cubins/s18c3) by
# variants.py per cell, two runs; call 2's base and nomma kernels
# (bench/cubins/s18c2) again with variants.py --clean (the flush's dirty
# lines evicted before each call); ncu of 12288 x 4096 at M = 256, the
# table's pick against stream-K (bench/cubins/s18c1).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s18c3-$$; rm -rf $R; mkdir -p $R/raw
C=bench/cubins/s18c3; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
cells() { # DIR PREFIX [variants.py flags]
  local base=$1 p=$2; shift 2
  for r in r1 r2; do
    for d in $base/m*/*; do
      m=$(basename $(dirname $d)); m=${m#m}; n=$(basename $d)
      timeout 120 python3 scripts/gpu/variants.py $d $R/$p-m$m-$n-$r.json --m $m "$@" > $R/$p-m$m-$n-$r.log 2>&1
    done
  done
}
cells $C copies
echo "copies t=$(( $(date +%s) - start ))" >> $R/progress.txt
mkdir -p /tmp/clean; rm -rf /tmp/clean/*
for c in m1/4096x4096 m128/4096x4096 m128/10240x8192 m256/8192x8192 m256/22016x4096; do
  mkdir -p /tmp/clean/$c; cp -r bench/cubins/s18c2/$c/table-base bench/cubins/s18c2/$c/table-nomma /tmp/clean/$c/
done
cells /tmp/clean clean --clean
echo "clean t=$(( $(date +%s) - start ))" >> $R/progress.txt
python3 - $R > $R/summary.txt <<'PY'
import json, sys, glob
for f in sorted(glob.glob(f"{sys.argv[1]}/*-r1.json")):
    d = json.load(open(f)); d2 = json.load(open(f.replace("-r1", "-r2")))
    for c, c2 in zip(d["cells"], d2["cells"]):
        t2 = {v["kernel"]: v["us"] for v in c2["variants"]}
        vs = sorted(c["variants"], key=lambda v: v["kernel"])
        print(f.split("/")[-1].split("-m")[0], "%dx%d M=%d" % (c["n"], c["k"], c["m"]), " | ".join("%s %.1f/%.1f" % (v["kernel"].split("/")[-2], v["us"], t2.get(v["kernel"], 0)) for v in vs), "| int8 %.1f" % c["int8_us"])
PY
B=$PWD/build-gpu/bin/liquid-bench
for k in table skN-t256c2cl2; do
  man=$(ls bench/cubins/s18c1/var-m256/12288x4096/$k/*.json); name=m256-12288x4096-$k
  timeout 100 ncu --clock-control none --section SpeedOfLight --section MemoryWorkloadAnalysis --section WarpStateStats \
      --section SourceCounters --section LaunchStats --section Occupancy -k regex:liquid -c 1 -o $R/raw/$name -f \
      $B --manifest $man --m 256 --time --iters 3 --peers none > $R/raw/$name.log 2>&1
  ncu -i $R/raw/$name.ncu-rep --page source --csv --print-source sass > $R/raw/$name-source.csv 2>/dev/null
  python3 scripts/gpu/ncu_top.py $R/raw/$name-source.csv --top 25 > $R/$name-top.txt 2>&1
  ncu -i $R/raw/$name.ncu-rep --page details --csv > $R/raw/$name-details.csv 2>/dev/null
  gzip -f $R/raw/$name-source.csv; rm -f $R/raw/$name.ncu-rep
  echo "ncu $name t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt $R/summary.txt
for f in $R/*-top.txt; do echo "== $f"; head -16 $f; done
for f in $R/raw/*-details.csv; do echo "== $f"; grep -E '"(Duration|DRAM Throughput|L2 Cache Throughput|L1/TEX Cache Throughput|Compute \(SM\) Throughput|Achieved Occupancy|L2 Hit Rate)"' $f | awk -F'","' '{print $(NF-2), $NF}' | head -14; done
tar czf $OUT/call3.tgz -C $R .
