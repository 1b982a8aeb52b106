#!/usr/bin/env bash
# Session 19, call 5 (run here, 1570397): the sweep's kernels
# (scripts/compile-sweep.sh bench/cubins/sweep19b) and, in
# bench/cubins/s19c5/check, the split-K picks call 4 left unchecked (xor)
# and the offset-mode split-K picks at M = 1 and 64.
set -eu
cd "$(dirname "$0")/../../../.."
[ -n "${SKIP_SWEEP:-}" ] || bash scripts/compile-sweep.sh bench/cubins/sweep19b > /dev/null
C=bench/cubins/s19c5; rm -rf $C; mkdir -p $C/check/xor $C/check/m1 $C/check/m64
for k in n8192_k28672_g64_xor_t8_c2_s8_sk4_b2 n8192_k8192_g64_xor_t16_c2_s8_sk4_b2 \
         n8192_k8192_g64_xor_t64_c2_s16_sk2 n8192_k8192_g64_xor_t8_c2_s8_sk4_b2; do
  for f in bench/cubins/sweep19b/xor/m*/liquid_w4a8_$k.*; do cp $f $C/check/xor/; done
done
for m in 1 64; do cp bench/cubins/sweep19b/offset/m$m/*_sk[0-9]* $C/check/m$m/; done
ls $C/check/*/*.json | wc -l
