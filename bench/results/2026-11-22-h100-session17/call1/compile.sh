#!/usr/bin/env bash
# Session 17, call 1 (run here, not on the GPU machine): stream-K kernels for
# liquid-bench --check (check/) and, per (shape, M) cell of the mid band, the
# table's pick next to stream-K variants (var-mM/), timed by variants.py.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s17c1; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
jobs=$C/jobs.txt; : > $jobs
# check/: clusters or not, one/two/four consumers, xor and offset, K of 128
# and 172 k blocks, token tiles 64 - 256.
for spec in "10240 8192 128 2 2 xor" "10240 8192 128 2 1 xor" "4096 4096 64 1 1 offset" \
            "8192 8192 128 2 2 offset" "12288 4096 256 2 2 xor" "4096 11008 128 2 1 xor" \
            "22016 4096 128 4 1 xor" "8192 8192 256 1 2 xor"; do
  set -- $spec
  echo "$LC --m 1024 --n $1 --k $2 --group 64 --mode $6 --token-tile $3 --consumers $4 --cluster $5 --stream-k 132 -o $C/check" >> $jobs
done
echo "$LC --m 1024 --n 4096 --k 4096 --group 128 --mode xor --token-tile 128 --consumers 2 --cluster 1 --stream-k 132 --out-type bf16 -o $C/check" >> $jobs
# var-mM/: the table's pick and stream-K variants "T C CLUSTER".
add() { # M N K variants...
  local m=$1 n=$2 k=$3; shift 3
  echo "$LC --m $m --n $n --k $k --group 64 -o $C/var-m$m/${n}x$k/table" >> $jobs
  for v in "$@"; do set -- $v
    echo "$LC --m $m --n $n --k $k --group 64 --token-tile $1 --consumers $2 --cluster $3 --stream-k 132 -o $C/var-m$m/${n}x$k/t$1c$2cl$3" >> $jobs
  done
}
add 64 12288 4096 "64 2 1" "64 2 2"
add 64 4096 4096 "64 2 1" "64 1 1"
add 128 10240 8192 "128 2 2" "128 2 1"
add 128 12288 4096 "128 2 2"
add 128 22016 4096 "128 2 2" "128 4 1"
add 128 8192 8192 "128 2 2" "128 1 1"
add 128 4096 4096 "128 2 1" "64 2 1" "128 1 1" "64 1 1"
add 128 4096 11008 "128 2 2" "128 1 1"
add 128 57344 8192 "128 2 2" "128 4 1"
add 128 8192 28672 "128 2 2"
for s in "12288 4096" "10240 8192" "22016 4096" "57344 8192"; do add 256 $s "256 2 2"; done
for s in "8192 8192" "8192 28672" "4096 4096" "4096 11008"; do add 256 $s "256 2 2" "256 1 2"; done
for s in "12288 4096" "10240 8192" "22016 4096" "4096 4096" "8192 8192"; do add 512 $s "256 2 2"; done
for s in "10240 8192" "12288 4096" "22016 4096" "4096 4096" "8192 8192" "57344 8192"; do add 1024 $s "256 2 2"; done
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
find $C -name '*.json' | wc -l
