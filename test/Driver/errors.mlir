// Every way liquid-compile can refuse its input ends with one message that
// names the reason (and the input, where there is one) and a non-zero exit:
// never a crash (`not` fails on a signal), never a partial output.
//
// Shape checks come after the ptxas lookup, so these need ptxas too.

// REQUIRES: ptxas
// RUN: rm -rf %t && split-file %s %t

// Neither a file nor a shape, or both.
// RUN: not liquid-compile -o %t/out 2>&1 | FileCheck %s --check-prefix=INPUT
// RUN: not liquid-compile %t/empty.mlir --n 4096 --k 4096 --group 64 --m 1 -o %t/out 2>&1 | FileCheck %s --check-prefix=INPUT
// INPUT: liquid-compile: error: give either an input file or a shape (--m --n --k --group), not both and not neither
// INPUT-NOT: {{.}}

// No output directory.
// RUN: not liquid-compile --m 1 --n 4096 --k 4096 --group 64 2>&1 | FileCheck %s --check-prefix=NO-OUT
// NO-OUT: liquid-compile: for the -o option: must be specified at least once!

// Group sizes: 64, 128 or K, dividing K.
// RUN: not liquid-compile --m 1 --n 4096 --k 4096 -o %t/out 2>&1 | FileCheck %s --check-prefix=NO-GROUP
// RUN: not liquid-compile --m 1 --k 4096 -o %t/out 2>&1 | FileCheck %s --check-prefix=NO-N-GROUP
// RUN: not liquid-compile --m 1 --n 4096 --k 4096 --group 32 -o %t/out 2>&1 | FileCheck %s --check-prefix=G32
// A shape without its group size (or other sizes) names the missing flags.
// NO-GROUP: liquid-compile: error: a shape needs --n, --k and --group; missing --group
// NO-N-GROUP: liquid-compile: error: a shape needs --n, --k and --group; missing --n, --group
// G32: liquid-compile: error: unsupported shape: group size 32 must be 64, 128 or k = 4096
// G32-NOT: {{.}}
// RUN: not liquid-compile --m 1 --n 4096 --k 320 --group 128 -o %t/out 2>&1 | FileCheck %s --check-prefix=G128-K320
// G128-K320: liquid-compile: error: unsupported shape: group size 128 does not divide k = 320
// G128-K320-NOT: {{.}}

// The dual-MMA layout packs 64 x 64 blocks.
// RUN: not liquid-compile --m 1 --n 100 --k 4096 --group 64 -o %t/out 2>&1 | FileCheck %s --check-prefix=N100
// N100: liquid-compile: error: unsupported shape: n (weight rows) must be a positive multiple of 64 for the dual-MMA layout, got 100
// N100-NOT: {{.}}
// RUN: not liquid-compile --m 1 --n 4096 --k 100 --group 100 -o %t/out 2>&1 | FileCheck %s --check-prefix=K100
// K100: liquid-compile: error: unsupported shape: k (reduction size) must be a positive multiple of 64 for the dual-MMA layout, got 100
// K100-NOT: {{.}}

// Token counts: at least one (and --m is part of a shape).
// RUN: not liquid-compile --m 0 --n 4096 --k 4096 --group 64 -o %t/out 2>&1 | FileCheck %s --check-prefix=M0
// RUN: not liquid-compile --n 4096 --k 4096 --group 64 -o %t/out 2>&1 | FileCheck %s --check-prefix=M0
// M0: liquid-compile: error: --m (token count) must be at least 1, got 0
// M0-NOT: {{.}}

// Option values.
// RUN: not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --mode bogus -o %t/out 2>&1 | FileCheck %s --check-prefix=MODE
// MODE: liquid-compile: for the --mode option: Cannot find option named 'bogus'!
// MODE-NOT: {{.}}
// RUN: not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --emit=bogus -o %t/out 2>&1 | FileCheck %s --check-prefix=EMIT
// RUN: not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --emit=ptx,bogus -o %t/out 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: liquid-compile: error: --emit: unknown form 'bogus' (expected mlir, ll or ptx)
// EMIT-NOT: {{.}}
// RUN: not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --out-type f32 -o %t/out 2>&1 | FileCheck %s --check-prefix=OUT-TYPE
// OUT-TYPE: liquid-compile: error: --out-type must be f16 or bf16, got 'f32'
// OUT-TYPE-NOT: {{.}}

// Forced configurations the table or the kernel generator cannot take: the
// config verifier's or the pass's message on the op, then the driver's.
// RUN: not liquid-compile --m 1 --n 4096 --k 4096 --group 64 --token-tile 12 -o %t/out 2>&1 | FileCheck %s --check-prefix=TILE12
// TILE12: error: {{.*}}'liquid.w4a8_matmul' op token_tile must be a power of two in [8, 256], got 12
// TILE12: liquid-compile: error: compilation failed
// TILE12-NOT: {{.}}
// RUN: not liquid-compile --m 1 --n 128 --k 4096 --group 64 --consumers 4 -o %t/out 2>&1 | FileCheck %s --check-prefix=CONS4
// CONS4: error: {{.*}}'liquid.w4a8_matmul' op consumers = 4 cover 256 output channels per block, which does not divide N = 128
// CONS4: liquid-compile: error: compilation failed
// CONS4-NOT: {{.}}

// Input files: missing, malformed, nothing to compile.
// RUN: not liquid-compile %t/missing.mlir -o %t/out 2>&1 | FileCheck %s --check-prefix=MISSING -DFILE=%t/missing.mlir
// MISSING: liquid-compile: error: cannot open input file '[[FILE]]': No such file or directory
// MISSING-NOT: {{.}}
// RUN: not liquid-compile %t/malformed.mlir -o %t/out 2>&1 | FileCheck %s --check-prefix=MALFORMED -DFILE=%t/malformed.mlir
// MALFORMED: [[FILE]]:2:14: error: expected non-function type
// MALFORMED: liquid-compile: error: cannot parse [[FILE]]
// MALFORMED-NOT: {{.}}
// RUN: not liquid-compile %t/empty.mlir -o %t/out 2>&1 | FileCheck %s --check-prefix=EMPTY -DFILE=%t/empty.mlir
// EMPTY: [[FILE]]:{{.*}}: error: no liquid.w4a8_matmul to compile
// EMPTY: liquid-compile: error: compilation failed
// EMPTY-NOT: {{.}}

// No ptxas: LIQUID_PTXAS names the one to use and is not second-guessed.
// RUN: not env LIQUID_PTXAS=/nonexistent liquid-compile --m 1 --n 4096 --k 4096 --group 64 -o %t/out 2>&1 | FileCheck %s --check-prefix=PTXAS
// PTXAS: liquid-compile: error: ptxas not found: set LIQUID_PTXAS or CUDA_HOME, or put the CUDA toolkit's bin directory on PATH
// PTXAS-NOT: {{.}}

// None of the refusals above left an output directory behind.
// RUN: not ls %t/out

//--- malformed.mlir
// A function whose signature does not parse.
func.func @f( {
}

//--- empty.mlir
// A well-formed module without a W4A8 matmul.
func.func @identity(%x: memref<16x4096xi8>) -> memref<16x4096xi8> {
  return %x : memref<16x4096xi8>
}

// A negative --m is refused for files too, and a bad shape is reported as
// such even where no ptxas can be found.
// RUN: not liquid-compile %S/../../examples/llama2-7b-gate-up.mlir --m -5 -o %t/out 2>&1 | FileCheck %s --check-prefix=MNEG
// MNEG: liquid-compile: error: --m (token count) must be at least 1, got -5
// RUN: env LIQUID_PTXAS=/nonexistent not liquid-compile --m 16 --n 128 --k 4096 --group 32 -o %t/out 2>&1 | FileCheck %s --check-prefix=SHAPEFIRST
// SHAPEFIRST: liquid-compile: error: unsupported shape: group size 32 must be 64, 128 or k = 4096
