#!/usr/bin/env bash
# junit_xsd.sh RELMAP SOURCE_DIR SCRATCH_DIR
# `check --format junit` read by a consumer of its own: the report of every
# sample and test account validates with xmllint against the Apache Ant
# JUnit XSD that Jenkins and GitLab parse (tests/data/junit/junit.xsd),
# with warnings passing and with --fail-on warning, and the exit code is
# the one of the text format.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
command -v xmllint >/dev/null || { echo "SKIP: no xmllint"; exit 0; }
fail() { echo "FAIL: $*"; exit 1; }
xsd=$src/tests/data/junit/junit.xsd
data=$src/tests/data
n=0

for f in "$src"/samples/*.xml "$data"/cli/*.xml "$data"/load/valid-*.xml \
         "$data"/render/*.xml; do
  [ -e "$f" ] || continue
  for fail_on in error warning never; do
    "$relmap" check "$f" --format text --fail-on "$fail_on" >/dev/null 2>&1
    want=$?
    "$relmap" check "$f" --format junit --fail-on "$fail_on" -o report.xml \
      2>err.txt
    got=$?
    [ "$got" = "$want" ] || { cat err.txt; fail "$f --fail-on $fail_on: exit $got, text gives $want"; }
    xmllint --noout --nonet --schema "$xsd" report.xml >out.txt 2>&1 ||
      { cat out.txt; fail "$f --fail-on $fail_on: report does not validate"; }
    n=$((n + 1))
  done
done
[ "$n" -gt 0 ] || fail "no accounts checked"
echo "ok: $n reports valid"
