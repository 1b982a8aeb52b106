#!/usr/bin/env python3
"""The instruction mix of a liquid kernel's consumer main loop, from SASS.

    sass_mix.py FILE --mode xor|offset [--max X] [--kernel NAME] [-v]

FILE is the output of `cuobjdump -sass` or `nvdisasm` on a liquid cubin
("-" reads stdin). For each kernel with IGMMA instructions the script

  1. finds the consumer main loop: of the backward branches (a BRA whose
     target is at or before it), the one whose range [target, branch] holds
     the most IGMMAs, the smallest such range if several do (spin loops of
     mbarrier waits branch back into the loop from code placed after it, so
     they make larger ranges; the loop runs four k blocks per iteration and
     up to three more follow it where a K slice's length is not a multiple
     of four);
  2. counts, in that range, the integer instructions that dequantize
     (DESIGN.md §2): per 32-bit word of eight 4-bit codes,
        lo = P & 0x0F0F0F0F               LOP3.LUT ..., 0xf0f0f0f
        hi = (P >> 4) & 0x0F0F0F0F        SHF.R.U32.HI ..., 0x4 + LOP3.LUT
        r  = r * s + a * 0x01010101       IMAD with three register sources,
                                          whose result feeds an IGMMA A
                                          operand or the XOR
        r ^= 0x80808080 (xor mode only)   LOP3.LUT ..., 0x80808080
     that is 7 instructions per 8 weights in xor mode, 5 in offset mode;
  3. counts the weights one iteration dequantizes per thread: 32 per
     LDS.128 (16 bytes of 4-bit codes), which must agree with the IGMMAs'
     register A operands (4 registers of 4 int8 weights each);
  4. prints `dequant-per-8-weights: X`, `instructions-per-k-block: Y` (the
     loop's length over its LDS.128 count: the decode loop is close to
     issue-bound, so its length is its speed) and the full instruction mix,
     and exits with status 1 when X exceeds --max or Y --max-per-kblock.
     Any other surprise
     (no IGMMA, no loop, an IGMMA of the wrong type or with its A operand in
     shared memory, consecutive k blocks whose IGMMAs share A registers,
     weights that do not add up) exits with status 2.
"""

import argparse
import collections
import re
import sys

INSTRUCTION = re.compile(r"^\s*/\*([0-9a-fA-F]+)\*/\s+([^.\s/][^;]*?)\s*;")
LABEL = re.compile(r"^\s*(\.L_x_\d+):")
CUOBJDUMP_FUNCTION = re.compile(r"^\s*Function\s*:\s*(\S+)")
NVDISASM_TEXT = re.compile(r"^\s*\.section\s+\.text\.([^,\s]+)")
NVDISASM_SECTION = re.compile(r"^\s*\.section\s")
PREDICATE = re.compile(r"^@!?U?P[T0-9]+\s+")
REGISTER = re.compile(r"^R(\d+)$")
IGMMA_SHAPE = re.compile(r"^IGMMA\.64x(\d+)x32\.([SU]8)\.([SU]8)")

LO_MASK = "0xf0f0f0f"
SIGN_FLIP = "0x80808080"
WEIGHTS_PER_LDS128 = 32
WEIGHTS_PER_IGMMA = 16  # 4 A registers x 4 int8 weights per thread


class Instruction:
    def __init__(self, address, text):
        self.address = address
        self.text = text
        body = PREDICATE.sub("", text)
        opcode, _, rest = body.partition(" ")
        self.opcode = opcode
        self.operands = [op.strip() for op in rest.split(",") if op.strip()]

    def register(self, i):
        """The register number of operand i (its .reuse flag dropped)."""
        if i >= len(self.operands):
            return None
        m = REGISTER.match(self.operands[i].split(".")[0])
        return int(m.group(1)) if m else None

    def igmma_a_registers(self):
        """The registers of an IGMMA's A operand (None: a descriptor)."""
        a = self.register(1)
        return None if a is None else set(range(a, a + 4))

    def igmma_d_registers(self):
        d = self.register(0)
        m = IGMMA_SHAPE.match(self.opcode)
        n = int(m.group(1)) if m else 8
        return set() if d is None else set(range(d, d + n // 2))

    def sources(self):
        if self.opcode.startswith("IGMMA"):
            regs = set(self.igmma_a_registers() or ())
            c = self.register(3)
            if c is not None:
                regs |= self.igmma_d_registers()
            return regs
        return {r for r in (self.register(i) for i in range(1, len(self.operands))) if r is not None}

    def destinations(self):
        if self.opcode.startswith("IGMMA"):
            return self.igmma_d_registers()
        d = self.register(0)
        if d is None:
            return set()
        width = 1
        m = re.search(r"\.(64|128)\b", self.opcode)
        if m and self.opcode.startswith(("LDS", "LDG", "LD.")):
            width = int(m.group(1)) // 32
        return set(range(d, d + width))


def fail(message):
    print("sass_mix.py: error: " + message, file=sys.stderr)
    sys.exit(2)


def parse(lines):
    """{kernel: [Instruction]} in address order, branch labels resolved."""
    kernels = collections.OrderedDict()
    current = None
    labels = {}
    pending = []
    for line in lines:
        m = CUOBJDUMP_FUNCTION.match(line) or NVDISASM_TEXT.match(line)
        if m:
            current = m.group(1)
            kernels.setdefault(current, [])
            labels[current] = {}
            pending = []
            continue
        if NVDISASM_SECTION.match(line):
            current = None
            continue
        if current is None:
            continue
        m = LABEL.match(line)
        if m:
            pending.append(m.group(1))
            continue
        m = INSTRUCTION.match(line)
        if m:
            inst = Instruction(int(m.group(1), 16), m.group(2))
            for label in pending:
                labels[current][label] = inst.address
            pending = []
            kernels[current].append(inst)
    for name, insts in kernels.items():
        for inst in insts:
            inst.target = None
            if inst.opcode.startswith(("BRA", "BRX")) and inst.operands:
                op = inst.operands[-1]
                m = re.search(r"`\((\.L_x_\d+)\)", op)
                if m:
                    inst.target = labels[name].get(m.group(1))
                elif re.match(r"^0x[0-9a-fA-F]+$", op):
                    inst.target = int(op, 16)
    return kernels


def main_loop(insts):
    """The instructions of the consumer main loop: the backward-branch range
    holding the most IGMMAs (an odd-length K slice runs one more stage after
    the loop), the smallest such range if several do; None without one."""
    best = None
    for inst in insts:
        t = inst.target
        if t is None or t > inst.address:
            continue
        count = sum(1 for i in insts
                    if t <= i.address <= inst.address
                    and i.opcode.startswith("IGMMA"))
        key = (-count, inst.address - t)
        if count and (best is None or key < best[0]):
            best = (key, t, inst.address)
    if best is None:
        return None
    return [i for i in insts if best[1] <= i.address <= best[2]]


def classify(loop):
    """The dequantizing instructions of `loop`, by kind."""
    kinds = collections.OrderedDict(
        (k, [])
        for k in (
            "LOP3.LUT & 0x0f0f0f0f",
            "SHF.R.U32.HI >> 4",
            "IMAD r*s+a (3 registers)",
            "LOP3.LUT ^ 0x80808080",
        )
    )
    for idx, inst in enumerate(loop):
        ops = [op.split(".reuse")[0] for op in inst.operands]
        if inst.opcode == "LOP3.LUT" and LO_MASK in ops:
            kinds["LOP3.LUT & 0x0f0f0f0f"].append(inst)
        elif inst.opcode == "LOP3.LUT" and SIGN_FLIP in ops:
            kinds["LOP3.LUT ^ 0x80808080"].append(inst)
        elif inst.opcode == "SHF.R.U32.HI" and "0x4" in ops:
            kinds["SHF.R.U32.HI >> 4"].append(inst)
        elif inst.opcode in ("IMAD", "IMAD.U32") and len(ops) == 4 and all(
            inst.register(i) is not None for i in (1, 2, 3)
        ):
            if feeds_mma_or_xor(loop, idx):
                kinds["IMAD r*s+a (3 registers)"].append(inst)
    return kinds


def feeds_mma_or_xor(loop, idx):
    """Whether the first reader of the IMAD's result, before anything
    overwrites it, is an IGMMA A operand or the 0x80808080 XOR."""
    d = loop[idx].register(0)
    for inst in loop[idx + 1 :]:
        if d in inst.sources():
            if inst.opcode.startswith("IGMMA"):
                return d in (inst.igmma_a_registers() or ())
            return inst.opcode == "LOP3.LUT" and SIGN_FLIP in [
                op.split(".reuse")[0] for op in inst.operands
            ]
        if d in inst.destinations():
            return False
    return False


def number(x):
    return str(int(x)) if x == int(x) else "%.2f" % x


def analyze(name, insts, args):
    loop = main_loop(insts)
    if loop is None:
        fail(name + ": no backward branch encloses the IGMMA instructions")
    igmmas = [i for i in loop if i.opcode.startswith("IGMMA")]
    expected = {"xor": ("S8", "S8"), "offset": ("U8", "S8")}[args.mode]
    for i in igmmas:
        m = IGMMA_SHAPE.match(i.opcode)
        if not m or (m.group(2), m.group(3)) != expected:
            fail(name + ": %s at 0x%04x is not the %s-mode IGMMA (.%s.%s)"
                 % (i.opcode, i.address, args.mode, *expected))
        if i.igmma_a_registers() is None:
            fail(name + ": %s at 0x%04x reads A from shared memory, not registers"
                 % (i.opcode, i.address))
    # The loop keeps one k block's MMAs in flight while it dequantizes the
    # next, and a wgmma reads its A registers until it retires: consecutive
    # k blocks (IGMMA pairs) must not share A registers.
    pairs = [igmmas[i:i + 2] for i in range(0, len(igmmas), 2)]
    for before, after in zip(pairs, pairs[1:] + pairs[:1]):
        used = set().union(*(i.igmma_a_registers() for i in before))
        if before is not after and used & set().union(
                *(i.igmma_a_registers() for i in after)):
            fail(name + ": the IGMMAs at 0x%04x and 0x%04x read the same A "
                 "registers while the first may still be in flight"
                 % (before[0].address, after[0].address))
    lds128 = [i for i in loop if i.opcode.startswith("LDS") and ".128" in i.opcode]
    weights = WEIGHTS_PER_LDS128 * len(lds128)
    if weights == 0 or weights != WEIGHTS_PER_IGMMA * len(igmmas):
        fail(name + ": %d LDS.128 (%d weights) per iteration do not feed %d "
             "register-A IGMMA (%d weights)"
             % (len(lds128), weights, len(igmmas), WEIGHTS_PER_IGMMA * len(igmmas)))
    kinds = classify(loop)
    dequant = sum(len(v) for v in kinds.values())
    per8 = dequant * 8.0 / weights
    per_kblock = len(loop) * 1.0 / len(lds128)

    print("kernel: " + name)
    print("main loop: 0x%04x-0x%04x, %d instructions"
          % (loop[0].address, loop[-1].address, len(loop)))
    print("LDS.128 per iteration: %d" % len(lds128))
    print("IGMMA per iteration: %d" % len(igmmas))
    print("weights per thread per iteration: %d" % weights)
    print("dequant instructions per iteration: %d" % dequant)
    for kind, found in kinds.items():
        print("  %s: %d" % (kind, len(found)))
        if args.verbose:
            for i in found:
                print("    /*%04x*/ %s" % (i.address, i.text))
    print("dequant-per-8-weights: " + number(per8))
    print("instructions-per-k-block: " + number(per_kblock))
    print("instruction mix:")
    mix = collections.Counter(i.opcode for i in loop)
    for opcode, count in sorted(mix.items(), key=lambda kv: (-kv[1], kv[0])):
        print("  %-28s %d" % (opcode, count))
    ok = True
    if args.max is not None and per8 > args.max:
        print("sass_mix.py: %s: %s dequant instructions per 8 weights, more than "
              "the %s allowed" % (name, number(per8), number(args.max)),
              file=sys.stderr)
        ok = False
    if args.max_per_kblock is not None and per_kblock > args.max_per_kblock:
        print("sass_mix.py: %s: %s loop instructions per k block, more than "
              "the %s allowed" % (name, number(per_kblock),
                                  number(args.max_per_kblock)),
              file=sys.stderr)
        ok = False
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", help="cuobjdump -sass or nvdisasm output, - for stdin")
    parser.add_argument("--mode", choices=("xor", "offset"), required=True)
    parser.add_argument("--max", type=float, help="most dequant instructions per 8 weights")
    parser.add_argument("--max-per-kblock", type=float,
                        help="most main-loop instructions per k block (LDS.128)")
    parser.add_argument("--kernel", help="only this kernel")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the dequant instructions")
    args = parser.parse_args()
    try:
        f = sys.stdin if args.file == "-" else open(args.file)
        with f:
            kernels = parse(f)
    except OSError as e:
        fail(str(e))
    selected = [(n, i) for n, i in kernels.items()
                if (args.kernel is None or n == args.kernel)
                and any(x.opcode.startswith("IGMMA") for x in i)]
    if not selected:
        fail("no kernel with IGMMA instructions in " + args.file)
    ok = True
    for name, insts in selected:
        ok = analyze(name, insts, args) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
