#!/usr/bin/env bash
# Session 15, call 3: which launches of call 2 deadlock. 300 timed launches
# per kernel and M under a 20 s limit: the new kernels with the split tail
# (new/), the same cubins launched on the tile grid (tile/), session 14's
# kernels (old/), at the M where call 2 stopped (22016 and 12288 t128 at
# M = 256, 12288 t256 at M = 384) and at M = 384 on 57344 / 10240.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s15c3-$$; rm -rf $R; mkdir -p $R/log
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
T=bench/cubins/tail
B=build-gpu/bin/liquid-bench
run() { # dir shape kernel m
  local log=$R/log/$1-$3-m$4.log
  timeout 20 $B --manifest $T/$1/$2/$3.json --m $4 --time --iters 300 --peers none > $log 2>&1
  echo "$1 $3 M=$4 rc=$? $(grep -E '^ +[0-9]+ ' $log | awk '{print $6}')" >> $R/runs.txt
}
for d in tile old new; do
  run $d 22016x4096 liquid_w4a8_n22016_k4096_g64_xor_t256_c2_s8_cl2 256
  run $d 12288x4096 liquid_w4a8_n12288_k4096_g64_xor_t128_c2_s16_cl2 256
  run $d 12288x4096 liquid_w4a8_n12288_k4096_g64_xor_t256_c2_s8_cl2 384
  run $d 57344x8192 liquid_w4a8_n57344_k8192_g64_xor_t256_c2_s8_cl2 384
  run $d 10240x8192 liquid_w4a8_n10240_k8192_g64_xor_t256_c2_s8_cl2 384
  tar czf $OUT/call3.tgz -C $R .
done
for d in tile old new; do
  run $d 22016x4096 liquid_w4a8_n22016_k4096_g64_xor_t256_c2_s8_cl2 256
done
tar czf $OUT/call3.tgz -C $R .
