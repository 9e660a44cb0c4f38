#!/usr/bin/env bash
# legibility.sh RELMAP SOURCE_DIR SCRATCH_DIR
# Maps a person can read on a slide: every sample and generated accounts
# of 12 to 3,000 persons (several seeds, and an untidy one) rendered with
# --page 16:9 must put every person's text at 7 pt or more on the page,
# measured in the SVG by tests/tools/legibility.py (font size times every
# scale on the way to the page).  The same maps drawn without folding for
# the page (--min-text 0) are the control: the 60-person sample must then
# be caught under 7 pt, or the measure proves nothing.  PNG and PDF of the
# same page are the same drawing (pages.sh checks their size).
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
measure="python3 $src/tests/tools/legibility.py"

inputs=("$src/samples/startup.xml" "$src/samples/midmarket.xml"
        "$src/samples/enterprise.xml")
for spec in "12 3" "60 7" "60 8" "200 5" "400 2" "3000 4"; do
  set -- $spec
  python3 "$src/tests/tools/genaccount.py" --persons "$1" --seed "$2" \
    -o "gen-$1-$2.xml" || fail "genaccount $spec"
  inputs+=("gen-$1-$2.xml")
done
python3 "$src/tests/tools/genrandom.py" --persons 60 --seed 3 -o untidy-60.xml \
  2>/dev/null && inputs+=(untidy-60.xml)

for f in "${inputs[@]}"; do
  n=$(basename "$f" .xml)
  "$relmap" render "$f" --page 16:9 -o "$n.svg" 2>"$n.err" ||
    fail "$n: render --page 16:9 failed: $(cat "$n.err")"
  $measure --min 7 "$n.svg" || fail "$n: person text under 7 pt on a 16:9 page"
done

# The control: unfolded, the 60-person map is unreadable on one slide.
"$relmap" render "$src/samples/midmarket.xml" --page 16:9 --min-text 0 \
  -o control.svg 2>/dev/null || fail "control render failed"
if $measure --min 7 control.svg >/dev/null; then
  fail "control: the unfolded 60-person map passed the 7 pt measure"
fi

echo "legibility: $fails failure(s)"
[ "$fails" = 0 ]
