#!/usr/bin/env bash
# Builds the C core and emulator: natively (with tests), under ASan+UBSan,
# and to WebAssembly with emscripten. Incremental: reruns are cheap.
set -euo pipefail
cd "$(dirname "$0")/../core-c"
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs it (toolchain-notes)
jobs=$(nproc)

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$jobs" >/dev/null

if [ "${WDKM_SKIP_SANITIZE:-}" != 1 ]; then
  cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DWDKM_SANITIZE=ON >/dev/null
  cmake --build build/sanitize -j"$jobs" >/dev/null
fi

if [ ! -f build/wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" >/dev/null
else
  cmake -S . -B build/wasm >/dev/null   # picks up added or removed files
fi
cmake --build build/wasm -j"$jobs" >/dev/null
