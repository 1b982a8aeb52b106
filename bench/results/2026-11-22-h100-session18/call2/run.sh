#!/usr/bin/env bash
# Session 18, call 2: call2/compile.sh's kernels (bench/cubins/s18c2), timed
# by variants.py per cell (two runs): base against nomma / nocopy / nodeq.
# Then ncu (one launch, clocks not locked) of three base kernels.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s18c2-$$; rm -rf $R; mkdir -p $R/raw
C=bench/cubins/s18c2; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
for r in r1 r2; do
  for d in $C/m*/*; do
    m=$(basename $(dirname $d)); m=${m#m}; n=$(basename $d)
    timeout 120 python3 scripts/gpu/variants.py $d $R/m$m-$n-$r.json --m $m > $R/m$m-$n-$r.log 2>&1
  done
done
echo "variants t=$(( $(date +%s) - start ))" >> $R/progress.txt
python3 - $R > $R/summary.txt <<'PY'
import json, sys, glob
for f in sorted(glob.glob(f"{sys.argv[1]}/m*-r1.json")):
    d = json.load(open(f)); d2 = json.load(open(f.replace("-r1", "-r2")))
    for c, c2 in zip(d["cells"], d2["cells"]):
        t2 = {v["kernel"]: v["us"] for v in c2["variants"]}
        vs = sorted(c["variants"], key=lambda v: v["kernel"])
        print("%dx%d M=%d" % (c["n"], c["k"], c["m"]), " | ".join("%s %.1f/%.1f" % (v["kernel"].split("/")[-2], v["us"], t2.get(v["kernel"], 0)) for v in vs), "| int8 %.1f" % c["int8_us"])
PY
B=$PWD/build-gpu/bin/liquid-bench
for k in m256/4096x4096/table-base m128/4096x4096/sk-base m256/22016x4096/table-base; do
  man=$(ls $C/$k/*.json); name=$(echo $k | tr / -); m=${k%%/*}; m=${m#m}
  timeout 100 ncu --clock-control none --section SpeedOfLight --section MemoryWorkloadAnalysis --section WarpStateStats \
      --section SourceCounters --section LaunchStats --section Occupancy -k regex:liquid -c 1 -o $R/raw/$name -f \
      $B --manifest $man --m $m --time --iters 3 --peers none > $R/raw/$name.log 2>&1
  ncu -i $R/raw/$name.ncu-rep --page source --csv --print-source sass > $R/raw/$name-source.csv 2>/dev/null
  python3 scripts/gpu/ncu_top.py $R/raw/$name-source.csv --top 25 > $R/$name-top.txt 2>&1
  ncu -i $R/raw/$name.ncu-rep --page details --csv > $R/raw/$name-details.csv 2>/dev/null
  gzip -f $R/raw/$name-source.csv; rm -f $R/raw/$name.ncu-rep
  echo "ncu $name t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt $R/summary.txt
for f in $R/*-top.txt; do echo "== $f"; head -14 $f; done
for f in $R/raw/*-details.csv; do echo "== $f"; grep -E '"(Duration|DRAM Throughput|L2 Cache Throughput|L1/TEX Cache Throughput|Compute \(SM\) Throughput|Memory Throughput|Achieved Occupancy|L2 Hit Rate)"' $f | awk -F'","' '{print $(NF-2), $NF}' | head -14; done
tar czf $OUT/call2.tgz -C $R .
