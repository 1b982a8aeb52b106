#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, then runs
# every test suite (lit, gtest, pytest), each printing its own counts, and
# the sanitizer step (scripts/sanitize.sh: gtest and lit under ASan+UBSan, a
# bounded run of each fuzzer). LIQUID_SKIP_SANITIZERS=1 leaves that step out.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${LIQUID_BUILD_DIR:-$ROOT/build}"
export LIQUID_BUILD_DIR="$BUILD"

bash "$ROOT/scripts/install-deps.sh"
bash "$ROOT/scripts/build.sh"

status=0
echo "== lit =="
/usr/lib/llvm-22/bin/lit -sv "$BUILD/test" || status=1

echo "== gtest =="
for suite in LiquidQuantTests LiquidRuntimeTests; do
  "$BUILD/bin/$suite" --gtest_brief=1 || status=1
done

echo "== pytest =="
LIQUID_LIB_DIR="$BUILD/lib" python3 -m pytest -q "$ROOT/python/tests" || status=1

if [ -z "${LIQUID_SKIP_SANITIZERS:-}" ]; then
  bash "$ROOT/scripts/sanitize.sh" || status=1
fi

exit $status
