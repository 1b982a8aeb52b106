#!/usr/bin/env bash
# Session 19, call 2 (run here): kernels of the compiler that passes the TMA
# descriptors as kernel parameters (bench/cubins/s19c2), and the old
# runtime's source (5fdabce, descriptors in global memory) to time against:
#   check/, picks/, picks16/, picks64/   session 18 call 7's check set
#   pycache/                             python/tests/test_gpu.py's kernels
#   old-src/                             5fdabce's runtime, package, scripts
# The sweep's kernels: scripts/compile-sweep.sh bench/cubins/sweep19.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s19c2; rm -rf $C; mkdir -p $C/old-src
git archive 5fdabce CMakeLists.txt include lib tools python scripts/gpu | tar -x -C $C/old-src
LC=build/bin/liquid-compile
jobs=$C/jobs.txt; : > $jobs
for spec in "10240 8192 128 2 2 xor" "10240 8192 128 2 1 xor" "4096 4096 64 1 1 offset" \
            "8192 8192 128 2 2 offset" "12288 4096 256 2 2 xor" "4096 11008 128 2 1 xor" \
            "22016 4096 128 4 1 xor" "8192 8192 256 1 2 xor"; do
  set -- $spec
  echo "$LC --m 1024 --n $1 --k $2 --group 64 --mode $6 --token-tile $3 --consumers $4 --cluster $5 --stream-k 132 -o $C/check" >> $jobs
done
for s in 4096x4096 12288x4096 22016x4096 4096x11008 10240x8192 8192x8192 8192x28672 57344x8192; do
  n=${s%x*}; k=${s#*x}
  for m in 256 1024; do echo "$LC --m $m --n $n --k $k --group 64 -o $C/picks" >> $jobs; done
  echo "$LC --m 16 --n $n --k $k --group 64 -o $C/picks16" >> $jobs
  echo "$LC --m 64 --n $n --k $k --group 128 --mode offset -o $C/picks64" >> $jobs
done
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
LIQUID_CACHE_DIR=$C/pycache PYTHONPATH=python python3 -c \
  "import liquid; [liquid.compile(256, 256, 64, mode=m) for m in ('xor', 'offset')]; liquid.compile(512, 4096, 64, m_max=16)"
find $C -name '*.json' -not -path '*/old-src/*' | wc -l
