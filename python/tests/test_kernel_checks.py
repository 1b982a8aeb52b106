"""Misuse of Kernel and the runtime bindings that is caught before any GPU
work: a manifest that is missing, not JSON or lacks the fields Kernel reads,
a missing cubin, a launch with the wrong number of operands. Needs neither
torch nor a GPU (the GPU-side refusals are in test_gpu.py)."""

import copy
import json
import re
from pathlib import Path

import pytest

import liquid
from liquid import _runtime

ROOT = Path(__file__).resolve().parents[2]


def documented_manifest():
    """The example of docs/Manifest.md (the one the C++ tests read too)."""
    text = (ROOT / "docs" / "Manifest.md").read_text()
    block = re.search(r"```json\n(.*?)```", text, re.S).group(1)
    return json.loads(block)


def write_kernel(tmp_path, manifest, cubin=b"\x7fELF"):
    manifest_path = tmp_path / "kernel.json"
    manifest_path.write_text(manifest if isinstance(manifest, str) else json.dumps(manifest))
    cubin_path = tmp_path / "kernel.cubin"
    if cubin is not None:
        cubin_path.write_bytes(cubin)
    return cubin_path, manifest_path


def test_reads_the_documented_manifest(tmp_path):
    kernel = liquid.Kernel(*write_kernel(tmp_path, documented_manifest()))
    assert (kernel.n, kernel.k, kernel.group_size, kernel.mode) == (4096, 4096, 64, "xor")
    assert kernel.name == "liquid_w4a8_n4096_k4096_g64_xor_t64_c2_s8"


def test_missing_manifest(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"cannot read manifest '.*missing\.json'"):
        liquid.Kernel(tmp_path / "k.cubin", tmp_path / "missing.json")


def test_manifest_that_is_not_json(tmp_path):
    with pytest.raises(ValueError, match=r"manifest '.*kernel\.json' is not JSON"):
        liquid.Kernel(*write_kernel(tmp_path, '{"schema": 1,'))


def test_manifest_that_is_not_an_object(tmp_path):
    with pytest.raises(ValueError, match="must be a JSON object"):
        liquid.Kernel(*write_kernel(tmp_path, "[1, 2]"))


def edited(edit):
    manifest = copy.deepcopy(documented_manifest())
    edit(manifest)
    return manifest


@pytest.mark.parametrize("edit,message", [
    (lambda m: m.pop("kernel"), r"field 'kernel' must be a non-empty string"),
    (lambda m: m.update(kernel=""), r"field 'kernel' must be a non-empty string"),
    (lambda m: m.pop("problem"), r"missing object 'problem'"),
    (lambda m: m["problem"].pop("n"), r"field 'problem.n' must be a positive integer, got None"),
    (lambda m: m["problem"].update(k="4096"), r"field 'problem.k' must be a positive integer, got '4096'"),
    (lambda m: m["problem"].update(group_size=0), r"field 'problem.group_size' must be a positive integer, got 0"),
    (lambda m: m["problem"].update(n=True), r"field 'problem.n' must be a positive integer, got True"),
    (lambda m: m["problem"].update(mode="signed"), r"field 'problem.mode' must be 'xor' or 'offset', got 'signed'"),
    (lambda m: m["problem"].update(out_type="f32"), r"field 'problem.out_type' must be 'f16' or 'bf16', got 'f32'"),
])
def test_manifest_fields_kernel_reads(tmp_path, edit, message):
    with pytest.raises(ValueError, match=message):
        liquid.Kernel(*write_kernel(tmp_path, edited(edit)))


def test_missing_cubin(tmp_path):
    cubin, manifest = write_kernel(tmp_path, documented_manifest(), cubin=None)
    with pytest.raises(FileNotFoundError,
                       match=r"cubin '.*kernel\.cubin' of kernel "
                             r"'liquid_w4a8_n4096_k4096_g64_xor_t64_c2_s8' .* does not exist"):
        liquid.Kernel(cubin, manifest)


@pytest.mark.parametrize("addresses,sizes", [([16] * 7, [1] * 8), ([16] * 8, [1] * 9)])
def test_launch_needs_every_operand(addresses, sizes):
    with pytest.raises(ValueError, match=r"launch needs 8 operand addresses and sizes "
                                         r"\(in the order activations, weights, .*out\)"):
        _runtime.launch(1, addresses, sizes, 1, 0)
