#!/usr/bin/env bash
# schema_xmllint.sh RELMAP SOURCE_DIR SCRATCH_DIR
# The shipped schema, read by a consumer of its own (xmllint): every valid
# test file and sample validates against schema/relmap.xsd, files broken
# in structure or values do not, and files whose only problems are ids
# (left to the loader on purpose) validate but fail `relmap check`.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
command -v xmllint >/dev/null || { echo "SKIP: no xmllint"; exit 0; }
fail() { echo "FAIL: $*"; exit 1; }
xsd=$src/schema/relmap.xsd
data=$src/tests/data
validates() { xmllint --noout --nonet --schema "$xsd" "$1" >out.txt 2>&1; }

xmllint --noout --nonet "$xsd" || fail "relmap.xsd is not well-formed"
for f in "$data"/load/valid-*.xml "$data"/cli/*.xml "$src"/samples/*.xml; do
  [ -e "$f" ] || continue
  validates "$f" || { cat out.txt; fail "$f should validate"; }
  "$relmap" check "$f" --fail-on never -o report.txt 2>err.txt ||
    { cat err.txt; fail "relmap check $f failed"; }
done
for f in bad-values bad-structure deep no-account wrong-root namespace \
         many-errors multiline; do
  validates "$data/load/$f.xml" && fail "$f.xml should not validate"
  "$relmap" check "$data/load/$f.xml" >/dev/null 2>&1
  [ $? = 65 ] || fail "relmap check $f.xml: want exit 65"
done
for f in dangling wrong-kind duplicate-id cycle; do
  validates "$data/load/$f.xml" || { cat out.txt; fail "$f.xml should validate"; }
  "$relmap" check "$data/load/$f.xml" >/dev/null 2>&1
  [ $? = 65 ] || fail "relmap check $f.xml: want exit 65"
done
echo "ok"
