#!/usr/bin/env bash
# One idempotent set-up for a fresh Debian bookworm machine: the system tools
# from Debian's packages when missing, then the npm packages when stale.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cmake >/dev/null || need+=(cmake)
command -v emcc >/dev/null || need+=(emscripten)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(mingw-w64)
command -v chromium >/dev/null || need+=(chromium)
command -v make >/dev/null || need+=(make)
command -v gcc >/dev/null || need+=(gcc)
# The libFuzzer targets (scripts/build-fuzz.sh): clang-14 and its fuzzer runtime.
command -v clang-14 >/dev/null || need+=(clang-14)
dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || need+=(libclang-rt-14-dev)
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: installing ${need[*]} from Debian's packages"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages: reinstall only when the lock file changed since the last install.
stamp=node_modules/.setup-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
