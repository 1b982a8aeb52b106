#!/usr/bin/env bash
# Session 16, call 8: every table pick at M = 128 - 4096 (c9ff8d9, 40
# kernels, 34 of them clusters of two) checked by liquid-bench at token
# counts that leave the last token tile partly or, for a cluster's second
# slice, wholly empty; compute-sanitizer (memcheck, racecheck, synccheck) on
# two cluster kernels whose second slice is skipped.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c8-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
D=bench/cubins/s16f
for pair in m128:72,100,127 m256:130,200,255 m512:257,300,384,449 m1024:513,640,900 m4096:1025,2000,3000,4001; do
  timeout 200 bash scripts/gpu/check-kernels.sh $D/${pair%:*} ${pair#*:} $R/check-${pair%:*} > $R/check-${pair%:*}.txt 2>&1
  echo "check ${pair%:*} rc=$? $(tail -1 $R/check-${pair%:*}.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
timeout 200 bash scripts/gpu/sanitize.sh $D/m512/liquid_w4a8_n12288_k4096_g64_xor_t256_c2_s8_cl2.json 320 $R/sanitize > $R/sanitize.txt 2>&1
echo "sanitize t256 rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
timeout 150 bash scripts/gpu/sanitize.sh $D/m128/liquid_w4a8_n12288_k4096_g64_xor_t128_c2_s16_cl2.json 72 $R/sanitize >> $R/sanitize.txt 2>&1
echo "sanitize t128 rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
cat $R/progress.txt $R/sanitize.txt
tar czf $OUT/call8.tgz -C $R .
