#!/usr/bin/env bash
# Session 14, call 3: where one consumer's 256-token blocks wait (ncu stall
# sampling per SASS instruction), against two consumers': gate_up and 8192^2
# at M = 256 (kernels of call 2's bench/cubins/cl4).
set -u
cd "$(dirname "$0")/../.."
R=/tmp/s14c3; mkdir -p $R/raw
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
B=$PWD/build-gpu/bin/liquid-bench
for k in m256/22016x4096/liquid_w4a8_n22016_k4096_g64_xor_t256_c1_s8_cl2 \
         m256/22016x4096/liquid_w4a8_n22016_k4096_g64_xor_t256_c2_s8_cl2 \
         m256/8192x8192/liquid_w4a8_n8192_k8192_g64_xor_t256_c1_s8_cl2; do
  name=$(basename $k)
  timeout 150 ncu --section SpeedOfLight --section MemoryWorkloadAnalysis --section WarpStateStats \
      --section SourceCounters --section ComputeWorkloadAnalysis -k regex:liquid -c 1 -o $R/raw/$name -f \
      $B --manifest bench/cubins/cl4/$k.json --m 256 --time --iters 3 --peers none > $R/raw/$name.log 2>&1
  ncu -i $R/raw/$name.ncu-rep --page source --csv --print-source sass > $R/raw/$name-source.csv 2>/dev/null
  python3 scripts/gpu/ncu_top.py $R/raw/$name-source.csv --top 40 > $R/$name-top.txt 2>&1
  ncu -i $R/raw/$name.ncu-rep --page details --csv > $R/raw/$name-details.csv 2>/dev/null
  gzip -f $R/raw/$name-source.csv
  tar czf $OUT/call3.tgz -C $R .
done
