#!/usr/bin/env python3
"""Turns the sweep's JSON (scripts/gpu/sweep.py) into a Markdown table and a
PNG of liquid's speedup over each peer by M.

    plot_sweep.py SWEEP.json OUTDIR

Writes OUTDIR/summary.md (every cell: times, the floor of ../shared/PEERS.md
and ratios peer/liquid, > 1 means liquid is faster) and OUTDIR/speedup.png.
"""

import json
import sys
from pathlib import Path

PEERS = ["int8", "fp16", "fp8", "w4a16"]
HBM_BYTES_PER_US = 3.0e6  # 3.0 TB/s, PEERS.md
INT8_OPS_PER_US = 1979e6  # 1979 TOPS dense int8


def floor_us(n, k, m, group=64):
    """max(bytes / 3.0 TB/s, 2MNK / 1979 TOPS), bytes as PEERS.md counts them."""
    weight_bytes = n * k / 2 + n * k / group * 2
    moved = weight_bytes + m * k + 2 * m * n
    return max(moved / HBM_BYTES_PER_US, 2.0 * m * n * k / INT8_OPS_PER_US)


def best_liquid(cell):
    times = [cell[f"liquid_{mode}_us"] for mode in ("xor", "offset")
             if f"liquid_{mode}_us" in cell]
    return min(times) if times else None


def main():
    sweep = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    cells = sweep["cells"]

    lines = [
        f"Device: {sweep['device']} ({sweep['sms']} SMs), PyTorch {sweep['torch']}, "
        f"CUDA {sweep['cuda']}. {sweep['protocol']}.",
        "",
        "Times in µs; `x peer` = peer time / liquid time (xor mode), above 1 "
        "liquid is faster. `floor` as in PEERS.md.",
        "",
        "| N x K | M | config (xor) | floor | liquid xor | liquid offset | int8 | fp16 | fp8 | "
        "w4a16 | x int8 | x fp16 | x fp8 | x w4a16 | floor / xor |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for c in cells:
        cfg = c.get("liquid_xor_config", {})
        cfg_text = ("t{token_tile} c{consumers} s{stages} sk{split_k}".format(**cfg)
                    + (" b{}".format(cfg["blocks_per_sm"]) if cfg.get("blocks_per_sm", 1) > 1 else "")
                    + (" cl{}".format(cfg["cluster"]) if cfg.get("cluster", 1) > 1 else "")
                    + (" stk{}".format(cfg["stream_k"]) if cfg.get("stream_k", 1) > 1 else "")
                    if cfg else "-")
        xor = c.get("liquid_xor_us")
        fl = floor_us(c["n"], c["k"], c["m"])

        def t(key):
            v = c.get(key)
            return f"{v:.1f}" if v is not None else "-"

        def ratio(peer):
            v = c.get(f"{peer}_us")
            return f"{v / xor:.2f}x" if v is not None and xor else "-"

        lines.append(
            f"| {c['n']}x{c['k']} | {c['m']} | {cfg_text} | {fl:.1f} | {t('liquid_xor_us')} | "
            f"{t('liquid_offset_us')} | {t('int8_us')} | {t('fp16_us')} | {t('fp8_us')} | "
            f"{t('w4a16_us')} | {ratio('int8')} | {ratio('fp16')} | {ratio('fp8')} | "
            f"{ratio('w4a16')} | {fl / xor:.2f} |" if xor else
            f"| {c['n']}x{c['k']} | {c['m']} | - | {fl:.1f} | - | - | - | - | - | - | - | - | - | - | - |")
    (out / "summary.md").write_text("\n".join(lines) + "\n")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shapes = []
    for c in cells:
        key = (c["n"], c["k"])
        if key not in shapes:
            shapes.append(key)
    fig, axes = plt.subplots(1, len(PEERS), figsize=(5 * len(PEERS), 4.5), sharey=False)
    for ax, peer in zip(axes, PEERS):
        for n, k in shapes:
            row = [c for c in cells if (c["n"], c["k"]) == (n, k)
                   and c.get("liquid_xor_us") and c.get(f"{peer}_us")]
            ax.plot([c["m"] for c in row], [c[f"{peer}_us"] / c["liquid_xor_us"] for c in row],
                    marker="o", label=f"{n}x{k}")
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log", base=2)
        ax.set_xlabel("M (tokens)")
        ax.set_ylabel(f"speedup over {peer}")
        ax.set_title(f"liquid W4A8 vs {peer}")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.suptitle(f"liquid (xor mode) speedup by M, {sweep['device']}, one run")
    fig.tight_layout()
    fig.savefig(out / "speedup.png", dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main())
