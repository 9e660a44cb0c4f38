#!/usr/bin/env bash
# org_layout.sh RELMAP SOURCE_DIR SCRATCH_DIR
# The compact org chart (docs/layout.md), read back from relmap's DOT by
# tests/tools/overlaps.py: no two cards overlap, no department, team or
# legend box covers a card that is not in it, and every card lies in the
# drawing.  On the samples (default view, everyone, the customer's view,
# a 16:9 page), generated accounts of 12 to 3,000 persons over several
# seeds, an untidy account and one with no reporting lines.  The default
# view of a 3,000-person account is no wider than 4 times its height, and
# `dot` (which reads layout=nop2 from the file) draws relmap's DOT as
# relmap does.  A control with two cards moved onto each other must be
# caught.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
overlaps="python3 $src/tests/tools/overlaps.py"

inputs=("$src"/samples/*.xml)
for spec in "12 5" "60 9" "200 3" "400 11" "3000 6"; do
  set -- $spec
  python3 "$src/tests/tools/genaccount.py" --persons "$1" --seed "$2" \
    -o "gen-$1-$2.xml" || fail "genaccount $spec"
  inputs+=("gen-$1-$2.xml")
done
python3 "$src/tests/tools/genrandom.py" --persons 300 --seed 4 -o untidy.xml &&
  inputs+=(untidy.xml) || fail "genrandom"
python3 - >flat.xml <<'PY'
print('<relmap version="1" as-of="2026-11-01"><account id="f" name="Flat">')
for i in range(150):
    print(f'<person id="p{i}" name="Person {i}" title="Buyer {i % 7}" department="D{i % 4}"/>')
print('</account></relmap>')
PY
inputs+=(flat.xml)

for f in "${inputs[@]}"; do
  n=$(basename "$f" .xml)
  for view in default full customer page; do
    case $view in
      default) args=() ;;
      full) args=(--full) ;;
      customer) args=(--audience customer) ;;
      page) args=(--page 16:9) ;;
    esac
    "$relmap" render "$f" "${args[@]}" -T dot -o "$n.$view.dot" 2>"$n.$view.err" ||
      { fail "$n.$view: render failed: $(cat "$n.$view.err")"; continue; }
    $overlaps "$n.$view.dot" >"$n.$view.txt" || fail "$n.$view: $(cat "$n.$view.txt")"
  done
done

# The 3,000-person default view: at most 4:1.
bb=$(grep -m1 -o 'bb="[^"]*"' gen-3000-6.default.dot | tr -d 'bb="')
python3 - "$bb" <<'PY' || fail "3,000 persons: wider than 4 times its height ($bb)"
import sys
x0, y0, x1, y1 = (float(v) for v in sys.argv[1].split(","))
print(f"3,000 persons, default view: {x1 - x0:.0f} x {y1 - y0:.0f} pt, {(x1 - x0) / (y1 - y0):.2f}:1")
sys.exit(0 if (x1 - x0) <= 4 * (y1 - y0) else 1)
PY

# dot draws relmap's DOT as relmap does (the file says layout=nop2).
"$relmap" render "$src/samples/midmarket.xml" -o mid.svg 2>/dev/null &&
  "$relmap" render "$src/samples/midmarket.xml" -T dot -o mid.dot 2>/dev/null &&
  dot -Tsvg mid.dot -o mid.dot.svg &&
  python3 "$src/tests/tools/same_drawing.py" mid.svg mid.dot.svg >same.txt ||
  fail "dot draws relmap's DOT otherwise: $(cat same.txt 2>/dev/null)"

# Control: the first two persons' cards put on the same spot.
python3 - gen-12-5.full.dot >control.dot <<'PY'
import re, sys
text = open(sys.argv[1]).read()
pos = re.findall(r'"p:[^"]*"\s*\[[^\]]*?pos="([^"]*)"', text, re.S)
first, second = pos[0], pos[1]
print(text.replace(f'pos="{second}"', f'pos="{first}"', 1))
PY
if $overlaps control.dot >control.txt; then
  fail "control: two cards on one spot were not caught"
fi

echo "org_layout: $fails failure(s)"
[ "$fails" = 0 ]
