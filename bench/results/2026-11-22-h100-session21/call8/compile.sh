#!/usr/bin/env bash
# Session 21, call 8 (run here): the kernels ncu profiles in call 8, into
# bench/cubins/s21c8/<label>/: 8192^2 at M = 256 (the pick t256 c1 cl2, and
# t256 c2 split 2 cl2), 12288 x 4096 at M = 256 (the pick t256 c2 cl2).
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s21c8; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
$LC --m 256 --n 8192 --k 8192 --group 64 -o $C/n8192-pick > /dev/null
$LC --m 256 --n 8192 --k 8192 --group 64 --token-tile 256 --consumers 2 --split-k 2 -o $C/n8192-c2sk2 > /dev/null
$LC --m 256 --n 12288 --k 4096 --group 64 -o $C/n12288-pick > /dev/null
find $C -name '*.json' | sort
