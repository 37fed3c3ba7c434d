#!/usr/bin/env bash
# run_cli_test.sh - run one data-file test of the tcsurvey command line.
#
# Usage: run_cli_test.sh TCSURVEY_BINARY SOURCE_DIR TEST_FILE
#
# Modelled on libzip's regress/*.test files: a test is a list of directives,
# one per line; blank lines and lines starting with '#' are ignored.
#
#   description TEXT          what the test is about (printed)
#   require-shared            skip (exit 77) unless @SHARED@ exists
#   skip-if-root              skip (exit 77) when running as uid 0
#   require-root              skip (exit 77) unless running as uid 0 (to make
#                             device nodes with mknod in the temp dir: tests
#                             never write to the real /dev)
#   setup SHELL-COMMAND       run with bash in the temp dir before the program
#   args ARG ...              tcsurvey's arguments, shell-style quoting; several
#                             args lines are concatenated
#   env NAME=VALUE            set an environment variable for tcsurvey (repeatable)
#   stdin FILE                feed FILE on standard input (default /dev/null)
#   exit N                    expected exit status (required); N|M|... accepts
#                             any of them (for input that may be read or refused)
#   stdout-contains TEXT      stdout contains TEXT (fixed string)
#   stdout-not-contains TEXT  stdout does not contain TEXT
#   stdout-matches REGEX      some line of stdout matches REGEX (grep -E)
#   stdout-empty              nothing at all on stdout
#   stdout-json               stdout parses as JSON (needs /usr/bin/python3;
#                             the check alone is skipped without it)
#   stderr-contains TEXT      stderr contains TEXT
#   stderr-not-contains TEXT  stderr does not contain TEXT
#   stderr-matches REGEX      some line of stderr matches REGEX (grep -E)
#   stderr-lines N            stderr has exactly N lines (N|M|... any of them)
#   file-exists PATH          PATH (a glob) matches at least one file afterwards
#   file-absent PATH          PATH (a glob) matches nothing afterwards
#   file-mode PATH MODE       PATH has permission bits MODE (octal, e.g. 644)
#   check SHELL-COMMAND       run with bash in the temp dir after the program;
#                             it must exit 0 (file formats, contents of outputs)
#   require-program NAME      skip (exit 77) unless NAME is on PATH
#   require-python-module M   skip (exit 77) unless /usr/bin/python3 can import M
#                             (the expected-value scripts' interpreter)
#   unchanged PATH            PATH has the same type, mode, size, mtime and
#                             sha256 after the run as before it
#   wrapped-stdout-inexact WHY  under $TCS_WRAPPER the stdout checks are not
#                             made (valgrind computes long double at double
#                             precision, so an exact last digit can differ);
#                             the exit status, stderr and files still are
#
# Substitutions in every argument: @TMP@ (the test's fresh temp dir, also the
# working directory of setup and of tcsurvey), @SRC@ (SOURCE_DIR, the repo
# root), @SHARED@ (SOURCE_DIR/../shared/data), @BIN@ (the tcsurvey binary, for
# checks that run it again).
#
# tcsurvey runs with umask 022, stdin from /dev/null unless 'stdin' is given,
# and under $TCS_WRAPPER when that is set (words split on spaces, e.g.
# "valgrind -q --error-exitcode=99"; scripts/valgrind.sh sets it).
#
# Exit status: 0 pass, 1 fail (or a broken test file), 77 skipped.
# Set KEEP_TMP=1 to keep the temp dir for a look afterwards.

set -u

if [ $# -ne 3 ]; then
    echo "usage: $0 TCSURVEY_BINARY SOURCE_DIR TEST_FILE" >&2
    exit 1
fi

abspath() {
    case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(pwd)" "$1" ;;
    esac
}

BIN=$(abspath "$1")
SRC=$(cd "$2" 2>/dev/null && pwd) || { echo "error: source dir '$2' not found" >&2; exit 1; }
TEST=$(abspath "$3")
NAME=$(basename "$TEST" .test)
SHARED=$SRC/../shared/data
if [ -d "$SHARED" ]; then
    SHARED=$(cd "$SHARED" && pwd)
fi

[ -f "$TEST" ] || { echo "error: test file '$TEST' not found" >&2; exit 1; }
[ -x "$BIN" ] || { echo "error: tcsurvey binary '$BIN' not found or not executable" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tcsurvey-cli.XXXXXX") || { echo "error: mktemp failed" >&2; exit 1; }
TMP=$WORK/tmp
mkdir "$TMP"
OUT=$WORK/stdout
ERR=$WORK/stderr

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
    if [ "${KEEP_TMP:-}" = 1 ]; then
        echo "kept temp dir: $WORK" >&2
        return
    fi
    # A test may have chmod'ed things away (unreadable-file cases).
    chmod -R u+rwx "$WORK" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

subst() {
    local s=$1
    s=${s//@TMP@/$TMP}
    s=${s//@SRC@/$SRC}
    s=${s//@SHARED@/$SHARED}
    s=${s//@BIN@/$BIN}
    printf '%s' "$s"
}

broken() {
    echo "$NAME: broken test file, line $lineno: $*" >&2
    exit 1
}

# ---- read the test file ----
description=""
require_shared=0
skip_root=0
need_root=0
setups=()
envs=()
args_text=""
have_args=0
stdin_file=/dev/null
expect_exit=""
checks=()   # "kind<TAB>argument", in file order
unchanged=()
stdout_inexact=0

lineno=0
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    line=${line%$'\r'}
    # strip leading blanks
    line=${line#"${line%%[![:space:]]*}"}
    case $line in '' | '#'*) continue ;; esac
    key=${line%%[[:space:]]*}
    if [ "$key" = "$line" ]; then
        val=""
    else
        val=${line#"$key"}
        val=${val#"${val%%[![:space:]]*}"}
    fi
    case $key in
    description) description=$val ;;
    require-shared) require_shared=1 ;;
    skip-if-root) skip_root=1 ;;
    require-root) need_root=1 ;;
    setup)
        [ -n "$val" ] || broken "setup needs a command"
        setups+=("$(subst "$val")") ;;
    args)
        args_text="$args_text $(subst "$val")"
        have_args=1 ;;
    env)
        [[ $val =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || broken "env needs NAME=VALUE, got '$val'"
        envs+=("$(subst "$val")") ;;
    stdin)
        [ -n "$val" ] || broken "stdin needs a file"
        stdin_file=$(subst "$val") ;;
    exit)
        [[ $val =~ ^[0-9]+(\|[0-9]+)*$ ]] || broken "exit needs a number, got '$val'"
        expect_exit=$val ;;
    stdout-contains | stdout-not-contains | stderr-contains | stderr-not-contains | \
    check)
        [ -n "$val" ] || broken "check needs a command"
        checks+=("$key"$'\t'"$(subst "$val")") ;;
    require-program)
        [ -n "$val" ] || broken "require-program needs a name"
        command -v "$val" >/dev/null 2>&1 || { echo "skipped: $val not installed"; exit 77; } ;;
    require-python-module)
        [ -n "$val" ] || broken "require-python-module needs a name"
        [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $val" 2>/dev/null ||
            { echo "skipped: python module $val not installed"; exit 77; } ;;
    stdout-matches | stderr-matches | file-exists | file-absent)
        [ -n "$val" ] || broken "$key needs an argument"
        checks+=("$key"$'\t'"$(subst "$val")") ;;
    file-mode)
        [[ $val =~ ^(.+)[[:space:]]+([0-7]{3,4})$ ]] || broken "file-mode needs PATH MODE, got '$val'"
        checks+=("$key"$'\t'"$(subst "${BASH_REMATCH[1]}")"$'\t'"${BASH_REMATCH[2]}") ;;
    stderr-lines)
        [[ $val =~ ^[0-9]+(\|[0-9]+)*$ ]] || broken "stderr-lines needs a number, got '$val'"
        checks+=("$key"$'\t'"$val") ;;
    stdout-empty | stdout-json)
        [ -z "$val" ] || broken "$key takes no argument"
        checks+=("$key"$'\t') ;;
    unchanged)
        [ -n "$val" ] || broken "unchanged needs a path"
        unchanged+=("$(subst "$val")") ;;
    wrapped-stdout-inexact)
        [ -n "$val" ] || broken "wrapped-stdout-inexact needs a reason"
        stdout_inexact=1 ;;
    *) broken "unknown directive '$key'" ;;
    esac
done <"$TEST"

lineno=EOF
[ -n "$expect_exit" ] || broken "no 'exit' directive"
[ "$have_args" = 1 ] || broken "no 'args' directive"

[ -n "$description" ] && echo "$NAME: $description"

# ---- skips ----
if [ "$require_shared" = 1 ] && [ ! -d "$SHARED" ]; then
    echo "SKIP: shared data '$SHARED' not found"
    exit 77
fi
if [ "$need_root" = 1 ] && [ "$(id -u)" != 0 ]; then
    echo "SKIP: needs root (device nodes are made with mknod)"
    exit 77
fi
if [ "$skip_root" = 1 ] && [ "$(id -u)" = 0 ]; then
    echo "SKIP: running as root (permissions are not enforced)"
    exit 77
fi

# ---- setup ----
for cmd in "${setups[@]+"${setups[@]}"}"; do
    if ! (cd "$TMP" && bash -c "$cmd") >"$WORK/setup.out" 2>&1; then
        echo "$NAME: FAIL: setup command failed: $cmd"
        sed -n '1,20p' "$WORK/setup.out"
        exit 1
    fi
done

# Fingerprint: type, mode, size, mtime and, when readable, the sha256.
fingerprint() {
    local p=$1
    if [ ! -e "$p" ] && [ ! -L "$p" ]; then
        echo "absent"
        return
    fi
    stat -c '%F %a %s %y' -- "$p"
    if [ -f "$p" ] && [ -r "$p" ]; then
        sha256sum <"$p" | cut -d' ' -f1
    elif [ -d "$p" ] && [ -r "$p" ] && [ -x "$p" ]; then
        # shellcheck disable=SC2012  # a listing is all we need to notice a change
        ls -lA --time-style=full-iso -- "$p" | sha256sum | cut -d' ' -f1
    fi
}

declare -a before=()
for p in "${unchanged[@]+"${unchanged[@]}"}"; do
    before+=("$(fingerprint "$p")")
done

# ---- run ----
declare -a argv=()
eval "argv=( $args_text )" || broken "cannot parse args: $args_text"

if [ "$stdin_file" != /dev/null ] && [ ! -e "$stdin_file" ]; then
    echo "$NAME: FAIL: stdin file '$stdin_file' not found"
    exit 1
fi
# shellcheck disable=SC2206  # the wrapper is words on purpose
wrapper=(${TCS_WRAPPER:-})
# by its full path, so that a test's env PATH=... does not lose it
[ ${#wrapper[@]} -gt 0 ] && wrapper[0]=$(command -v "${wrapper[0]}" || echo "${wrapper[0]}")
(cd "$TMP" && umask 022 && exec env "${envs[@]+"${envs[@]}"}" ${wrapper[@]+"${wrapper[@]}"} "$BIN" "${argv[@]+"${argv[@]}"}") <"$stdin_file" >"$OUT" 2>"$ERR"
got_exit=$?

# ---- checks ----
failures=()
fail() { failures+=("$*"); }

# one_of VALUE "N|M|...": is VALUE one of the alternatives?
one_of() {
    local alt
    local IFS='|'
    for alt in $2; do
        [ "$1" = "$alt" ] && return 0
    done
    return 1
}

if ! one_of "$got_exit" "$expect_exit"; then
    fail "exit status: expected $expect_exit, got $got_exit"
fi

have_json=1
[ -x /usr/bin/python3 ] || have_json=0

for c in "${checks[@]+"${checks[@]}"}"; do
    kind=${c%%$'\t'*}
    arg=${c#*$'\t'}
    if [ "$stdout_inexact" = 1 ] && [ -n "${TCS_WRAPPER:-}" ]; then
        case $kind in stdout-contains | stdout-matches | stdout-not-contains) continue ;; esac
    fi
    case $kind in
    stdout-contains)
        LC_ALL=C grep -aqF -e "$arg" "$OUT" || fail "stdout does not contain: $arg" ;;
    stdout-not-contains)
        LC_ALL=C grep -aqF -e "$arg" "$OUT" && fail "stdout contains: $arg" ;;
    stdout-matches)
        LC_ALL=C grep -aqE -e "$arg" "$OUT" || fail "no line of stdout matches: $arg" ;;
    stderr-contains)
        LC_ALL=C grep -aqF -e "$arg" "$ERR" || fail "stderr does not contain: $arg" ;;
    stderr-not-contains)
        LC_ALL=C grep -aqF -e "$arg" "$ERR" && fail "stderr contains: $arg" ;;
    stderr-matches)
        LC_ALL=C grep -aqE -e "$arg" "$ERR" || fail "no line of stderr matches: $arg" ;;
    stderr-lines)
        n=$(awk 'END { print NR }' "$ERR")
        one_of "$n" "$arg" || fail "stderr lines: expected $arg, got $n" ;;
    stdout-empty)
        [ -s "$OUT" ] && fail "stdout is not empty ($(wc -c <"$OUT") bytes)" ;;
    stdout-json)
        if [ "$have_json" = 1 ]; then
            if ! /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)' <"$OUT" >"$WORK/json.err" 2>&1; then
                fail "stdout is not valid JSON: $(tail -n 1 "$WORK/json.err")"
            fi
        else
            echo "note: /usr/bin/python3 not found, stdout-json not checked"
        fi ;;
    file-exists)
        compgen -G "$arg" >/dev/null || fail "no file matches: $arg" ;;
    check)
        if ! (cd "$TMP" && bash -c "$arg") >"$WORK/check.out" 2>&1; then
            fail "check failed: $arg: $(tail -n 3 "$WORK/check.out" | tr '\n' ' ')"
        fi ;;
    file-mode)
        path=${arg%%$'\t'*}
        want=${arg#*$'\t'}
        got=$(stat -c '%a' -- "$path" 2>/dev/null) || got=absent
        if [ "$got" = absent ] || [ "$((8#$got))" != "$((8#$want))" ]; then
            fail "mode of $path: expected $want, got $got"
        fi ;;
    file-absent)
        if compgen -G "$arg" >/dev/null; then
            fail "file should not exist: $(compgen -G "$arg" | head -n 3 | tr '\n' ' ')"
        fi ;;
    esac
done

i=0
for p in "${unchanged[@]+"${unchanged[@]}"}"; do
    after=$(fingerprint "$p")
    if [ "$after" != "${before[$i]}" ]; then
        fail "$p changed: before [$(echo "${before[$i]}" | tr '\n' ' ')] after [$(echo "$after" | tr '\n' ' ')]"
    fi
    i=$((i + 1))
done

if [ ${#failures[@]} -eq 0 ]; then
    echo "$NAME: PASS"
    exit 0
fi

echo "$NAME: FAIL"
printf '  command: tcsurvey'
for a in "${argv[@]+"${argv[@]}"}"; do printf ' %q' "$a"; done
printf '\n'
for f in "${failures[@]}"; do
    echo "  - $f"
done
echo "  exit status: $got_exit"
echo "  --- stdout (first 20 lines, $(wc -c <"$OUT") bytes) ---"
head -n 20 "$OUT" | cut -c1-300
echo "  --- stderr (first 20 lines, $(wc -c <"$ERR") bytes) ---"
head -n 20 "$ERR" | cut -c1-300
exit 1
