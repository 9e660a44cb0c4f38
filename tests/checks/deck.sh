#!/usr/bin/env bash
# deck.sh RELMAP SOURCE_DIR SCRATCH_DIR
# render --deck: the 400-person enterprise sample, the 60-person sample and
# a generated 3,000-person account as pages.  Every page's person text is
# 8 pt or more on its 16:9 page (tests/tools/legibility.py), every person
# of the account is a node on some page, the summaries name pages that
# exist, the one-PDF deck has a page per SVG page, each 16:9, with every
# person's name in its text (pdftotext), and two runs give the same bytes.
# The PowerPoint deck opens in LibreOffice Impress with a slide per page
# and every name in it.
# PNG pages are PNGs.  The time of the 3,000-person deck is printed (the
# benchmark's business, not a pass mark here).
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# all_names_in XML TEXT: every person's name of XML occurs in TEXT (white
# space folded), as pdftotext writes it.
all_names_in() {
  python3 - "$1" "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
names = [p.get("name") for p in ET.parse(sys.argv[1]).getroot().iter("person")]
text = " ".join(open(sys.argv[2], encoding="utf-8").read().split())
missing = [x for x in names if " ".join(x.split()) not in text]
if missing:
    print(f"{len(missing)} names not in the text, e.g. {missing[:3]}")
sys.exit(1 if missing else 0)
PY
}

python3 "$src/tests/tools/genaccount.py" --persons 3000 --seed 7 -o gen3000.xml ||
  fail "genaccount"

for f in "$src/samples/midmarket.xml" "$src/samples/enterprise.xml" gen3000.xml; do
  n=$(basename "$f" .xml)
  start=$(date +%s.%N)
  "$relmap" render "$f" --deck --out-dir "$n" 2>"$n.err" ||
    { fail "$n: --deck failed: $(cat "$n.err")"; continue; }
  end=$(date +%s.%N)
  pages=$(ls "$n"/*.svg | wc -l)
  echo "$n: $pages pages in $(python3 -c "print(round($end - $start, 1))") s"
  python3 "$src/tests/tools/legibility.py" --min 8 "$n"/*.svg >"$n.legibility" ||
    fail "$n: a page's person text is under 8 pt: $(sort -t' ' -k7 -n "$n.legibility" | head -1)"
  python3 - "$f" "$n" "$pages" <<'PY' || fail "$n: persons or page references"
import glob, re, sys, xml.etree.ElementTree as ET
src, d, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
ids = {p.get("id") for p in ET.parse(src).getroot().iter("person")}
def idpart(s):
    out = []
    for ch in s.encode():
        c = chr(ch)
        if c.isascii() and (c.isalnum() or c in ".-"):
            out.append(c)
        elif c == "_":
            out.append("__")
        else:
            out.append("_%02X" % ch)
    return "".join(out)
drawn, refs = set(), set()
for path in sorted(glob.glob(d + "/*.svg")):
    for el in ET.parse(path).getroot().iter():
        cls = (el.get("class") or "").split()
        if "person" in cls and (el.get("id") or "").startswith("p-"):
            drawn.add(el.get("id")[2:])
        if el.text:
            refs |= {int(x) for x in re.findall(r"\u2192 page (\d+)", el.text)}
missing = [i for i in ids if idpart(i) not in drawn]
if missing:
    print(f"{len(missing)} persons on no page, e.g. {missing[:5]}")
bad = [r for r in refs if not 1 <= r <= pages]
if bad:
    print(f"summaries name pages that do not exist: {sorted(bad)[:5]}")
sys.exit(1 if missing or bad else 0)
PY
done

# One PDF: a page per SVG page, 16:9, every name in the text, same bytes.
for f in "$src/samples/enterprise.xml"; do
  n=$(basename "$f" .xml)
  "$relmap" render "$f" --deck -o "$n.pdf" 2>/dev/null &&
    "$relmap" render "$f" --deck -o "$n.again.pdf" 2>/dev/null ||
    { fail "$n.pdf: --deck -o failed"; continue; }
  cmp -s "$n.pdf" "$n.again.pdf" || fail "$n.pdf: two runs differ"
  want=$(ls "$n"/*.svg | wc -l)
  got=$(pdfinfo "$n.pdf" | awk '/^Pages:/ {print $2}')
  [ "$got" = "$want" ] || fail "$n.pdf: $got pages, the deck has $want"
  pdfinfo -f 1 -l "$got" "$n.pdf" | awk '/^Page .*size:/ && !($4 == 960 && $6 == 540) {bad = 1} END {exit bad}' ||
    fail "$n.pdf: a page is not 960 x 540 pt"
  pdftotext -q "$n.pdf" "$n.txt" || fail "$n.pdf: pdftotext failed"
  all_names_in "$f" "$n.txt" || fail "$n.pdf: names missing from the text"
done

# PowerPoint: LibreOffice Impress opens it; converted to PDF with the
# notes pages, it has a 16:9 slide per deck page and every name in its
# text (the slides are pictures; the names are in the notes and alt text).
f=$src/samples/midmarket.xml
"$relmap" render "$f" --deck -o mid.pptx 2>/dev/null &&
  "$relmap" render "$f" --deck -o mid.again.pptx 2>/dev/null ||
  fail "mid.pptx: --deck -o failed"
cmp -s mid.pptx mid.again.pptx || fail "mid.pptx: two runs differ"
mkdir -p lo-home
if HOME=$PWD/lo-home timeout 180 soffice --headless --norestore \
     --convert-to 'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"}}' \
     --outdir lo mid.pptx >lo.log 2>&1 && [ -s lo/mid.pdf ]; then
  want=$(ls midmarket/*.svg | wc -l)
  slides=$(pdfinfo -f 1 -l 999 lo/mid.pdf 2>/dev/null | awk '/^Page .*size:/ && $4 > 959 && $4 < 961 && $6 == 540' | wc -l)
  [ "$slides" = "$want" ] || fail "mid.pptx: $slides 16:9 slides, the deck has $want pages"
  pdftotext -q lo/mid.pdf lo/mid.txt
  all_names_in "$f" lo/mid.txt || fail "mid.pptx: names missing from the slides' text"
else
  fail "mid.pptx: LibreOffice Impress could not convert it: $(tail -3 lo.log)"
fi

# PNG pages.
"$relmap" render "$src/samples/startup.xml" --deck -T png --out-dir png 2>/dev/null ||
  fail "png deck failed"
for p in png/*.png; do
  [ "$(head -c 8 "$p" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
    fail "$p: not a PNG"
done

echo "deck: $fails failure(s)"
[ "$fails" = 0 ]
