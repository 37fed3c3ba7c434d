#!/bin/sh
# Install the Debian 12 packages tcsurvey needs to build, test, draw
# charts and write report.docx; does nothing when they are all present.
# Uses sudo when not root.
#   scripts/install-deps.sh          build + test + charts (gnuplot) + Word (pandoc)
#   scripts/install-deps.sh --dev    also clang and the tools for fuzzing,
#                                    benchmarks, regenerating expected values and
#                                    the report tests (Chromium to print to PDF,
#                                    poppler-utils' pdftotext, openpyxl)
set -eu
pkgs="build-essential cmake pkg-config libgsl-dev libcsv-dev libzip-dev libexpat1-dev
libxlsxwriter-dev libcmocka-dev gnuplot-nox pandoc"
if [ "${1:-}" = "--dev" ]; then
    pkgs="$pkgs clang libclang-rt-14-dev valgrind python3-scipy python3-pandas
python3-statsmodels python3-openpyxl python3-mpmath r-base-core r-cran-survey datamash time
chromium poppler-utils"
fi
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
