// RUN: liquid-opt %s -split-input-file -liquid-lower-dequant | FileCheck %s
// The inline PTX is pure: CSE merges identical dequantizations and DCE drops
// unused ones.
// RUN: liquid-opt %s -split-input-file -liquid-lower-dequant -cse -canonicalize | FileCheck %s --check-prefix=PURE

// LiquidQuant's register dequantization of four 4-bit codes (DESIGN §2):
//
//   q = P & 0x0F0F0F0F              low nibbles  (first k32 step)
//   q = (P >> 4) & 0x0F0F0F0F       high nibbles (second k32 step)
//   r = q * s + a * 0x01010101      one IMAD: four bytes q4 * s + a = q8 + 128,
//                                   no lane carries (q4 s <= 240, q4 s + a <= 255)
//   r ^= 0x80808080                 xor mode only: four signed int8 q8
//
// 0x0F0F0F0F = 252645135, 0x01010101 = 16843009.

// CHECK-LABEL: func.func @low_signed(
// CHECK-SAME: %[[P:[a-z0-9_]+]]: i32, %[[S:[a-z0-9_]+]]: i32, %[[A:[a-z0-9_]+]]: i32)
// CHECK-DAG: %[[MASK:.*]] = arith.constant 252645135 : i32
// CHECK-DAG: %[[SPLAT:.*]] = arith.constant 16843009 : i32
// CHECK-NOT: arith.shrui
// CHECK: %[[Q:.*]] = arith.andi %[[P]], %[[MASK]] : i32
// CHECK-NEXT: %[[AREP:.*]] = arith.muli %[[A]], %[[SPLAT]] : i32
// CHECK-NEXT: %[[R:.*]] = llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;\0A\09xor.b32 $0, $0, 0x80808080;", "=r,r,r,r" %[[Q]], %[[S]], %[[AREP]] : (i32, i32, i32) -> i32
// CHECK-NEXT: return %[[R]] : i32
// CHECK-NOT: liquid_gpu.dequant
func.func @low_signed(%p: i32, %s: i32, %a: i32) -> i32 {
  %r = liquid_gpu.dequant %p, %s, %a nibble = low signed : i32
  return %r : i32
}

// -----

// CHECK-LABEL: func.func @high_signed(
// CHECK-SAME: %[[P:[a-z0-9_]+]]: i32, %[[S:[a-z0-9_]+]]: i32, %[[A:[a-z0-9_]+]]: i32)
// CHECK-DAG: %[[FOUR:.*]] = arith.constant 4 : i32
// CHECK-DAG: %[[MASK:.*]] = arith.constant 252645135 : i32
// CHECK-DAG: %[[SPLAT:.*]] = arith.constant 16843009 : i32
// CHECK: %[[SH:.*]] = arith.shrui %[[P]], %[[FOUR]] : i32
// CHECK-NEXT: %[[Q:.*]] = arith.andi %[[SH]], %[[MASK]] : i32
// CHECK-NEXT: %[[AREP:.*]] = arith.muli %[[A]], %[[SPLAT]] : i32
// CHECK-NEXT: %[[R:.*]] = llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;\0A\09xor.b32 $0, $0, 0x80808080;", "=r,r,r,r" %[[Q]], %[[S]], %[[AREP]] : (i32, i32, i32) -> i32
// CHECK-NEXT: return %[[R]] : i32
func.func @high_signed(%p: i32, %s: i32, %a: i32) -> i32 {
  %r = liquid_gpu.dequant %p, %s, %a nibble = high signed : i32
  return %r : i32
}

// -----

// offset mode: the IMAD alone, the bytes stay unsigned q8 + 128.
// CHECK-LABEL: func.func @low_unsigned(
// CHECK-SAME: %[[P:[a-z0-9_]+]]: i32, %[[S:[a-z0-9_]+]]: i32, %[[A:[a-z0-9_]+]]: i32)
// CHECK-NOT: arith.shrui
// CHECK: %[[Q:.*]] = arith.andi %[[P]], %{{.*}} : i32
// CHECK-NEXT: %[[AREP:.*]] = arith.muli %[[A]], %{{.*}} : i32
// CHECK-NEXT: %[[R:.*]] = llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;", "=r,r,r,r" %[[Q]], %[[S]], %[[AREP]] : (i32, i32, i32) -> i32
// CHECK-NEXT: return %[[R]] : i32
// CHECK-NOT: xor.b32
func.func @low_unsigned(%p: i32, %s: i32, %a: i32) -> i32 {
  %r = liquid_gpu.dequant %p, %s, %a nibble = low : i32
  return %r : i32
}

// -----

// CHECK-LABEL: func.func @high_unsigned(
// CHECK-SAME: %[[P:[a-z0-9_]+]]: i32, %[[S:[a-z0-9_]+]]: i32, %[[A:[a-z0-9_]+]]: i32)
// CHECK-DAG: %[[FOUR:.*]] = arith.constant 4 : i32
// CHECK-DAG: %[[MASK:.*]] = arith.constant 252645135 : i32
// CHECK: %[[SH:.*]] = arith.shrui %[[P]], %[[FOUR]] : i32
// CHECK-NEXT: %[[Q:.*]] = arith.andi %[[SH]], %[[MASK]] : i32
// CHECK-NEXT: %[[AREP:.*]] = arith.muli %[[A]], %{{.*}} : i32
// CHECK-NEXT: %[[R:.*]] = llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;", "=r,r,r,r" %[[Q]], %[[S]], %[[AREP]] : (i32, i32, i32) -> i32
// CHECK-NEXT: return %[[R]] : i32
func.func @high_unsigned(%p: i32, %s: i32, %a: i32) -> i32 {
  %r = liquid_gpu.dequant %p, %s, %a nibble = high : i32
  return %r : i32
}

// -----

// Eight weights per packed word, as a consumer dequantizes them: xor mode
// costs 7 instructions (and, shr, and, 2 x mad, 2 x xor), the shared
// a * 0x01010101 aside.
// CHECK-LABEL: func.func @both_halves(
// CHECK-NOT: has_side_effects
// CHECK-COUNT-2: llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;\0A\09xor.b32 $0, $0, 0x80808080;", "=r,r,r,r"
// CHECK-NOT: liquid_gpu.dequant
// PURE-LABEL: func.func @both_halves(
// PURE-SAME: %[[P:[a-z0-9_]+]]: i32, %[[S:[a-z0-9_]+]]: i32, %[[A:[a-z0-9_]+]]: i32)
// PURE-COUNT-1: arith.muli %[[A]]
// PURE-NOT: arith.muli
// PURE: %[[LO:.*]] = llvm.inline_asm
// PURE: %[[HI:.*]] = llvm.inline_asm
// PURE-NOT: llvm.inline_asm
// PURE: return %[[LO]], %[[HI]], %[[LO]] : i32, i32, i32
func.func @both_halves(%p: i32, %s: i32, %a: i32) -> (i32, i32, i32) {
  %lo = liquid_gpu.dequant %p, %s, %a nibble = low signed : i32
  %hi = liquid_gpu.dequant %p, %s, %a nibble = high signed : i32
  // The same dequantization again, and one whose result nobody uses.
  %lo2 = liquid_gpu.dequant %p, %s, %a nibble = low signed : i32
  %dead = liquid_gpu.dequant %p, %a, %s nibble = high : i32
  return %lo, %hi, %lo2 : i32, i32, i32
}

// -----

// Inside a kernel module, with wgmma_rs around it left alone.
// CHECK-LABEL: gpu.func @in_kernel(
// CHECK: %[[R:.*]] = llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;", "=r,r,r,r"
// CHECK: %[[V:.*]] = vector.from_elements %[[R]], %[[R]], %[[R]], %[[R]] : vector<4xi32>
// CHECK: liquid_gpu.wgmma_rs %{{.*}}, %[[V]], %{{.*}} n = 8 a_type = u8 : vector<4xi32>, vector<4xi32>
gpu.module @kernels {
  gpu.func @in_kernel(%p: i32, %s: i32, %a: i32, %acc: vector<4xi32>, %desc: i64,
      %out: memref<vector<4xi32>>) kernel {
    %r = liquid_gpu.dequant %p, %s, %a nibble = low : i32
    %v = vector.from_elements %r, %r, %r, %r : vector<4xi32>
    %d = liquid_gpu.wgmma_rs %acc, %v, %desc n = 8 a_type = u8 : vector<4xi32>, vector<4xi32>
    memref.store %d, %out[] : memref<vector<4xi32>>
    gpu.return
  }
}
