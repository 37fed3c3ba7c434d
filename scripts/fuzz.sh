#!/bin/sh
# Build the libFuzzer harnesses (clang, ASan + UBSan) into build-fuzz/ and run
# each for a bounded time: the CSV importer, the .xlsx importer, the codebook
# and the targets-file parsers.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]   default 30 s each, all four
# Seeds: tests/fuzz/regressions/HARNESS/, tests/fuzz/seeds/HARNESS/,
# tests/fixtures, tests/bad/inputs, tests/cli/inputs, surveys/, and
# ../shared/data (or $TCS_SHARED_DATA) when present. Corpora and crash
# files go to a temp dir ($FUZZ_DIR to choose it; it is kept when a harness
# crashes, else removed; a kept $FUZZ_DIR corpus grows from run to run).
# Exit 1 when any harness crashed, leaked or timed out.
# Environment:
#   FUZZ_DIR=DIR          keep corpora, logs and crash files in DIR
#   FUZZ_SEEDS="DIR..."   more seed directories (read only, not copied), e.g.
#                         exports that are not in the repository
#   FUZZ_ARGS="ARG..."    more libFuzzer arguments, e.g. -fork=1 -ignore_crashes=1
#   FUZZ_NICE=N           run the harnesses under nice -n N
#
# A crash, leak, timeout or "fuzz: ..." failure leaves DIR/HARNESS-crash-*
# (or leak-, timeout-, oom-) and DIR/HARNESS.log. To keep it as a regression:
#   1. minimise it (the result is written to the -exact_artifact_path):
#        build-fuzz/tests/fuzz/fuzz_csv -minimize_crash=1 -runs=100000 \
#            -exact_artifact_path=/tmp/min DIR/csv-crash-...
#      (for a leak or timeout, add -timeout=20 or run it once to confirm;
#      a minimised input that no longer fails is not the one to keep)
#   2. copy it to tests/fuzz/regressions/HARNESS/ with a name saying what it
#      is (e.g. unterminated-quote-after-bom.csv); keep it small (< 50 KB)
#   3. fix the bug; ctest -L fuzz (fuzz.replay-HARNESS) replays every file
#      in that folder with the harness built without libFuzzer, also under
#      the sanitizers and valgrind (scripts/valgrind.sh -L fuzz)
#   4. where it is a bad input a user could give, add a tests/bad/*.test too
set -eu
cd "$(dirname "$0")/.."
secs=${1:-30}
[ $# -gt 0 ] && shift
harnesses=${*:-csv xlsx codebook targets}
src=$(pwd)
shared=${TCS_SHARED_DATA:-$src/../shared/data}

CC=clang cmake -S . -B build-fuzz -DTCSURVEY_FUZZ=ON -DTCSURVEY_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "$(nproc 2>/dev/null || echo 2)" >/dev/null

work=${FUZZ_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/tcsurvey-fuzz.XXXXXX")}
mkdir -p "$work"
failed=""

seed() { # seed DIR FILE...: copy the existing files (names made unique)
    d=$1
    shift
    mkdir -p "$d"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$d/$(printf '%s' "$f" | tr '/' '_')"
    done
    return 0
}

for h in $harnesses; do
    corpus=$work/corpus-$h
    seed "$corpus" tests/fuzz/regressions/"$h"/* tests/fuzz/seeds/"$h"/*
    case $h in
    csv)
        seed "$corpus" tests/fixtures/csv/* tests/bad/inputs/*.csv tests/cli/inputs/* \
            surveys/*/*.csv "$shared"/*/*.csv ;;
    xlsx)
        seed "$corpus" tests/fixtures/xlsx/* "$shared"/*/*.xlsx
        # the same workbooks stored uncompressed, so that mutations reach the XML
        if [ -x /usr/bin/python3 ]; then
            /usr/bin/python3 - "$corpus" <<'PY' || true
import os, sys, zipfile
d = sys.argv[1]
for name in os.listdir(d):
    src = os.path.join(d, name)
    try:
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(src + ".stored", "w",
                                                          zipfile.ZIP_STORED) as zout:
            for item in zin.infolist():
                zout.writestr(item.filename, zin.read(item.filename))
    except Exception:
        if os.path.exists(src + ".stored"):
            os.remove(src + ".stored")
PY
        fi ;;
    codebook)
        seed "$corpus" surveys/*/codebook.csv tests/fixtures/csv/*codebook*.csv \
            tests/bad/inputs/codebook-*.csv ;;
    targets)
        seed "$corpus" surveys/*/targets.csv tests/bad/inputs/targets-*.csv ;;
    *)
        echo "fuzz.sh: unknown harness '$h' (csv, xlsx, codebook, targets)" >&2
        exit 2 ;;
    esac
    dict=""
    [ -f "tests/fuzz/$h.dict" ] && dict="-dict=tests/fuzz/$h.dict"
    extra=""
    for d in ${FUZZ_SEEDS:-}; do
        [ -d "$d" ] && extra="$extra $d"
    done
    echo "fuzz.sh: $h for ${secs}s ($(ls "$corpus" | wc -l) in the corpus${extra:+, seeds$extra})" >&2
    # a run that goes on after a crash (-fork=N -ignore_crashes=1 ...) still
    # exits 0: the artifacts it leaves are what tells
    stamp=$work/.started-$h
    : >"$stamp"
    rc=0
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        nice -n "${FUZZ_NICE:-0}" "build-fuzz/tests/fuzz/fuzz_$h" -max_total_time="$secs" \
        -timeout=20 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
        -artifact_prefix="$work/$h-" $dict ${FUZZ_ARGS:-} "$corpus" $extra \
        >"$work/$h.log" 2>&1 || rc=$?
    found=$(find "$work" -maxdepth 1 -type f -name "$h-*" -newer "$stamp" 2>/dev/null)
    rm -f "$stamp"
    if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
        failed="$failed $h"
        echo "fuzz.sh: $h FAILED (exit $rc); log $work/$h.log, input(s):" >&2
        [ -z "$found" ] || printf '%s\n' "$found" >&2
        grep -E "ERROR|SUMMARY|fuzz:" "$work/$h.log" | head -n 5 >&2 || true
    else
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$work/$h.log" |
            sed "s/^/fuzz.sh: $h /" >&2 || true
        grep -E "^#[0-9]+ +DONE|^#[0-9]+: cov:" "$work/$h.log" | tail -n 1 |
            sed "s/^/fuzz.sh: $h /" >&2 || true
    fi
done

if [ -n "$failed" ]; then
    echo "fuzz.sh: failed:$failed (kept $work)" >&2
    exit 1
fi
[ -n "${FUZZ_DIR:-}" ] || rm -rf "$work"
echo "fuzz.sh: no crashes" >&2
