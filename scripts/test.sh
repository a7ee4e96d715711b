#!/usr/bin/env bash
# npm test: set-up, builds, then every suite. Fails on the first failing suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NODE_PATH=/usr/share/nodejs

echo "== core: compiles against the emulated ntddk.h"
for f in core-c/src/*.c; do
  gcc -std=c11 -Wall -Wextra -Werror -Wno-multichar -fsyntax-only -Icore-c/include -Icore-c/emu/include "$f"
done
echo "1 passed, 0 failed"

echo "== unit and driver tests (vitest; the driver exports build with mingw-w64)"
npx vitest run
