#!/usr/bin/env bash
# Session 21, call 6 (run here): clusters of four within the 30 the H100
# holds at once (call 5): stream-K over a round of 120 blocks, against each
# cell's table pick, into bench/cubins/s21c6/m<M>/.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s21c6; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
cell() { # M N K FLAGS...
  local m=$1 n=$2 k=$3; shift 3
  $LC --m $m --n $n --k $k --group 64 -o $C/m$m > /dev/null
  $LC --m $m --n $n --k $k --group 64 "$@" --cluster 4 --stream-k 120 -o $C/m$m > /dev/null
}
cell 256 8192 8192 --token-tile 256 --consumers 1
cell 256 8192 8192 --token-tile 256 --consumers 2
cell 256 4096 4096 --token-tile 128 --consumers 1
cell 256 12288 4096 --token-tile 256 --consumers 2
cell 128 10240 8192 --token-tile 128 --consumers 2
cell 128 8192 8192 --token-tile 128 --consumers 1
find $C -name '*.json' | sort
