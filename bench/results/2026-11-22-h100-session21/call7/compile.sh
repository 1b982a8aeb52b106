#!/usr/bin/env bash
# Session 21, call 7 (run here): the other stream-K picks of the eighteen shapes
# (call 3) in clusters of four streaming K over 120 blocks, against each
# cell's table pick and the same clusters without stream-K, into bench/cubins/s21c7/m<M>/.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s21c7; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
cell() { # M N K FLAGS...
  local m=$1 n=$2 k=$3; shift 3
  $LC --m $m --n $n --k $k --group 64 -o $C/m$m > /dev/null
  $LC --m $m --n $n --k $k --group 64 "$@" --cluster 4 --stream-k 120 -o $C/m$m > /dev/null
  $LC --m $m --n $n --k $k --group 64 "$@" --cluster 4 --stream-k 1 -o $C/m$m > /dev/null
}
cell 128 10240 8192 --token-tile 128 --consumers 2
cell 256 10240 8192 --token-tile 256 --consumers 2
cell 512 5120 5120 --token-tile 256 --consumers 2
cell 512 5120 13824 --token-tile 256 --consumers 2
find $C -name '*.json' | sort
