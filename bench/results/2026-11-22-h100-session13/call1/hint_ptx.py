#!/usr/bin/env python3
"""Experiment: add L2 cache-policy hints to a liquid kernel's TMA loads.
hint_ptx.py IN.ptx OUT.ptx SPEC  where SPEC maps param index -> policy, e.g. 0=first,2=first,3=first,1=last"""
import re, sys
src, dst, spec = sys.argv[1], sys.argv[2], sys.argv[3]
policy = {int(k): v for k, v in (p.split("=") for p in spec.split(","))}
text = open(src).read()
maps = {}
for m in re.finditer(r"ld\.param\.b64\s+(%rd\d+), \[\w+_param_(\d+)\];", text):
    maps[m.group(1)] = int(m.group(2))
lines = text.split("\n")
out, inserted, patched = [], False, 0
for line in lines:
    if not inserted and line.strip().startswith("ld.param"):
        out.append("\t.reg .b64 %lqpol<2>;")
        out.append("\tcreatepolicy.fractional.L2::evict_first.b64 %lqpol0, 1.0;")
        out.append("\tcreatepolicy.fractional.L2::evict_last.b64 %lqpol1, 1.0;")
        inserted = True
    m = re.match(r"(\s*)(cp\.async\.bulk\.tensor\.\S+)\s+(\[[^\]]*\]), \[(%rd\d+), (\{[^}]*\})\], (.*);$", line)
    if m:
        ind, op, d, mp, coords, rest = m.groups()
        p = maps[mp]
        if p in policy:
            reg = "%lqpol0" if policy[p] == "first" else "%lqpol1"
            line = f"{ind}{op}.L2::cache_hint {d}, [{mp}, {coords}], {rest}, {reg};"
            patched += 1
    out.append(line)
assert inserted and patched, (inserted, patched)
open(dst, "w").write("\n".join(out))
print(f"{dst}: {patched} loads hinted")
