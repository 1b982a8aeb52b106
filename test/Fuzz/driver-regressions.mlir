// liquid-compile requests that crashed or were silently miscompiled when
// the driver was fuzzed (docs/Fuzzing.md): each now ends in one error line,
// before ptxas is looked for (LIQUID_PTXAS points nowhere). The raw inputs
// are in corpus/driver/regression-*.
// RUN: rm -rf %t

// --consumers -1 --token-tile 32 made the stage bytes of the config table
// zero, and liquid-select-config divided by them (SIGFPE).
// RUN: env LIQUID_PTXAS=/nonexistent not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --consumers -1 --token-tile 32 -o %t/out 2>&1 | FileCheck %s --check-prefix=CONS-NEG
// CONS-NEG: liquid-compile: error: --consumers must be in [0, 4] (0: the table's choice), got -1
// CONS-NEG-NOT: {{.}}

// A token tile of 2^62 overflowed the stage bytes (signed overflow).
// RUN: env LIQUID_PTXAS=/nonexistent not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --token-tile 4611686018427387904 -o %t/out 2>&1 | FileCheck %s --check-prefix=TILE-HUGE
// TILE-HUGE: liquid-compile: error: --token-tile must be in [0, 256] (0: the table's choice), got 4611686018427387904
// TILE-HUGE-NOT: {{.}}

// Stages and split-k beyond a #liquid.config's range.
// RUN: env LIQUID_PTXAS=/nonexistent not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --stages 9223372036854775807 -o %t/out 2>&1 | FileCheck %s --check-prefix=STAGES
// STAGES: liquid-compile: error: --stages must be in [0, 16] (0: the table's choice), got 9223372036854775807
// RUN: env LIQUID_PTXAS=/nonexistent not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --split-k -3 -o %t/out 2>&1 | FileCheck %s --check-prefix=SPLITK
// SPLITK: liquid-compile: error: --split-k must be in [0, 64] (0: the table's choice), got -3

// --m 2^62 + 1 compiled a token_tile = 8 kernel: PowerOf2Ceil wrapped.
// The kernel's token count is an i32.
// RUN: env LIQUID_PTXAS=/nonexistent not liquid-compile --m 4611686018427387905 --n 4096 --k 4096 --group 64 -o %t/out 2>&1 | FileCheck %s --check-prefix=M-HUGE
// M-HUGE: liquid-compile: error: unsupported shape: M = 4611686018427387905 exceeds the kernel's 32-bit token count (at most 2147483647)
// M-HUGE-NOT: {{.}}
// The same band for a file.
// RUN: env LIQUID_PTXAS=/nonexistent not liquid-compile %S/../../examples/llama2-7b-gate-up.mlir --m 4611686018427387905 -o %t/out 2>&1 | FileCheck %s --check-prefix=M-FILE
// M-FILE: liquid-compile: error: --m (the token band) must be in [1, 2147483647], got 4611686018427387905

// N = 2^31 passed every check (N and K multiples of 64, N * K fits int64).
// RUN: env LIQUID_PTXAS=/nonexistent not liquid-compile --m 1 --n 2147483648 --k 4096 --group 64 -o %t/out 2>&1 | FileCheck %s --check-prefix=N-HUGE
// N-HUGE: liquid-compile: error: unsupported shape: N = 2147483648 must be below 2^31 (the kernel's grid and TMA coordinates are 32-bit)

// Nothing was written.
// RUN: not ls %t/out
