#!/bin/sh
# Run the test suite (cmocka unit tests, CLI tests, bad-input corpus) with
# every test program under valgrind memcheck: any memory error or definite
# or indirect leak fails the test (exit 99).
#   scripts/valgrind.sh [CTEST-ARGS...]   e.g. -L unit, -R bad.zip
# Builds a plain RelWithDebInfo build (no sanitizers) in build-valgrind/.
set -eu
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || {
    echo "valgrind.sh: valgrind is missing (scripts/install-deps.sh --dev)" >&2
    exit 2
}
dir=build-valgrind
wrapper="valgrind;-q;--error-exitcode=99;--leak-check=full;--errors-for-leak-kinds=definite,indirect;--show-leak-kinds=definite,indirect;--track-origins=yes"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DTCSURVEY_TEST_WRAPPER=$wrapper" >/dev/null
jobs=$(nproc 2>/dev/null || echo 2)
cmake --build "$dir" -j "$jobs"
ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@"
