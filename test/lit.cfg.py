# -*- Python -*-
# lit configuration of the liquid FileCheck tests.
#
# Optional CUDA tools turn on features that tests ask for with REQUIRES:
#   ptxas      liquid-compile can assemble kernels: ptxas was found in
#              $LIQUID_PTXAS, $CUDA_HOME/bin, $CUDA_PATH/bin, PATH or
#              /usr/local/cuda/bin, and its directory is put first on the
#              tests' PATH (liquid-compile finds it there; tests name no
#              ptxas themselves).
#   cuobjdump  %cuobjdump disassembles cubins to SASS; found in the PyPI wheel
#              nvidia-cuda-cuobjdump (any python3 that can import `nvidia`)
#              or next to ptxas.
#   nvdisasm   %nvdisasm, from nvidia-cuda-nvdisasm or next to ptxas.

import glob
import os
import shutil
import subprocess
import sys

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "LIQUID"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.liquid_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
llvm_config.use_default_substitutions()

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.liquid_tools_dir, config.llvm_tools_dir]
tools = [
    ToolSubst("liquid-opt", unresolved="fatal"),
    ToolSubst("liquid-compile", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)


def _executable(path):
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def find_ptxas():
    """The ptxas liquid-compile would use, in the driver's order."""
    explicit = os.environ.get("LIQUID_PTXAS")
    if explicit:
        return explicit if _executable(explicit) else None
    candidates = []
    for var in ("CUDA_HOME", "CUDA_PATH"):
        root = os.environ.get(var)
        if root:
            candidates.append(os.path.join(root, "bin", "ptxas"))
    candidates.append(shutil.which("ptxas"))
    candidates.append("/usr/local/cuda/bin/ptxas")
    for candidate in candidates:
        if _executable(candidate):
            return os.path.realpath(candidate)
    return None


def nvidia_wheel_dirs():
    """The directories of the `nvidia` namespace package of the PyPI CUDA
    wheels. lit's own interpreter often lacks them, so also ask the python3
    interpreters on PATH."""
    dirs = []
    try:
        import nvidia

        dirs.extend(nvidia.__path__)
    except ImportError:
        pass
    query = "import nvidia, os; print(os.pathsep.join(nvidia.__path__))"
    interpreters = []
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found and found not in interpreters:
            interpreters.append(found)
    for python in interpreters:
        try:
            out = subprocess.run(
                [python, "-c", query],
                capture_output=True,
                text=True,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if out.returncode == 0:
            dirs.extend(p for p in out.stdout.strip().split(os.pathsep) if p)
    unique = []
    for d in dirs:
        if d not in unique:
            unique.append(d)
    return unique


def find_cuda_tool(name, wheel_dirs, toolkit_bin):
    """`name` from a wheel (nvidia/<pkg>/bin/<name>), else the toolkit."""
    for d in wheel_dirs:
        for candidate in sorted(glob.glob(os.path.join(d, "*", "bin", name))):
            if _executable(candidate):
                return candidate
    if toolkit_bin and _executable(os.path.join(toolkit_bin, name)):
        return os.path.join(toolkit_bin, name)
    return None


ptxas = find_ptxas()
ptxas_dir = os.path.dirname(ptxas) if ptxas else None
if ptxas:
    config.available_features.add("ptxas")
    llvm_config.with_environment("PATH", ptxas_dir, append_path=True)
    if os.environ.get("LIQUID_PTXAS"):
        llvm_config.with_environment("LIQUID_PTXAS", ptxas)
    lit_config.note("ptxas: " + ptxas)
else:
    lit_config.note("ptxas not found: tests that assemble kernels are unsupported")

wheel_dirs = nvidia_wheel_dirs()
for tool in ("cuobjdump", "nvdisasm"):
    path = find_cuda_tool(tool, wheel_dirs, ptxas_dir)
    if path:
        config.available_features.add(tool)
        config.substitutions.append(("%" + tool, '"%s"' % path))
        lit_config.note(tool + ": " + path)
    else:
        lit_config.note(
            tool + " not found (pip install nvidia-cuda-" + tool + "): SASS tests are unsupported"
        )


# mlir-runner: the upstream JIT runner and its runtime libraries, for tests
# that run linalg on the CPU (%mlir-runner, %mlir_runner_utils,
# %mlir_c_runner_utils).
def find_mlir_runner():
    for bin_dir in (config.llvm_tools_dir, "/usr/lib/llvm-22/bin"):
        runner = os.path.join(bin_dir, "mlir-runner")
        lib_dir = os.path.join(os.path.dirname(bin_dir), "lib")
        libs = [os.path.join(lib_dir, "lib" + name + ".so") for name in ("mlir_runner_utils", "mlir_c_runner_utils")]
        if _executable(runner) and all(os.path.isfile(lib) for lib in libs):
            return runner, libs
    return None, None


mlir_runner, mlir_runner_libs = find_mlir_runner()
if mlir_runner:
    config.available_features.add("mlir-runner")
    config.substitutions.append(("%mlir-runner", '"%s"' % mlir_runner))
    config.substitutions.append(("%mlir_runner_utils", mlir_runner_libs[0]))
    config.substitutions.append(("%mlir_c_runner_utils", mlir_runner_libs[1]))
    lit_config.note("mlir-runner: " + mlir_runner)
else:
    lit_config.note("mlir-runner not found: CPU execution tests are unsupported")


# numpy: %numpy_python is a python with numpy (lit's own interpreter often
# lacks it), for tests that compute expected values with python/liquid.
def find_numpy_python():
    candidates = [sys.executable]
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found and found not in candidates:
            candidates.append(found)
    for python in candidates:
        try:
            out = subprocess.run([python, "-c", "import numpy"], capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if out.returncode == 0:
            return python
    return None


numpy_python = find_numpy_python()
if numpy_python:
    config.available_features.add("numpy")
    config.substitutions.append(("%numpy_python", '"%s"' % numpy_python))
    lit_config.note("python with numpy: " + numpy_python)
else:
    lit_config.note("no python with numpy: tests of the numpy reference are unsupported")
