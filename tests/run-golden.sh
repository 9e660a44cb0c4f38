#!/usr/bin/env bash
# run-golden.sh RELMAP CASE DATA_DIR
# Runs RELMAP with the arguments in CASE.cmd (shell words, with $OUT as a
# scratch directory) in DATA_DIR and compares stdout, stderr and the exit
# code with CASE.out, CASE.err and CASE.code.  RELMAP_WRAPPER (valgrind)
# prefixes the command; valgrind runs only check the exit code and
# valgrind's verdict, since timing-free output is compared already.
# Set RELMAP_GOLDEN_UPDATE=1 to rewrite the expected files.
set -u
relmap=$(realpath "$1") case=$(realpath "$2") data=$3
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export OUT
cd "$data" || exit 2
args=$(<"$case.cmd")
status=0
eval "${RELMAP_WRAPPER:-} \"\$relmap\" $args" >"$OUT/.stdout" 2>"$OUT/.stderr" || status=$?
if [ -n "${RELMAP_WRAPPER:-}" ]; then
  if [ "$status" = 99 ]; then
    echo "valgrind reported errors:"; cat "$OUT/.stderr"; exit 1
  fi
  want=$(<"$case.code")
  [ "$status" = "$want" ] || { echo "exit $status, want $want"; cat "$OUT/.stderr"; exit 1; }
  exit 0
fi
if [ "${RELMAP_GOLDEN_UPDATE:-}" = 1 ]; then
  cp "$OUT/.stdout" "$case.out"; cp "$OUT/.stderr" "$case.err"
  echo "$status" >"$case.code"; exit 0
fi
fail=0
if ! cmp -s "$OUT/.stdout" "$case.out"; then
  echo "--- stdout differs:"; diff -u "$case.out" "$OUT/.stdout" | head -60; fail=1
fi
if ! cmp -s "$OUT/.stderr" "$case.err"; then
  echo "--- stderr differs:"; diff -u "$case.err" "$OUT/.stderr" | head -60; fail=1
fi
want=$(<"$case.code")
if [ "$status" != "$want" ]; then
  echo "--- exit code $status, want $want"; fail=1
fi
exit $fail
