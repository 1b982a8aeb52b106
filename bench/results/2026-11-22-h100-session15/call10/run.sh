#!/usr/bin/env bash
# Session 15, call 10: why a partial last token tile is slow (call 4).
# ncu on session 14's 12288 x 4096 t256 c2 cluster-2 kernel at M = 384
# (second token tile half full: one block of each cluster multicasts rows
# wholly past M) and M = 512: speed of light, memory, warp states and the
# stall samples per SASS instruction (scripts/gpu/ncu_top.py).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s15c10-$$; rm -rf $R; mkdir -p $R/raw
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
B=$PWD/build-gpu/bin/liquid-bench
man=bench/cubins/tail/old/12288x4096/liquid_w4a8_n12288_k4096_g64_xor_t256_c2_s8_cl2.json
for m in 384 512; do
  name=m$m
  timeout 150 ncu --section SpeedOfLight --section MemoryWorkloadAnalysis --section WarpStateStats \
      --section SourceCounters -k regex:liquid -c 1 -o $R/raw/$name -f \
      $B --manifest $man --m $m --time --iters 3 --peers none > $R/raw/$name.log 2>&1
  ncu -i $R/raw/$name.ncu-rep --page source --csv --print-source sass > $R/raw/$name-source.csv 2>/dev/null
  python3 scripts/gpu/ncu_top.py $R/raw/$name-source.csv --top 30 > $R/$name-top.txt 2>&1
  ncu -i $R/raw/$name.ncu-rep --page details --csv > $R/raw/$name-details.csv 2>/dev/null
  gzip -f $R/raw/$name-source.csv; rm -f $R/raw/$name.ncu-rep
  tar czf $OUT/call10.tgz -C $R .
done
