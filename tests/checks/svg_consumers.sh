#!/usr/bin/env bash
# svg_consumers.sh RELMAP SOURCE_DIR SCRATCH_DIR
# The SVG in the programs it is made for (issue 4): every sample and the
# hostile fixtures (special.xml: names; hostile-ids.xml: ids; links.xml:
# unsafe links) are rendered to SVG and to --text-as-paths SVG, and
#  - both validate against the SVG 1.1 DTD (Debian's w3c-sgml-lib, offline),
#    which also makes every id a unique XML name,
#    have a document <title> and <desc> first, and no foreignObject; the
#    --text-as-paths one has no <text>;
#  - rsvg-convert draws both without a word on stderr;
#  - headless Chromium loads every SVG in one page and, by an injected
#    script, counts the person nodes (must equal `relmap check --format
#    json`'s persons) and compares every node text's getBBox() with the
#    node's shape (its bounding box, then the text box's corners with
#    isPointInFill): no text may overflow.  A control map laid out with
#    Graphviz's text layout plugins hidden (estimated widths) must be
#    caught overflowing, so the overflow test is known to bite;
#  - LibreOffice Impress imports every SVG (impress_svg_Import, one
#    invocation for all, a private profile) and exports PDF whose text
#    (pdftotext) holds every person's name.
# Tools come from scripts/debian-packages.txt; a missing one is a failure.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
need() {
  command -v "$1" >/dev/null && return 0
  fail "$1 is not installed (Debian package $2, scripts/debian-packages.txt)"
  return 1
}

dtd=/usr/share/xml/w3c-sgml-lib/schema/dtd/REC-SVG11-20110816/svg11.dtd
[ -r "$dtd" ] || dtd=$(dpkg -L w3c-sgml-lib 2>/dev/null | grep '/svg11\.dtd$' | head -n 1)
[ -n "$dtd" ] && [ -r "$dtd" ] || fail "the SVG 1.1 DTD is not installed (Debian package w3c-sgml-lib)"

inputs=("$src"/samples/*.xml "$src/tests/data/render/special.xml" "$src/tests/data/render/hostile-ids.xml"
        "$src/tests/data/render/links.xml")
names=()
for input in "${inputs[@]}"; do
  name=$(basename "$input" .xml)
  names+=("$name")
  # links.xml warns about the links it leaves out (golden render_links);
  # nothing else may say anything.
  if ! "$relmap" render "$input" -o "$name.svg" 2>"$name.err" ||
     ! "$relmap" render "$input" --text-as-paths -o "$name.paths.svg" 2>>"$name.err"; then
    fail "$name: render failed: $(cat "$name.err")"
    continue
  fi
  [ "$name" = links ] || [ ! -s "$name.err" ] || fail "$name: render said: $(cat "$name.err")"
  "$relmap" check "$input" --format json --fail-on never -o "$name.json" ||
    fail "$name: check --format json failed"
done

# Structure and the DTD.
for name in "${names[@]}"; do
  for svg in "$name.svg" "$name.paths.svg"; do
    [ -s "$svg" ] || continue
    grep -q foreignObject "$svg" && fail "$svg: has a foreignObject"
    if [ -n "$dtd" ] && need xmllint libxml2-utils; then
      xmllint --noout --nonet --dtdvalid "$dtd" "$svg" 2>dtd.err ||
        fail "$svg: not valid against the SVG 1.1 DTD: $(head -n 5 dtd.err)"
    fi
  done
  grep -q '<text' "$name.paths.svg" && fail "$name.paths.svg: --text-as-paths left <text> elements"
done
python3 - "${names[@]}" <<'EOF' || fail "document <title>/<desc> missing or wrong"
import json, sys
import xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
bad = 0
for name in sys.argv[1:]:
    report = json.load(open(name + '.json'))
    acc = report['accounts'][0]
    for svg in (name + '.svg', name + '.paths.svg'):
        root = ET.parse(svg).getroot()
        kids = list(root)
        if len(kids) < 2 or kids[0].tag != NS + 'title' or kids[1].tag != NS + 'desc':
            print('%s: <title> and <desc> are not the first children of <svg>' % svg); bad = 1
            continue
        title, desc = kids[0].text or '', kids[1].text or ''
        want = [acc['name'] or acc['id'], 'as of ' + report['as_of']]
        score = acc['coverage_score']
        want.append('Coverage score %.1f' % score if score is not None else 'Coverage score n/a')
        errors = sum(g['severity'] == 'error' for g in acc['gaps'])
        warnings = sum(g['severity'] == 'warning' for g in acc['gaps'])
        want.append('Gaps: %d error%s, %d warning%s' % (errors, '' if errors == 1 else 's',
                                                     warnings, '' if warnings == 1 else 's'))
        if want[0] not in title:
            print('%s: title %r lacks the account name' % (svg, title)); bad = 1
        for w in want:
            if w not in desc:
                print('%s: desc %r lacks %r' % (svg, desc, w)); bad = 1
sys.exit(bad)
EOF

# rsvg-convert: draws both kinds, silently.  At a fixed width: librsvg
# refuses images over 32767 pixels a side, which the enterprise sample's
# map (400 persons in one row of departments) is at 1:1.
if need rsvg-convert librsvg2-bin; then
  for name in "${names[@]}"; do
    for svg in "$name.svg" "$name.paths.svg"; do
      [ -s "$svg" ] || continue
      if ! rsvg-convert -a -w 3000 -o "$svg.png" "$svg" 2>rsvg.err || [ -s rsvg.err ]; then
        fail "$svg: rsvg-convert: $(head -n 5 rsvg.err)"
      fi
    done
  done
fi

# Chromium: every person's node present, no text outside its node.  The
# control: the first sample laid out with a plugin directory that has no
# text layout plugin, so Graphviz estimates widths (relmap warns).
mkdir -p gv-notext
for p in core dot_layout neato_layout; do
  for f in /usr/lib/*/graphviz/libgvplugin_$p.so.[0-9]; do ln -sf "$f" gv-notext/; done
done
control=${names[0]}
if GVBINDIR=$PWD/gv-notext dot -c 2>/dev/null &&
   GVBINDIR=$PWD/gv-notext "$relmap" render "${inputs[0]}" -o control.svg 2>control.err; then
  grep -q 'no text layout plugin' control.err ||
    fail "no warning when Graphviz has no text layout plugin: $(cat control.err)"
else
  fail "could not render the control map without text layout plugins: $(cat control.err 2>/dev/null)"
fi
if need chromium chromium && [ -s control.svg ]; then
  python3 - page.html control.svg "${names[@]/%/.svg}" <<'EOF'
import html, sys
out, svgs = sys.argv[1], sys.argv[2:]
parts = []
for path in svgs:
    s = open(path, encoding='utf-8').read()
    parts.append('<div class="map" data-file="%s">%s</div>' % (html.escape(path), s[s.index('<svg'):]))
script = r'''<script>
(function () {
  const TOL = 0.5, res = [];
  const box4 = b => [b.x, b.y, b.width, b.height].map(v => +v.toFixed(2));
  for (const div of document.querySelectorAll('div.map')) {
    const svg = div.querySelector('svg');
    const r = { file: div.dataset.file, persons: svg.querySelectorAll('g.node.person').length,
                texts: 0, overflow: [] };
    for (const node of svg.querySelectorAll('g.node')) {
      /* A plain node (the legend's key table) has no outline to overflow;
       * every other node draws its shape first, then its label. */
      if (node.classList.contains('legend-key')) continue;
      const shape = node.querySelector('polygon, ellipse, path');
      if (!shape) continue;
      const nb = shape.getBBox();
      for (const t of node.querySelectorAll('text')) {
        r.texts++;
        const b = t.getBBox();
        if (b.x < nb.x - TOL || b.y < nb.y - TOL || b.x + b.width > nb.x + nb.width + TOL ||
            b.y + b.height > nb.y + nb.height + TOL) {
          r.overflow.push({ node: node.id, text: t.textContent, text_box: box4(b), node_box: box4(nb) });
          continue;
        }
        const p = svg.createSVGPoint();
        let out = 0;
        for (const [x, y] of [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                              [b.x + b.width, b.y + b.height]]) {
          p.x = x; p.y = y;
          if (!shape.isPointInFill(p) && !shape.isPointInStroke(p)) out++;
        }
        if (out) r.overflow.push({ node: node.id, text: t.textContent, corners_outside: out });
      }
    }
    res.push(r);
  }
  const pre = document.createElement('pre');
  pre.id = 'relmap-result';
  pre.textContent = JSON.stringify(res);
  document.body.appendChild(pre);
})();
</script>'''
open(out, 'w', encoding='utf-8').write('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                                        + ''.join(parts) + script + '</body></html>')
EOF
  timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$PWD/chromium-profile" \
    --dump-dom "file://$PWD/page.html" >page.dom 2>chromium.err ||
    fail "chromium failed: $(tail -n 5 chromium.err)"
  python3 - page.dom control.svg "${names[@]}" <<'EOF' || fail "Chromium: see above"
import html, json, re, sys
dom, control, names = sys.argv[1], sys.argv[2], sys.argv[3:]
m = re.search(r'<pre id="relmap-result">(.*?)</pre>', open(dom, encoding='utf-8').read(), re.S)
if not m:
    print('Chromium ran no check script'); sys.exit(1)
res = {r['file']: r for r in json.loads(html.unescape(m.group(1)))}
bad = 0
for name in names:
    r = res.get(name + '.svg')
    want = len(json.load(open(name + '.json'))['accounts'][0]['persons'])
    if not r:
        print('%s.svg: not loaded' % name); bad = 1; continue
    if r['persons'] != want:
        print('%s.svg: %d person nodes in Chromium, the account has %d' % (name, r['persons'], want)); bad = 1
    if r['texts'] < want:
        print('%s.svg: only %d node texts' % (name, r['texts'])); bad = 1
    for o in r['overflow'][:10]:
        print('%s.svg: text overflows its node: %s' % (name, json.dumps(o, ensure_ascii=False))); bad = 1
c = res.get(control)
if not c or not c['overflow']:
    print('control: estimated text widths were not caught overflowing (the overflow test does not bite)'); bad = 1
sys.exit(bad)
EOF
fi

# LibreOffice Impress: one invocation imports every SVG into a presentation
# and exports PDF; a private profile so parallel runs do not share one.
if need libreoffice libreoffice-impress && need pdftotext poppler-utils; then
  svgs=()
  for name in "${names[@]}"; do [ -s "$name.svg" ] && svgs+=("$name.svg"); done
  mkdir -p pdf
  timeout 180 libreoffice --headless --norestore -env:UserInstallation="file://$PWD/lo-profile" \
    --infilter=impress_svg_Import --convert-to pdf:impress_pdf_Export --outdir pdf \
    "${svgs[@]}" >lo.out 2>lo.err || fail "libreoffice failed: $(tail -n 5 lo.err)"
  for svg in "${svgs[@]}"; do
    name=${svg%.svg}
    grep -q "$svg -> .*impress_pdf_Export" lo.out || fail "$svg: LibreOffice did not convert it through Impress"
    if [ ! -s "pdf/$name.pdf" ]; then
      fail "$svg: LibreOffice Impress wrote no PDF"; continue
    fi
    pdftotext -enc UTF-8 "pdf/$name.pdf" "$name.pdf.txt" 2>pdftotext.err ||
      { fail "pdf/$name.pdf: pdftotext: $(cat pdftotext.err)"; continue; }
    python3 - "$name.json" "$name.pdf.txt" <<'EOF' || fail "$svg: names missing from Impress's PDF"
import json, re, sys
persons = json.load(open(sys.argv[1]))['accounts'][0]['persons']
# Whitespace aside: the PDF breaks lines where the SVG has separate texts.
text = re.sub(r'\s+', '', open(sys.argv[2], encoding='utf-8').read())
names = [p.get('name') or p['id'] for p in persons]
missing = [n for n in names if re.sub(r'\s+', '', n) not in text]
for n in missing:
    print('not in the PDF text: %r' % n)
sys.exit(1 if missing else 0)
EOF
  done
fi

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all SVG consumers accept the maps"
