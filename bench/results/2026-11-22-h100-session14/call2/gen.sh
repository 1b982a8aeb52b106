#!/usr/bin/env bash
# Emit compile lines: for each shape and M, the table's pick and the same config with cluster 1, 2, 4,
# plus the other consumer count (1 <-> 2) at the same tile with cluster 2, 4.
C=build/bin/liquid-compile
for m in 256 512 1024 4096; do
for shape in 12288x4096 4096x4096 22016x4096 4096x11008 10240x8192 8192x8192 57344x8192 8192x28672; do
  n=${shape%x*}; k=${shape#*x}
  line=$($C --m $m --n $n --k $k --group 64 -o /tmp/probe 2>&1 | head -1)
  t=$(sed -E 's/.*token_tile=([0-9]+).*/\1/' <<<"$line"); c=$(sed -E 's/.* consumers=([0-9]+).*/\1/' <<<"$line")
  sk=$(sed -E 's/.*split_k=([0-9]+).*/\1/' <<<"$line"); b=$(sed -E 's/.*blocks_per_sm=([0-9]+).*/\1/' <<<"$line")
  [ "$t" = 256 ] || { echo "# $shape m=$m pick t$t: skipped" >&2; continue; }
  for cc in 1 2; do
    for cl in 1 2 4; do
      [ $(( n / (64*cc) % cl )) = 0 ] || continue
      [ "$cc" = "$c" ] || [ "$cl" != 1 ] || continue
      echo "$m $n $k $cc $t $sk $b $cl"
    done
  done
done; done
