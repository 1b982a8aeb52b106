#!/usr/bin/env bash
# Installs what liquid needs to build and test, and nothing that is already
# there: LLVM/MLIR 22 and the build tools from Debian's packages, the Python
# packages from PyPI. Safe to run any number of times.
set -euo pipefail

APT_PACKAGES=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  cmake ninja-build g++ libgtest-dev python3-pip
  # The sanitizer and fuzzing step (scripts/sanitize.sh): clang with its
  # sanitizer runtimes and libFuzzer, and lld, all of LLVM 22.
  clang-22 libclang-rt-22-dev lld-22
)
PY_PACKAGES=(numpy pytest)
# cuobjdump and nvdisasm for the SASS checks, from NVIDIA's PyPI wheels.
PY_TOOL_WHEELS=(nvidia-cuda-cuobjdump nvidia-cuda-nvdisasm)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "liquid: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
py_missing=()
for mod in "${PY_PACKAGES[@]}"; do
  "$PYTHON" -c "import $mod" 2>/dev/null || py_missing+=("$mod")
done
for wheel in "${PY_TOOL_WHEELS[@]}"; do
  "$PYTHON" -m pip show -q "$wheel" >/dev/null 2>&1 || py_missing+=("$wheel")
done
if [ "${#py_missing[@]}" -gt 0 ]; then
  echo "liquid: installing Python packages: ${py_missing[*]}"
  "$PYTHON" -m pip install -q "${py_missing[@]}" 2>/dev/null \
    || "$PYTHON" -m pip install -q --break-system-packages "${py_missing[@]}"
fi

# The CUDA toolkit is not a Debian package here; the machine ships it.
if ! command -v ptxas >/dev/null 2>&1 && [ ! -x /usr/local/cuda/bin/ptxas ]; then
  echo "liquid: note: no ptxas found (looked on PATH and in /usr/local/cuda/bin);" \
       "cubin emission needs the CUDA toolkit" >&2
fi
