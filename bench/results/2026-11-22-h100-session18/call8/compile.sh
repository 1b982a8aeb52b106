#!/usr/bin/env bash
# Session 18, call 8 (run here): with two copy warps, are the table's picks
# of the mid band's six misses still the fastest? Per cell the table's pick
# (table) and forced variants (bench/cubins/s18c8/mM/SHAPE/LABEL).
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s18c8; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
jobs=$C/jobs.txt; : > $jobs
add() { # M N K "LABEL FLAGS..."...
  local m=$1 n=$2 k=$3; shift 3
  echo "$LC --m $m --n $n --k $k --group 64 -o $C/m$m/${n}x$k/table" >> $jobs
  for v in "$@"; do set -- $v; l=$1; shift
    echo "$LC --m $m --n $n --k $k --group 64 $* -o $C/m$m/${n}x$k/$l" >> $jobs
  done
}
add 64 4096 4096 "t64c1sk2b2 --token-tile 64 --consumers 1 --split-k 2 --blocks-per-sm 2" \
  "t64c2sk4 --token-tile 64 --consumers 2 --split-k 4" "t32c1sk4b2 --token-tile 32 --consumers 1 --split-k 4 --blocks-per-sm 2" \
  "t64c1sk4 --token-tile 64 --consumers 1 --split-k 4 --blocks-per-sm 1"
add 128 4096 4096 "t128c1sk2b2 --token-tile 128 --consumers 1 --split-k 2 --blocks-per-sm 2" \
  "t128c1stk --token-tile 128 --consumers 1 --cluster 1 --stream-k 132" "t64c1sk2b2 --token-tile 64 --consumers 1 --split-k 2 --blocks-per-sm 2" \
  "t128c2sk2 --token-tile 128 --consumers 2 --split-k 2"
add 128 10240 8192 "t128c2cl2 --token-tile 128 --consumers 2 --cluster 2 --stream-k 1" \
  "t128c4 --token-tile 128 --consumers 4" "t128c1stk --token-tile 128 --consumers 1 --cluster 1 --stream-k 132" \
  "t64c2sk2 --token-tile 64 --consumers 2 --split-k 2"
add 128 4096 11008 "t128c2sk2cl2 --token-tile 128 --consumers 2 --split-k 2 --cluster 2" \
  "t128c1sk2 --token-tile 128 --consumers 1 --split-k 2" "t128c2stk --token-tile 128 --consumers 2 --cluster 2 --stream-k 132" \
  "t128c1stk --token-tile 128 --consumers 1 --cluster 1 --stream-k 132"
add 256 12288 4096 "t256c1cl2 --token-tile 256 --consumers 1 --cluster 2" "t128c2cl2 --token-tile 128 --consumers 2 --cluster 2" \
  "t128c4 --token-tile 128 --consumers 4" "t256c2cl2sk2 --token-tile 256 --consumers 2 --cluster 2 --split-k 2"
add 256 8192 8192 "t256c2cl2 --token-tile 256 --consumers 2 --cluster 2" "t128c1 --token-tile 128 --consumers 1" \
  "t256c1cl2sk2 --token-tile 256 --consumers 1 --cluster 2 --split-k 2" "t256c1stk --token-tile 256 --consumers 1 --cluster 2 --stream-k 132" \
  "t128c2cl2 --token-tile 128 --consumers 2 --cluster 2"
xargs -P2 -I{} sh -c '{} > /dev/null 2>&1 || echo "failed: {}"' < $jobs
find $C -name '*.json' | wc -l
