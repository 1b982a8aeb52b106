#!/usr/bin/env python3
"""Regenerates the fuzzers' seed corpora from the lit tests and examples.

    python3 test/Fuzz/make_corpus.py          # rewrites test/Fuzz/corpus/seed-*

liquid-mlir-fuzzer seeds (corpus/mlir/seed-*): every lit test input (each
`// -----` split and each split-file part on its own) and every example,
with RUN/CHECK/expected-* comment lines dropped and a first line
`// liquid-fuzz: STAGE [OPTIONS]` naming the stage its RUN lines run
(liquid-opt's pass flag and options; parse-only tests get `verify`). A test
whose RUN lines run several stages gives one seed per stage.

liquid-driver-fuzzer seeds (corpus/driver/seed-*): every
`liquid-compile --m .. --n .. --k .. --group ..` command of the lit tests and
scripts, as the `key=value` line that fuzzer reads.

liquid-manifest-fuzzer seeds (corpus/manifest/seed-*): the example of
docs/Manifest.md and, when build/bin/liquid-compile and ptxas are there, the
manifests it writes for a few problems (xor and offset, split-K, bf16,
G = K, one consumer).

Regression inputs (corpus/*/regression-*) are written by hand and kept.
"""

import hashlib
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "Fuzz", "corpus")

# liquid-opt flags that name a stage of liquid-mlir-fuzzer, in pipeline order.
STAGE_FLAGS = [
    "liquid-from-linalg",
    "liquid-select-config",
    "liquid-warp-specialize",
    "liquid-dual-mma-layout",
    "liquid-lower-dequant",
    "convert-liquid-to-nvvm",
    "liquid-to-nvvm",
    "canonicalize",
]
OPTION_KEYS = {"m-max", "token-tile", "consumers", "stages", "split-k",
               "blocks-per-sm", "cluster"}


def run_lines(text):
    """The RUN commands of a lit test, continuation lines joined."""
    commands, current = [], ""
    for line in text.splitlines():
        m = re.match(r"\s*//\s*RUN:(.*)$", line)
        if not m:
            continue
        part = m.group(1).strip()
        if part.endswith("\\"):
            current += part[:-1] + " "
            continue
        commands.append(current + part)
        current = ""
    return commands


def stages_of(command):
    """(stage, options) for each liquid-opt stage flag in a RUN command; the
    first stage flag wins (later ones run on its output)."""
    if "liquid-opt" not in command:
        return []
    try:
        words = shlex.split(command.split("|")[0])
    except ValueError:
        words = command.split()
    for word in words:
        flag = word.lstrip("-")
        name, _, value = flag.partition("=")
        if name in STAGE_FLAGS:
            options = []
            for option in value.split():
                key, _, number = option.partition("=")
                if key in OPTION_KEYS and re.fullmatch(r"-?\d+", number):
                    options.append(f"{key}={number}")
            return [(name, " ".join(options))]
        if name == "pass-pipeline":
            for stage in STAGE_FLAGS:
                if stage in flag:
                    return [(stage, "")]
    return [("verify", "")]


def split_inputs(text):
    """(part name, text) of each input of a test file: split-file parts, then
    `// -----` splits."""
    parts = []
    if re.search(r"^//--- ", text, re.M):
        chunks = re.split(r"^//--- (\S+)\n", text, flags=re.M)
        for name, body in zip(chunks[1::2], chunks[2::2]):
            parts.append((name, body))
    else:
        parts.append(("", text))
    out = []
    for name, body in parts:
        for piece in re.split(r"^// -----\s*$", body, flags=re.M):
            out.append((name, piece))
    return out


def strip_comments(text):
    kept = [l for l in text.splitlines() if not l.lstrip().startswith("//")]
    body = "\n".join(kept).strip()
    return body + "\n" if body else ""


def mlir_seeds():
    seeds = {}
    sources = []
    for base, _, files in os.walk(os.path.join(ROOT, "test")):
        if os.path.relpath(base, ROOT).startswith(os.path.join("test", "Fuzz")):
            continue
        sources += [os.path.join(base, f) for f in files if f.endswith(".mlir")]
    examples = os.path.join(ROOT, "examples")
    sources += [os.path.join(examples, f) for f in os.listdir(examples) if f.endswith(".mlir")]
    for path in sorted(sources):
        text = open(path).read()
        rel = os.path.relpath(path, ROOT)
        commands = run_lines(text)
        for name, piece in split_inputs(text):
            body = strip_comments(piece)
            if not body:
                continue
            # Which commands read this part: split-file tests name it.
            stages = []
            for command in commands:
                if name and name not in command:
                    continue
                stages += stages_of(command)
            if rel.startswith("examples"):
                stages = [("liquid-to-nvvm", "m-max=16"), ("verify", "")]
            if not stages:
                stages = [("verify", "")]
            for stage, options in dict.fromkeys(stages):
                header = f"// liquid-fuzz: {stage} {options}".rstrip()
                seed = header + "\n" + body
                seeds[hashlib.sha1(seed.encode()).hexdigest()[:16]] = seed
    return seeds


def driver_seeds():
    seeds = {}
    texts = []
    for base, _, files in os.walk(ROOT):
        if any(part in base for part in ("/build", "/.git", "/corpus")):
            continue
        for f in files:
            if f.endswith((".mlir", ".sh", ".md")):
                texts.append(open(os.path.join(base, f), errors="replace").read())
    keys = {"m", "n", "k", "group", "mode", "out-type", "token-tile", "consumers", "stages", "split-k"}
    for text in texts:
        for line in text.splitlines():
            if "liquid-compile " not in line or "--n" not in line:
                continue
            command = line[line.index("liquid-compile ") :].split("|")[0].split("2>&1")[0]
            try:
                words = shlex.split(command)
            except ValueError:
                continue
            pairs, i = [], 1
            while i < len(words):
                word = words[i]
                if word.startswith("--"):
                    key, eq, value = word[2:].partition("=")
                    if not eq and i + 1 < len(words):
                        value = words[i + 1]
                        i += 1
                    numeric = key not in ("mode", "out-type")
                    if key in keys and re.fullmatch(r"-?\d+" if numeric else r"\w+", value):
                        pairs.append(f"{key}={value}")
                i += 1
            if not any(p.startswith("n=") for p in pairs):
                continue
            seed = " ".join(pairs) + "\n"
            seeds[hashlib.sha1(seed.encode()).hexdigest()[:16]] = seed
    return seeds


MANIFEST_PROBLEMS = [
    "--m 64 --n 4096 --k 4096 --group 64",
    "--m 16 --n 4096 --k 4096 --group 64 --mode offset",
    "--m 256 --n 4096 --k 4096 --group 128 --out-type bf16",
    "--m 1 --n 8192 --k 28672 --group 28672",
    "--m 300 --n 192 --k 1024 --group 64 --consumers 1",
]


def manifest_seeds():
    seeds = {}
    doc = open(os.path.join(ROOT, "docs", "Manifest.md")).read()
    for block in re.findall(r"```json\n(.*?)```", doc, flags=re.S):
        if '"schema"' in block:
            seeds[hashlib.sha1(block.encode()).hexdigest()[:16]] = block
    compiler = os.path.join(ROOT, "build", "bin", "liquid-compile")
    if not os.access(compiler, os.X_OK):
        print("manifest: no build/bin/liquid-compile, only the documented example")
        return seeds
    with tempfile.TemporaryDirectory() as out:
        for problem in MANIFEST_PROBLEMS:
            run = subprocess.run([compiler, *problem.split(), "-o", out], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"manifest: liquid-compile {problem} failed: {run.stderr.strip()}")
        for name in sorted(os.listdir(out)):
            if name.endswith(".json"):
                text = open(os.path.join(out, name)).read()
                seeds[hashlib.sha1(text.encode()).hexdigest()[:16]] = text
    return seeds


def write(kind, seeds):
    directory = os.path.join(OUT, kind)
    os.makedirs(directory, exist_ok=True)
    for f in os.listdir(directory):
        if f.startswith("seed-"):
            os.remove(os.path.join(directory, f))
    for digest, seed in sorted(seeds.items()):
        with open(os.path.join(directory, "seed-" + digest), "w") as f:
            f.write(seed)
    print(f"{kind}: {len(seeds)} seeds in {os.path.relpath(directory, ROOT)}")


def main():
    write("mlir", mlir_seeds())
    write("driver", driver_seeds())
    write("manifest", manifest_seeds())
    return 0


if __name__ == "__main__":
    sys.exit(main())
