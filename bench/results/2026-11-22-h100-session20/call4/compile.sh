#!/usr/bin/env bash
# Session 20, call 4 (run here): the split-K reduce cost on shapes the fit
# never saw. Every cell of ten other shapes (LLaMA2-13B, Mistral/LLaMA3-8B,
# 70B with N = 1024, two small N) at M = 1 - 512 whose pick the new table
# changes: new/m<M>/ the working tree's pick, old/m<M>/ fe50857's (its
# token tile, consumers, slices and blocks per SM forced; the rest of a
# config follows from those as in the table), into bench/cubins/s20c4.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s20c4; rm -rf $C; mkdir -p $C/old $C/new
git show fe50857:scripts/fit_config_table.py > $C/fit_old.py
python3 - "$C" <<'PY' > $C/jobs.txt
import importlib.util, sys
def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
    return module
C = sys.argv[1]
old = load(f"{C}/fit_old.py", "old"); new = load("scripts/fit_config_table.py", "new")
shapes = [(15360, 5120), (5120, 5120), (27648, 5120), (5120, 13824), (2048, 4096),
          (1024, 4096), (6144, 4096), (4096, 14336), (28672, 4096), (1024, 8192)]
for n, k in shapes:
    for m in (1, 4, 16, 32, 64, 128, 256, 512):
        a = old.table_pick(old.TABLE, m, n, k)
        if a == new.table_pick(new.TABLE, m, n, k):
            continue
        cell = f"--m {m} --n {n} --k {k} --group 64"
        print(f"build/bin/liquid-compile {cell} -o {C}/new/m{m}")
        t, c, s, b = a
        print(f"build/bin/liquid-compile {cell} --token-tile {t} --consumers {c} "
              f"--split-k {s} --blocks-per-sm {b} -o {C}/old/m{m}")
PY
xargs -P2 -I{} sh -c '{} > /dev/null' < $C/jobs.txt
echo "old $(find $C/old -name '*.json' | wc -l) new $(find $C/new -name '*.json' | wc -l)"
