#!/usr/bin/env bash
# Builds the libFuzzer targets (core-c/fuzz: module, interp, format) with
# clang-14 under ASan + UBSan into core-c/build/fuzz. Incremental.
set -euo pipefail
cd "$(dirname "$0")/../core-c"
if ! command -v clang-14 >/dev/null; then
  echo "build-fuzz: clang-14 is missing (scripts/setup.sh installs it)" >&2
  exit 2
fi
cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWDKM_LIBFUZZER=ON >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target fuzz_module fuzz_interp fuzz_format >/dev/null
