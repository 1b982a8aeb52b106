#!/usr/bin/env bash
# Session 17, call 2: is stream-K's loss its code or its shared tiles?
# variants.py on prepare.sh's table / sk / skdp kernels (two runs), then ncu
# (clocks left alone: --clock-control none) on the table's pick and the
# stream-K kernel of three cells: throughput, memory and stall sampling.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s17c2-$$; rm -rf $R; mkdir -p $R/raw
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
C=bench/cubins/s17c2
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
for r in r1 r2; do
  for m in 128 256 1024; do
    timeout 120 python3 scripts/gpu/variants.py $C/m$m $R/var-m$m-$r.json --m $m > $R/var-m$m-$r.log 2>&1
    echo "var m$m $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
  done
done
python3 - $R > $R/summary.txt <<'PY'
import json, sys, glob
for f in sorted(glob.glob(f"{sys.argv[1]}/var-m*-r1.json")):
    d = json.load(open(f)); d2 = json.load(open(f.replace("-r1", "-r2")))
    for c, c2 in zip(d["cells"], d2["cells"]):
        t2 = {v["kernel"]: v["us"] for v in c2["variants"]}
        print(c["n"], c["k"], c["m"], " | ".join("%s %.1f/%.1f" % (v["kernel"].split("/")[-2], v["us"], t2.get(v["kernel"], 0)) for v in c["variants"]))
PY
B=$PWD/build-gpu/bin/liquid-bench
for k in m128/12288x4096/table m128/12288x4096/sk m128/10240x8192/table m128/10240x8192/sk m128/57344x8192/table m128/57344x8192/sk; do
  man=$(ls $C/$k/*.json); name=$(echo $k | tr / -)
  timeout 100 ncu --clock-control none --section SpeedOfLight --section MemoryWorkloadAnalysis --section WarpStateStats \
      --section SourceCounters --section LaunchStats --section Occupancy -k regex:liquid -c 1 -o $R/raw/$name -f \
      $B --manifest $man --m 128 --time --iters 3 --peers none > $R/raw/$name.log 2>&1
  ncu -i $R/raw/$name.ncu-rep --page source --csv --print-source sass > $R/raw/$name-source.csv 2>/dev/null
  python3 scripts/gpu/ncu_top.py $R/raw/$name-source.csv --top 25 > $R/$name-top.txt 2>&1
  ncu -i $R/raw/$name.ncu-rep --page details --csv > $R/raw/$name-details.csv 2>/dev/null
  gzip -f $R/raw/$name-source.csv; rm -f $R/raw/$name.ncu-rep
  echo "ncu $name t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt $R/summary.txt
for f in $R/*-top.txt; do echo "== $f"; head -12 $f; done
for f in $R/raw/*-details.csv; do echo "== $f"; grep -E '"(Duration|DRAM Throughput|L2 Cache Throughput|Compute \(SM\) Throughput|Memory Throughput|Registers Per Thread|Achieved Occupancy)"' $f | awk -F'","' '{print $(NF-2), $NF}' | head -12; done
tar czf $OUT/call2.tgz -C $R .
