#!/usr/bin/env bash
# usage: mk_h1.sh M SHAPE
set -e
m=$1; n=${2%x*}; k=${2#*x}
root=/work/main/bench/cubins/h1/m$m
tmp=/tmp/h1c/m$m-$2; rm -rf $tmp; mkdir -p $tmp
/tmp/lcb/bin/liquid-compile -m $m -n $n -k $k --group 64 --emit ptx -o $tmp > /dev/null
ptx=$(ls $tmp/*.ptx); base=$(basename $ptx .ptx)
for v in orig base w wp wpa; do mkdir -p $root/$v; cp $tmp/$base.json $root/$v/; done
cp $tmp/$base.cubin $root/orig/
cp $ptx $tmp/base.ptx
python3 $(dirname "$0")/hint_ptx.py $ptx $tmp/w.ptx 0=first > /dev/null
python3 $(dirname "$0")/hint_ptx.py $ptx $tmp/wp.ptx 0=first,2=first,3=first > /dev/null
python3 $(dirname "$0")/hint_ptx.py $ptx $tmp/wpa.ptx 0=first,2=first,3=first,1=last > /dev/null
for v in base w wp wpa; do /usr/local/cuda/bin/ptxas -arch=sm_90a -o $root/$v/$base.cubin $tmp/$v.ptx; done
