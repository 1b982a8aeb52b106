#!/usr/bin/env bash
# Session 18, call 3 (run here): does the number of copies per stage limit
# the ring? Each cell's table pick as built (base) and by an experimental
# liquid-compile (EXP; 819b90b plus a local switch, not committed) whose
# producer leaves out the two group-parameter copies (noparams), the
# activation copy (noact) or both (onlyweights), each stage expecting only
# the bytes still copied. Results wrong; times only.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s18c3; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile; EXP=${EXP:?experimental liquid-compile}
jobs=$C/jobs.txt; : > $jobs
add() { # M N K LABEL [forced flags...]
  local m=$1 n=$2 k=$3 l=$4; shift 4
  echo "$LC --m $m --n $n --k $k --group 64 $* -o $C/m$m/${n}x$k/$l-base" >> $jobs
  for e in noparams noact onlyweights; do
    echo "env LIQUID_EXPERIMENT=$e $EXP --m $m --n $n --k $k --group 64 $* -o $C/m$m/${n}x$k/$l-$e" >> $jobs
  done
}
add 1 4096 4096 table
add 1 10240 8192 table
add 128 4096 4096 table
add 256 4096 4096 table
add 128 10240 8192 table
add 256 8192 8192 table
add 256 12288 4096 table
add 256 22016 4096 table
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
find $C -name '*.json' | wc -l
