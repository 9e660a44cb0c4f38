#!/usr/bin/env bash
# render_outputs.sh RELMAP SOURCE_DIR SCRATCH_DIR
# Renders the samples and tests/data/render/*.xml to SVG, PNG, PDF and DOT
# and hands each output to a real consumer: xmllint and rsvg-convert read
# the SVG, dot reads the DOT back and must draw the very same picture, pdfinfo
# reads the PDF (with a generous layout bound: sanitizer builds on a busy
# machine are slow).  Every output is rendered twice and must not change; the
# special characters of special.xml must be exact texts of the SVG.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
have() { command -v "$1" >/dev/null; }

data=$src/tests/data/render
inputs=("$src/samples/startup.xml" "$src/samples/midmarket.xml" "$data/special.xml"
        "$data/no-managers.xml")

for input in "${inputs[@]}"; do
  name=$(basename "$input" .xml)
  for fmt in svg png pdf dot; do
    for run in 1 2; do
      if ! "$relmap" render "$input" --layout-timeout 120 -o "$name.$run.$fmt" 2>"$name.$fmt.err"; then
        fail "$name: render -T $fmt failed: $(cat "$name.$fmt.err")"
        continue 2
      fi
    done
    [ -s "$name.$fmt.err" ] && fail "$name: render -T $fmt said: $(cat "$name.$fmt.err")"
    cmp -s "$name.1.$fmt" "$name.2.$fmt" || fail "$name.$fmt differs between two runs"
  done
  svg=$name.1.svg png=$name.1.png pdf=$name.1.pdf dot=$name.1.dot

  # SVG: well-formed XML, and a renderer of its own draws it.
  if have xmllint; then
    xmllint --noout --nonet "$svg" 2>xmllint.err || fail "$svg: xmllint: $(cat xmllint.err)"
  fi
  if have rsvg-convert; then
    if ! rsvg-convert -o "$name.rsvg.png" "$svg" 2>rsvg.err || [ -s rsvg.err ]; then
      fail "$svg: rsvg-convert: $(cat rsvg.err)"
    elif [ "$(head -c 8 "$name.rsvg.png" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
      fail "$svg: rsvg-convert wrote no PNG"
    fi
  fi

  # PNG: the signature, and nothing else would do.
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
    fail "$png: no PNG signature"

  # PDF: pdfinfo reads it; cairo's creation time became the as-of date.
  if have pdfinfo; then
    pdfinfo "$pdf" >pdfinfo.out 2>&1 || fail "$pdf: pdfinfo: $(cat pdfinfo.out)"
    grep -q '^Pages: *1$' pdfinfo.out || fail "$pdf: not one page"
    grep -q '^CreationDate:.*2026' pdfinfo.out || fail "$pdf: creation date is not the as-of date"
  fi

  # DOT: Graphviz reads it back and draws exactly what relmap drew.
  if have dot; then
    if ! dot -Tsvg "$dot" -o "$name.dot.svg" 2>dot.err || [ -s dot.err ]; then
      fail "$dot: dot -Tsvg: $(cat dot.err)"
    else
      # relmap rewrites titles and tooltip anchors of Graphviz's SVG
      # (render_svg.c); the drawing itself, element by element, is the same.
      if have python3; then
        python3 "$src/tests/tools/same_drawing.py" "$svg" "$name.dot.svg" ||
          fail "$dot: dot -Tsvg draws something else than relmap"
      else
        cmp -s "$svg" "$name.dot.svg" || fail "$dot: dot -Tsvg draws something else than relmap"
      fi
    fi
  fi
done

# The special characters, as texts of the SVG (titles on one line).
"$relmap" render "$data/special.xml" --style "$data/nowrap.xml" -o special.nowrap.svg ||
  fail "special.xml with --style nowrap.xml failed"
if have python3; then
  python3 - special.nowrap.svg <<'EOF' || fail "special characters changed in the SVG"
import sys
import xml.etree.ElementTree as ET
texts = {e.text for e in ET.parse(sys.argv[1]).iter('{http://www.w3.org/2000/svg}text')}
want = [
    'Ampersand & <Angle> Co', 'R&D <Labs>', '技术部',
    'Jane "JD" O\'Doe', 'Søren Kierkegård',
    'Tom & Jerry <CEO>', 'Chief "Everything" Officer',
    'Zoë Łukasz-Müller', 'Directrice générale adjointe',
    '王伟 (Wang Wei)', '首席技术官', 'Emoji 😀 Person', 'Head of Fun 🎉',
    'back\\slash \\N \\G \\n \\l \\E', 'C:\\Temp\\new \\\\ double',
    'Literal &amp; and &#39; and &lt;', "It's a 'quote'",
    '-dash- --double-- tab', 'x>y<z',
]
missing = [w for w in want if w not in texts]
for w in missing:
    print('missing from the SVG texts: %r' % w)
sys.exit(1 if missing else 0)
EOF
fi

# Every engine draws, to SVG that xmllint reads.
for engine in dot neato fdp sfdp circo twopi; do
  "$relmap" render "$data/special.xml" --engine "$engine" -o "engine-$engine.svg" 2>engine.err ||
    { fail "--engine $engine: $(cat engine.err)"; continue; }
  if have xmllint; then
    xmllint --noout --nonet "engine-$engine.svg" || fail "--engine $engine: bad SVG"
  fi
done

# A theme by path changes the picture; an unknown style name is an error
# that says where it looked, and leaves no output behind.
"$relmap" render "$src/samples/startup.xml" --style "$data/theme-dark.xml" -o dark.svg 2>dark.err ||
  fail "theme-dark.xml: $(cat dark.err)"
grep -q 'fill="#0f172a"' dark.svg || fail "theme-dark.xml: no dark background"
if "$relmap" render "$data/special.xml" --style no-such-style -o nostyle.svg 2>nostyle.err; then
  fail "--style no-such-style succeeded"
fi
grep -q "no style named 'no-such-style'" nostyle.err || fail "--style no-such-style: $(cat nostyle.err)"
[ ! -e nostyle.svg ] || fail "--style no-such-style left an output"

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all render outputs check out"
