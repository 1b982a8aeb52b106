#!/usr/bin/env bash
# Session 19, call 2: TMA descriptors as kernel parameters. liquid-bench
# --check of call2/compile.sh's kernels (bench/cubins/s19c2), the runtime's
# misuse checks and the Python GPU tests (CUDA graphs) with the new runtime,
# then the sweep by the new compiler and runtime (bench/cubins/sweep19)
# against session 18's (bench/cubins/sweep18b with 5fdabce's runtime),
# alternating processes: old, new, old, new.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s19c2-$$; rm -rf $R; mkdir -p $R/check
C=bench/cubins/s19c2; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
OLD=/tmp/build-old
cmake -S $C/old-src -B $OLD -DCMAKE_BUILD_TYPE=Release -DLIQUID_ENABLE_MLIR=OFF \
  -DLIQUID_ENABLE_TESTS=OFF > /tmp/build-old.log 2>&1 && cmake --build $OLD -j16 >> /tmp/build-old.log 2>&1 \
  || { tail -20 /tmp/build-old.log; exit 1; }
echo "built t=$(( $(date +%s) - start ))" >> $R/progress.txt
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
export LIQUID_LIB_DIR=$PWD/build-gpu/lib
timeout 120 bash scripts/gpu/check-kernels.sh $C/check 1,17,100,128,256,300,513,1024 $R/check/sk >> $R/check.txt 2>&1
timeout 90 bash scripts/gpu/check-kernels.sh $C/picks 1,100,256 $R/check/picks >> $R/check.txt 2>&1
timeout 40 bash scripts/gpu/check-kernels.sh $C/picks16 1,16 $R/check/picks16 >> $R/check.txt 2>&1
timeout 40 bash scripts/gpu/check-kernels.sh $C/picks64 1,64 $R/check/picks64 >> $R/check.txt 2>&1
echo "check t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 60 build-gpu/bin/liquid-runtime-checks --manifest $(ls $C/picks16/*n4096_k4096*.json) --m 16 > $R/runtime-checks.txt 2>&1
echo "runtime-checks rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
LIQUID_CACHE_DIR=$PWD/$C/pycache PYTHONPATH=$PWD/python timeout 120 python3 -m pytest -v python/tests/test_gpu.py > $R/pytest-gpu.log 2>&1
echo "pytest-gpu rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
for r in r1 r2; do
  LIQUID_LIB_DIR=$OLD/lib PYTHONPATH=$PWD/$C/old-src/python:$PWD/$C/old-src/scripts/gpu \
    timeout 110 python3 $C/old-src/scripts/gpu/sweep.py bench/cubins/sweep18b $R/old-$r.json > $R/old-$r.log 2>&1
  echo "old $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
  PYTHONPATH=$PWD/python:$PWD/scripts/gpu \
    timeout 110 python3 scripts/gpu/sweep.py bench/cubins/sweep19 $R/new-$r.json > $R/new-$r.log 2>&1
  echo "new $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 FAIL $R/check.txt | head; tail -3 $R/runtime-checks.txt; tail -3 $R/pytest-gpu.log
tar czf $OUT/call2.tgz -C $R .
