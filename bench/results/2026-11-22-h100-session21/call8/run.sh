#!/usr/bin/env bash
# Session 21, call 8: ncu (clocks left alone) of compile.sh's three kernels
# at M = 256: speed of light, memory and compute workload (L2 and DRAM
# bytes, tensor pipe), one launch each after two warm-up calls.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s21c8-$$; rm -rf $R; mkdir -p $R/raw
C=bench/cubins/s21c8; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
B=$PWD/build-gpu/bin/liquid-bench
for d in $C/*/; do
  name=$(basename $d); man=$(ls $d/*.json)
  timeout 150 ncu --clock-control none --section SpeedOfLight --section MemoryWorkloadAnalysis \
      --section ComputeWorkloadAnalysis \
      -k regex:liquid -s 2 -c 1 -o $R/raw/$name -f \
      $B --manifest $man --m 256 --time --iters 3 --peers none > $R/raw/$name.log 2>&1
  ncu -i $R/raw/$name.ncu-rep --page details --csv > $R/$name-details.csv 2>/dev/null
  ncu -i $R/raw/$name.ncu-rep --page raw --csv > $R/$name-raw.csv 2>/dev/null
  rm -f $R/raw/$name.ncu-rep
  echo "ncu $name t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt
for f in $R/*-details.csv; do echo "== $f"; grep -E '"(Duration|DRAM Throughput|L2 Cache Throughput|L1/TEX Cache Throughput|Compute \(SM\) Throughput|Memory Throughput|SM Frequency)"' $f | awk -F'","' '{print $(NF-2), $NF}' | head -12; done
python3 - $R <<'PY'
import csv, glob, sys
keys = ("gpu__time_duration.sum", "lts__t_bytes.sum", "lts__t_bytes.sum.per_second",
        "dram__bytes_read.sum", "dram__bytes_write.sum", "sm__cycles_elapsed.avg.per_second",
        "pipe_tensor", "lts__throughput.avg.pct_of_peak_sustained_elapsed")
for f in sorted(glob.glob(sys.argv[1] + "/*-raw.csv")):
    rows = list(csv.reader(open(f)))
    if len(rows) < 3:
        print(f, "no data"); continue
    names, units, values = rows[0], rows[1], rows[2]
    print("==", f.split("/")[-1])
    for n, u, v in zip(names, units, values):
        if any(k in n for k in keys):
            print("  ", n, v, u)
PY
tar czf $OUT/call8.tgz -C $R .
