#!/bin/sh
# Build and run the whole test suite (the README's test command).
#   scripts/test.sh              gcc, Release with debug info, build/
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer, build-asan/
#   CC=clang scripts/test.sh     any compiler
set -eu
cd "$(dirname "$0")/.."
dir=build
flags=""
if [ "${1:-}" = "--sanitize" ]; then
    dir=build-asan
    flags="-DTCSURVEY_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"
fi
[ -n "${CC:-}" ] && dir="$dir-$(basename "$CC")"
jobs=$(nproc 2>/dev/null || echo 2)
# shellcheck disable=SC2086
cmake -S . -B "$dir" $flags >/dev/null
cmake --build "$dir" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$dir" --output-on-failure -j "$jobs"
