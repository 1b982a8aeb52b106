#!/usr/bin/env bash
# Session 21, call 4 (run here): the picks the session's table changes
# against session 20's (352ffd5), on the eight sweep shapes and the ten
# others of call 3: new/m<M>/ the pick, old/m<M>/ the old pick forced;
# both modes of 8192 x 8192 at M = 128 for --check (check/); the sweep
# of the committed compiler (bench/cubins/sweep21c). Into bench/cubins/s21c4.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s21c4; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
pair() { # M N K OLD-FLAGS
  local m=$1 n=$2 k=$3; shift 3
  $LC --m $m --n $n --k $k --group 64 -o $C/new/m$m > /dev/null
  $LC --m $m --n $n --k $k --group 64 "$@" -o $C/old/m$m > /dev/null
}
pair 256 4096 4096 --token-tile 128 --consumers 1 --cluster 1
pair 128 8192 8192 --token-tile 128 --consumers 2 --split-k 2
pair 128 6144 4096 --token-tile 128 --consumers 1 --cluster 1
pair 512 2048 4096 --token-tile 128 --consumers 1 --cluster 1
pair 1024 1024 4096 --token-tile 128 --consumers 1 --cluster 1
for mode in xor offset; do $LC --m 128 --n 8192 --k 8192 --group 64 --mode $mode -o $C/check > /dev/null; done
rm -rf bench/cubins/sweep21c; bash scripts/compile-sweep.sh bench/cubins/sweep21c > /dev/null
find $C -name '*.json' | sort
mkdir -p bench/cubins/pack21c; tar czf bench/cubins/pack21c/all.tgz -C bench/cubins s21c4 sweep21c
