#!/usr/bin/env bash
# The reliability step of scripts/test.sh (docs/Fuzzing.md): builds liquid
# with clang-22, AddressSanitizer, UndefinedBehaviorSanitizer (no recovery)
# and libFuzzer coverage into build-san/, then
#   1. runs the gtest suites and the lit tests on the sanitized binaries,
#   2. replays every seed and regression input of test/Fuzz/corpus and fuzzes
#      each target for LIQUID_FUZZ_SECONDS (default 60) from them.
# Prints the counts of each; exits non-zero on any failure, sanitizer report
# or fuzzer finding (the input is left in build-san/fuzz-artifacts/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${LIQUID_SAN_BUILD_DIR:-$ROOT/build-san}"
JOBS="${JOBS:-$(nproc)}"
FUZZ_SECONDS="${LIQUID_FUZZ_SECONDS:-60}"

if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld \
    -DLIQUID_ENABLE_FUZZERS=ON >/dev/null
fi
ninja -C "$BUILD" -j"$JOBS" \
  liquid-mlir-fuzzer liquid-driver-fuzzer liquid-manifest-fuzzer \
  LiquidQuantTests LiquidRuntimeTests liquid-opt liquid-compile

# Any report ends the process with a stack trace. allow_user_poisoning=0:
# liquid's instrumented code inlines LLVM's BumpPtrAllocator, which poisons
# the slabs it allocates, while the uninstrumented libMLIR hands out memory
# from the same slabs without unpoisoning it; ASan would report that
# bookkeeping as use-after-poison.
export ASAN_OPTIONS="allow_user_poisoning=0:abort_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

status=0
echo "== sanitizers: gtest (ASan+UBSan) =="
for suite in LiquidQuantTests LiquidRuntimeTests; do
  "$BUILD/bin/$suite" --gtest_brief=1 || status=1
done

echo "== sanitizers: lit (ASan+UBSan liquid-opt, liquid-compile) =="
/usr/lib/llvm-22/bin/lit -s "$BUILD/test" || status=1

echo "== sanitizers: fuzzing (${FUZZ_SECONDS} s per target) =="
ARTIFACTS="$BUILD/fuzz-artifacts"
mkdir -p "$ARTIFACTS"
for kind in mlir driver manifest; do
  fuzzer="liquid-$kind-fuzzer"
  # New inputs go to a scratch copy; the repository's corpus stays as is.
  work="$(mktemp -d)"
  cp "$ROOT/test/Fuzz/corpus/$kind/"* "$work/"
  seeds=$(ls "$work" | wc -l)
  log="$ARTIFACTS/$fuzzer.log"
  start=$(date +%s)
  if "$BUILD/bin/$fuzzer" "$work" \
      -dict="$ROOT/test/Fuzz/$kind.dict" \
      -max_total_time="$FUZZ_SECONDS" -timeout=60 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$fuzzer-" \
      >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "$fuzzer: ${runs:-?} inputs run in $(( $(date +%s) - start )) s" \
         "(corpus $seeds -> $(ls "$work" | wc -l) files), no findings"
  else
    status=1
    echo "$fuzzer: FINDING (input and log in $ARTIFACTS):"
    tail -n 60 "$log"
  fi
  rm -rf "$work"
done

exit $status
