# Per-call times of the split-K kernels that variants.py timed 4-8x slow.
import sys, json, statistics, time
from pathlib import Path
import torch
sys.path.insert(0, "scripts/gpu")
from sweep import liquid_call
flush = torch.empty(256 << 20, dtype=torch.uint8, device="cuda")
def per_call(fn, iters=40, do_flush=True):
    for _ in range(5): fn()
    torch.cuda.synchronize()
    s = [torch.cuda.Event(enable_timing=True) for _ in range(iters)]
    e = [torch.cuda.Event(enable_timing=True) for _ in range(iters)]
    for i in range(iters):
        if do_flush: flush.zero_()
        s[i].record(); fn(); e[i].record()
    torch.cuda.synchronize()
    return [round(a.elapsed_time(b) * 1000, 1) for a, b in zip(s, e)]
D = Path("bench/cubins/v2/m16")
for rep in range(2):
    for name in ["liquid_w4a8_n8192_k8192_g64_xor_t16_c2_s8_sk4_b2", "liquid_w4a8_n8192_k8192_g64_xor_t16_c2_s8_sk4",
                 "liquid_w4a8_n8192_k8192_g64_xor_t16_c2_s8_sk2_b2", "liquid_w4a8_n8192_k28672_g64_xor_t16_c2_s8_sk4_b2"]:
        man = D / (name + ".json")
        n, k = json.loads(man.read_text())["problem"]["n"], json.loads(man.read_text())["problem"]["k"]
        kernel, call = liquid_call(man, n, k, 16)
        t = per_call(call)
        t2 = per_call(call, do_flush=False)
        # host time of one call
        torch.cuda.synchronize(); h0 = time.perf_counter(); call(); h1 = time.perf_counter(); torch.cuda.synchronize()
        print(rep, name[12:], "flush med", statistics.median(t), "min", min(t), "max", max(t), "| noflush med", statistics.median(t2), "| host us", round((h1-h0)*1e6,1))
        print("   ", t[:20])
        kernel.close()
