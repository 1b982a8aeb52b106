#!/usr/bin/env python3
"""Band numbers of a sweep (scripts/gpu/sweep.py output) against issue #5's
targets: cells below cuBLAS int8, cells at least as fast as fp8 (xor and
offset mode), the mid band (M = 64 - 256) against fp8 and 1.6x int8 with the
cells that miss, M >= 1024 against int8, where offset beats xor, and
LLaMA2-7B gate_up at M = 256.

    sweep_bands.py SWEEP.json [...]
"""
import json, sys
for path in sys.argv[1:]:
    cells = json.load(open(path))["cells"]
    x = lambda c, p: c[p + "_us"] / c["liquid_xor_us"]
    below = [c for c in cells if x(c, "int8") < 1]
    fp8 = sum(x(c, "fp8") >= 1 for c in cells); fp8o = sum(c["fp8_us"] >= c["liquid_offset_us"] for c in cells)
    mid = [c for c in cells if 64 <= c["m"] <= 256]
    midfp8 = sum(x(c, "fp8") >= 1 for c in mid); mid16 = sum(x(c, "int8") >= 1.6 for c in mid)
    big = [x(c, "int8") for c in cells if c["m"] >= 1024]
    off = sum(c["liquid_offset_us"] < c["liquid_xor_us"] for c in cells)
    g = [c for c in cells if c["n"] == 22016 and c["m"] == 256][0]
    print(path.split("/")[-1], "below int8:", len(below), "| >=fp8 xor/offset:", fp8, fp8o, "of", len(cells),
          "| mid >=fp8", midfp8, "/", len(mid), ">=1.6 int8", mid16, "| M>=1024 int8 %.2f-%.2f" % (min(big), max(big)),
          "| offset faster", off, "| gate_up M=256 %.1f / %.1f (fp8 %.1f)" % (g["liquid_xor_us"], g["liquid_offset_us"], g["fp8_us"]))
    print("  mid fails 1.6:", ", ".join("%dx%d M=%d %.2f" % (c["n"], c["k"], c["m"], x(c, "int8")) for c in mid if x(c, "int8") < 1.6))
    print("  mid below fp8:", ", ".join("%dx%d M=%d %.2f" % (c["n"], c["k"], c["m"], x(c, "fp8")) for c in mid if x(c, "fp8") < 1))
