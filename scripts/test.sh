#!/usr/bin/env bash
# npm test: set-up, builds, then every suite. Stops at the first failing suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-core.sh

echo "== core + emulator, native (ctest)"
ctest --test-dir core-c/build/native --output-on-failure -j"$(nproc)"

echo "== core + emulator, ASan + UBSan (ctest)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
  ctest --test-dir core-c/build/sanitize --output-on-failure -j"$(nproc)"

echo "== core + emulator, WebAssembly under Node (the same suite)"
node scripts/run-wasm-tests.mjs

echo "== same trace natively and in WebAssembly"
node scripts/compare-traces.mjs

echo "== conformance: every spec rule id tested in all three builds, or not observable (docs/conformance.md)"
# Fails on a rule with neither a passing test in all three builds nor a
# not-observable reason, on unknown ids, and on a spec whose ids differ.
npx tsx scripts/conformance.ts

echo "== VM fuzz: mutated modules of every example, ASan + UBSan"
npx tsx scripts/compile-examples.ts
ASAN_OPTIONS=detect_leaks=1 core-c/build/sanitize/wdkm_vm_fuzz core-c/build/modules 300

echo "== fuzz slice: libFuzzer targets under ASan + UBSan, fixed seed, with every kept reproducer"
bash scripts/build-fuzz.sh
npx tsx scripts/fuzz.mts --slice --only module,interp,format

echo "== unit and driver tests (vitest; the driver exports build with mingw-w64)"
npx vitest run

echo "== end-to-end (Playwright, Debian's Chromium, production build)"
npx playwright test
