"""Inputs and expected outputs of liquid-from-linalg-values.mlir.

For each accepted linalg form of a W4A8 layer (one function per form in the
test, see FORMS), draws a small W4A8 problem from a fixed seed, quantizes it
with liquid's LiquidQuant (python/liquid/quant.py) and computes the expected
output with liquid's numpy reference (python/liquid/reference.py
reference_gemm).

  from_linalg_values.py main   : an MLIR @main that calls every form's
                                 function on its inputs as constants and
                                 prints each f16 result as its raw bits
                                 (printMemrefI16), exactly, in FORMS order.
  from_linalg_values.py check  : FileCheck lines of the expected bits.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "python"))

from liquid.quant import quantize_weights  # noqa: E402
from liquid.reference import reference_gemm  # noqa: E402

# function, M, N, K, G, seed, kind: "" (x [M, K], codes i4 [N, K]),
# "batched" (x [1, M, K]) or "packed" (codes as i8 [N, K/2], two per byte,
# low nibble = even k)
FORMS = [
    ("w4a8_linear", 3, 64, 128, 64, 4, ""),
    ("w4a8_matmul_of_transpose", 2, 64, 256, 128, 5, ""),
    ("w4a8_generic_contraction", 4, 64, 128, 64, 6, ""),
    ("w4a8_batch_matmul_batch1", 3, 64, 128, 64, 7, "batched"),
    ("w4a8_per_channel", 2, 128, 128, 128, 8, ""),
    ("w4a8_packed_i8", 3, 64, 128, 64, 9, "packed"),
]


def problem(M, N, K, G, seed):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((N, K)).astype(np.float32)
    q = quantize_weights(w, G)
    x = rng.integers(-128, 128, size=(M, K), dtype=np.int8)
    sx = (rng.random(M, dtype=np.float32) * np.float32(0.02) + np.float32(0.001)).astype(np.float32)
    return x, q, sx


def dense(a, fmt=str):
    if a.ndim == 1:
        return "[" + ", ".join(fmt(v) for v in a) + "]"
    return "[" + ", ".join(dense(r, fmt) for r in a) + "]"


def f32(v):
    # Exact: the shortest repr of a float32 round-trips through MLIR's parser.
    return repr(float(v)) if np.isfinite(v) else "0x%08X" % np.float32(v).view(np.uint32)


def integer(v):
    return str(int(v))


def pack_bytes(codes):
    """Two codes per byte, low nibble = even k, as int8."""
    c = codes.astype(np.uint8)
    return (c[:, 0::2] | (c[:, 1::2] << 4)).view(np.int8)


def emit_call(i, name, M, N, K, G, seed, kind):
    x, q, sx = problem(M, N, K, G, seed)
    ng = K // G
    batched = kind == "batched"
    xt = f"tensor<1x{M}x{K}xi8>" if batched else f"tensor<{M}x{K}xi8>"
    xv = dense(x[None], integer) if batched else dense(x, integer)
    if kind == "packed":
        qt = f"tensor<{N}x{K // 2}xi8>"
        qv = dense(pack_bytes(q.codes), integer)
    else:
        qt = f"tensor<{N}x{K}xi4>"
        qv = dense(q.codes, integer)
    return f"""
  // {name}: M = {M}, N = {N}, K = {K}, G = {G}, seed {seed}
  %x{i} = arith.constant dense<{xv}> : {xt}
  %q{i} = arith.constant dense<{qv}> : {qt}
  %s{i} = arith.constant dense<{dense(q.scales, integer)}> : tensor<{N}x{ng}xi8>
  %a{i} = arith.constant dense<{dense(q.offsets.view(np.int8), integer)}> : tensor<{N}x{ng}xi8>
  %sx{i} = arith.constant dense<{dense(sx, f32)}> : tensor<{M}xf32>
  %s1{i} = arith.constant dense<{dense(q.channel_scales, f32)}> : tensor<{N}xf32>
  %y{i} = call @{name}(%x{i}, %q{i}, %s{i}, %a{i}, %sx{i}, %s1{i})
      : ({xt}, {qt}, tensor<{N}x{ng}xi8>, tensor<{N}x{ng}xi8>,
         tensor<{M}xf32>, tensor<{N}xf32>) -> tensor<{M}x{N}xf16>
  %be{i} = tensor.empty() : tensor<{M}x{N}xi16>
  %bits{i} = linalg.generic {{indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m, n)>],
                          iterator_types = ["parallel", "parallel"]}}
      ins(%y{i} : tensor<{M}x{N}xf16>) outs(%be{i} : tensor<{M}x{N}xi16>) {{
  ^bb0(%h: f16, %o: i16):
    %b = arith.bitcast %h : f16 to i16
    linalg.yield %b : i16
  }} -> tensor<{M}x{N}xi16>
  %buf{i} = bufferization.to_buffer %bits{i} : tensor<{M}x{N}xi16> to memref<{M}x{N}xi16>
  %u{i} = memref.cast %buf{i} : memref<{M}x{N}xi16> to memref<*xi16>
  call @printMemrefI16(%u{i}) : (memref<*xi16>) -> ()"""


def emit_main():
    calls = "".join(emit_call(i, *form) for i, form in enumerate(FORMS))
    print(f"""
func.func private @printMemrefI16(memref<*xi16>) attributes {{llvm.emit_c_interface}}

func.func @main() {{{calls}
  return
}}""")


def emit_check_form(name, M, N, K, G, seed, kind):
    x, q, sx = problem(M, N, K, G, seed)
    _, y = reference_gemm(x, q, sx)
    assert y.dtype == np.float16 and np.all(np.isfinite(y))
    bits = y.view(np.int16)
    print(f"// {name}")
    print(f"CHECK: rank = 2 offset = 0 sizes = [{M}, {N}] strides = [{N}, 1] data =")
    for m in range(M):
        row = ", ".join(str(int(v)) for v in bits[m])
        # "[[" opens a FileCheck variable: spell the brackets as regexes.
        open_ = "{{\\[\\[}}" if m == 0 else "{{\\[}}"
        close = "{{\\]\\]}}" if m == M - 1 else "{{\\]}},"
        print(f"CHECK-NEXT: {open_}{row}{close}")


def emit_check():
    for form in FORMS:
        emit_check_form(*form)


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    if which == "main":
        emit_main()
    elif which == "check":
        emit_check()
    else:
        sys.exit("usage: from_linalg_values.py main|check")
