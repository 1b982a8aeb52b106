"""Inputs and expected outputs of liquid-from-linalg-values.mlir.

Draws a small W4A8 problem from a fixed seed, quantizes it with liquid's
LiquidQuant (python/liquid/quant.py) and computes the expected output with
liquid's numpy reference (python/liquid/reference.py reference_gemm).

  from_linalg_values.py main   : an MLIR @main that calls @w4a8_linear (the
                                 linalg form in the test) on the inputs as
                                 constants and prints the f16 result as its
                                 raw bits (printMemrefI16), exactly.
  from_linalg_values.py check  : FileCheck lines of the expected bits.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "python"))

from liquid.quant import quantize_weights  # noqa: E402
from liquid.reference import reference_gemm  # noqa: E402

M, N, K, G = 3, 64, 128, 64
SEED = 4


def problem():
    rng = np.random.default_rng(SEED)
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


def emit_main(x, q, sx):
    ng = K // G
    print(f"""
func.func private @printMemrefI16(memref<*xi16>) attributes {{llvm.emit_c_interface}}

func.func @main() {{
  %x = arith.constant dense<{dense(x, lambda v: str(int(v)))}> : tensor<{M}x{K}xi8>
  %q = arith.constant dense<{dense(q.codes, lambda v: str(int(v)))}> : tensor<{N}x{K}xi4>
  %s = arith.constant dense<{dense(q.scales, lambda v: str(int(v)))}> : tensor<{N}x{ng}xi8>
  %a = arith.constant dense<{dense(q.offsets.view(np.int8), lambda v: str(int(v)))}> : tensor<{N}x{ng}xi8>
  %sx = arith.constant dense<{dense(sx, f32)}> : tensor<{M}xf32>
  %s1 = arith.constant dense<{dense(q.channel_scales, f32)}> : tensor<{N}xf32>
  %y = call @w4a8_linear(%x, %q, %s, %a, %sx, %s1)
      : (tensor<{M}x{K}xi8>, tensor<{N}x{K}xi4>, tensor<{N}x{ng}xi8>, tensor<{N}x{ng}xi8>,
         tensor<{M}xf32>, tensor<{N}xf32>) -> tensor<{M}x{N}xf16>
  %be = tensor.empty() : tensor<{M}x{N}xi16>
  %bits = linalg.generic {{indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m, n)>],
                          iterator_types = ["parallel", "parallel"]}}
      ins(%y : tensor<{M}x{N}xf16>) outs(%be : tensor<{M}x{N}xi16>) {{
  ^bb0(%h: f16, %o: i16):
    %b = arith.bitcast %h : f16 to i16
    linalg.yield %b : i16
  }} -> tensor<{M}x{N}xi16>
  %buf = bufferization.to_buffer %bits : tensor<{M}x{N}xi16> to memref<{M}x{N}xi16>
  %u = memref.cast %buf : memref<{M}x{N}xi16> to memref<*xi16>
  call @printMemrefI16(%u) : (memref<*xi16>) -> ()
  return
}}""")


def emit_check(x, q, sx):
    _, y = reference_gemm(x, q, sx)
    assert y.dtype == np.float16 and np.all(np.isfinite(y))
    bits = y.view(np.int16)
    print(f"CHECK: rank = 2 offset = 0 sizes = [{M}, {N}] strides = [{N}, 1] data =")
    for m in range(M):
        row = ", ".join(str(int(v)) for v in bits[m])
        # "[[" opens a FileCheck variable: spell the brackets as regexes.
        open_ = "{{\\[\\[}}" if m == 0 else "{{\\[}}"
        close = "{{\\]\\]}}" if m == M - 1 else "{{\\]}},"
        print(f"CHECK-NEXT: {open_}{row}{close}")


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    if which == "main":
        emit_main(*problem())
    elif which == "check":
        emit_check(*problem())
    else:
        sys.exit("usage: from_linalg_values.py main|check")
