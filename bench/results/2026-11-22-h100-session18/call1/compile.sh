#!/usr/bin/env bash
# Session 18, call 1 (run here, not on the GPU machine): the main loop starts
# at a ring use that is a multiple of four (stream-K segments peel up to three
# stages before it; split-K slices count their ring uses from 0).
#   check/          stream-K check set of session 17 (new compiler)
#   var-mM/S/L      per cell: the table's pick (table), stream-K variants by
#                   the new compiler (skN) and by b86d806 (skO)
#   dec-mM/S/{old,new}  split-K picks of the table, b86d806 against new
# OLD names the b86d806 liquid-compile binary.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s18c1; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile; OLD=${OLD:?b86d806 liquid-compile}
jobs=$C/jobs.txt; : > $jobs
for spec in "10240 8192 128 2 2 xor" "10240 8192 128 2 1 xor" "4096 4096 64 1 1 offset" \
            "8192 8192 128 2 2 offset" "12288 4096 256 2 2 xor" "4096 11008 128 2 1 xor" \
            "22016 4096 128 4 1 xor" "8192 8192 256 1 2 xor"; do
  set -- $spec
  echo "$LC --m 1024 --n $1 --k $2 --group 64 --mode $6 --token-tile $3 --consumers $4 --cluster $5 --stream-k 132 -o $C/check" >> $jobs
done
echo "$LC --m 1024 --n 4096 --k 4096 --group 128 --mode xor --token-tile 128 --consumers 2 --cluster 1 --stream-k 132 --out-type bf16 -o $C/check" >> $jobs
add() { # M N K variants "T C CLUSTER"...
  local m=$1 n=$2 k=$3; shift 3
  echo "$LC --m $m --n $n --k $k --group 64 -o $C/var-m$m/${n}x$k/table" >> $jobs
  for v in "$@"; do set -- $v
    for c in "$LC N" "$OLD O"; do set -- $v $c
      echo "$4 --m $m --n $n --k $k --group 64 --token-tile $1 --consumers $2 --cluster $3 --stream-k 132 -o $C/var-m$m/${n}x$k/sk$5-t$1c$2cl$3" >> $jobs
    done
  done
}
add 64 12288 4096 "64 2 1"
add 64 4096 4096 "64 1 1"
for s in "10240 8192" "12288 4096" "22016 4096" "8192 8192" "4096 11008"; do add 128 $s "128 2 2"; done
add 128 4096 4096 "128 1 1" "128 2 1"
for s in "10240 8192" "12288 4096" "22016 4096" "8192 8192"; do add 256 $s "256 2 2"; done
add 256 4096 4096 "256 1 2" "128 1 1"
for s in "12288 4096" "10240 8192"; do add 512 $s "256 2 2"; done
for s in "10240 8192" "57344 8192"; do add 1024 $s "256 2 2"; done
for m in 1 16 64; do
  for s in "4096 4096" "4096 11008" "8192 8192" "10240 8192" "8192 28672" "12288 4096"; do
    set -- $s
    echo "$LC --m $m --n $1 --k $2 --group 64 -o $C/dec-m$m/${1}x$2/new" >> $jobs
    echo "$OLD --m $m --n $1 --k $2 --group 64 -o $C/dec-m$m/${1}x$2/old" >> $jobs
  done
done
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
find $C -name '*.json' | wc -l
