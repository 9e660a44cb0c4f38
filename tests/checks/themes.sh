#!/usr/bin/env bash
# themes.sh RELMAP SOURCE_DIR SCRATCH_DIR
# The four themes (styles/*.xml, compiled in):
#  1. every sample renders in every theme to SVG and PNG, rsvg-convert
#     reads each SVG and each PNG is a PNG;
#  2. text contrast: every text drawn on a fill (nodes, legend swatches, the
#     gap badge, clusters, the title on the background) has a WCAG contrast
#     of at least 4.5:1, in every theme;
#  3. print without colour: on tests/data/themes/all-values.xml (every role
#     and attitude, each attitude on persons of two roles), the -T dot
#     output gives each role one shape of its own and each attitude one
#     (border dash, peripheries) pair and one 10%-luminance grey step of
#     its own; coverage bands and influence/conflict differ by dash (and
#     width or arrowhead); the colorblind theme's attitudes differ by
#     border too;
#  4. print in greyscale for real: the PDF rasterised by `pdftoppm -gray`
#     shows each attitude's nodes and legend swatch in a grey level at
#     least 20 of 255 from every other attitude's;
#  5. the legend lists only what the map uses (two-of-each.xml).
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
themes="default print dark colorblind"
data=$src/tests/data/themes
# The themes must resolve by name from anywhere, not from the source tree.
unset RELMAP_STYLE_PATH

# ---- 1. every sample in every theme ----
png_sig=89504e470d0a1a0a
for input in "$src"/samples/*.xml; do
  name=$(basename "$input" .xml)
  for theme in $themes; do
    for fmt in svg png; do
      out=$name.$theme.$fmt
      # (a generous layout bound: this checks themes, not speed, and a busy
      # or sanitizer build can be slow)
      if ! "$relmap" render "$input" --style "$theme" --layout-timeout 60 -o "$out" 2>"$out.err"; then
        fail "$out: render failed: $(cat "$out.err")"; continue
      fi
      # A map too big for one bitmap is drawn at a lower dpi, with a
      # warning (relmap's 8,192 pixels a side, or cairo's own limit).
      if grep -v -e 'too large for cairo-renderer bitmaps' \
           -e 'the PNG is drawn at [0-9]* dpi' "$out.err" | grep -q .; then
        fail "$out: render said: $(cat "$out.err")"
      fi
    done
    # (at a fixed width: librsvg draws no bitmap over 32767 pixels)
    if ! rsvg-convert -w 2000 -a -o "$name.$theme.rsvg.png" "$name.$theme.svg" 2>rsvg.err || [ -s rsvg.err ]; then
      fail "$name.$theme.svg: rsvg-convert: $(cat rsvg.err)"
    fi
    for png in "$name.$theme.png" "$name.$theme.rsvg.png"; do
      [ "$(head -c 8 "$png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = $png_sig ] ||
        fail "$png: not a PNG"
    done
  done
done

# ---- DOT dumps through Graphviz's own reader (gvpr) ----
# N name style peripheries fillcolor fontcolor shape tooltip label
# E style arrowhead penwidth tooltip
# S cluster fillcolor fontcolor style      G bgcolor label
dump='BEG_G {
  graph_t s;
  printf("G\t%s\t%s\n", aget($G,"bgcolor"), aget($G,"label"));
  for (s = fstsubg($G); s; s = nxtsubg(s))
    printf("S\t%s\t%s\t%s\t%s\n", s.name, aget(s,"fillcolor"), aget(s,"fontcolor"), aget(s,"style"));
}
N { printf("N\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $.name, aget($,"style"),
      aget($,"peripheries"), aget($,"fillcolor"), aget($,"fontcolor"),
      aget($,"shape"), aget($,"tooltip"), aget($,"label")); }
E { printf("E\t%s\t%s\t%s\t%s\n", aget($,"style"), aget($,"arrowhead"),
      aget($,"penwidth"), aget($,"tooltip")); }'
for theme in $themes; do
  for input in "$data/all-values.xml" "$src"/samples/*.xml; do
    name=$(basename "$input" .xml)
    # Coverage as lines, so the bands' dashes and widths are drawn too;
    # the cards' chips are checked for contrast like every other cell.
    "$relmap" render "$input" --style "$theme" --coverage lines -T dot -o "$name.$theme.dot" 2>/dev/null &&
      gvpr -q "$dump" "$name.$theme.dot" >"$name.$theme.tsv" ||
      fail "$name.$theme: no DOT dump"
  done
done

# ---- 2. contrast, 3. distinct without colour ----
python3 - "$themes" <<'EOF' || fails=$((fails + 1))
import glob, itertools, re, sys
themes = sys.argv[1].split()
bad = []
NAMED = {"white": "#ffffff", "black": "#000000", "transparent": None}

def rgb(c):
    c = NAMED.get(c.strip().lower(), c.strip().lower())
    if c is None:
        return None
    if not re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", c or ""):
        raise ValueError("colour %r" % c)
    return tuple(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5))

def lum(c):
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb(c)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

def contrast(a, b):
    x, y = sorted((lum(a), lum(b)))
    return (y + 0.05) / (x + 0.05)

def rows(path):
    for line in open(path, encoding="utf-8"):
        yield line.rstrip("\n").split("\t")

def check(what, fg, bg):
    if fg and bg and rgb(bg) is not None and contrast(fg, bg) < 4.5:
        bad.append("%s: text %s on %s has contrast %.2f < 4.5" % (what, fg, bg, contrast(fg, bg)))

CELL = re.compile(r'<TD[^>]*?BGCOLOR="([^"]+)"[^>]*>\s*<FONT[^>]*?COLOR="([^"]+)"')
for path in sorted(glob.glob("*.tsv")):
    bgcolor = "#ffffff"
    for r in rows(path):
        if r[0] == "G":
            bgcolor = r[1] or "#ffffff"
            for m in re.finditer(r'<FONT[^>]*?COLOR="([^"]+)"', r[2]):
                check(path + " title", m.group(1), bgcolor)
        elif r[0] == "S" and r[1].startswith("cluster"):
            back = r[2] if "filled" in r[4] else bgcolor
            check("%s cluster %s" % (path, r[1]), r[3], back)
        elif r[0] == "N":
            name, style, fill, font, label = r[1], r[2], r[4], r[5], r[8]
            if name == "legend:key":
                # the legend's own text stands on the background
                m = re.match(r'<FONT[^>]*?COLOR="([^"]+)"', label)
                if m:
                    check(path + " legend text", m.group(1), bgcolor)
            elif "filled" in style:
                check("%s node %s" % (path, name), font or "#000000", fill)
            for m in CELL.finditer(label):
                check("%s node %s cell" % (path, name), m.group(2), m.group(1))

def line_style(style):
    s = [f.strip() for f in style.split(",")]
    return next((f for f in reversed(s) if f in ("dashed", "dotted", "bold")), "solid")

for theme in ("print", "colorblind"):
    path = "all-values.%s.tsv" % theme
    att, role = {}, {}
    edges = {}
    for r in rows(path):
        if r[0] == "N" and r[1].startswith("p:"):
            m = re.search(r"role: ([a-z-]+), attitude: ([a-z-]+)", r[7])
            ro, at = m.group(1), m.group(2)
            look = (line_style(r[2]), r[3] or "1", round(lum(r[4]) * 10))
            att.setdefault(at, set()).add(look)
            role.setdefault(ro, set()).add(r[6])
        elif r[0] == "E" and r[4] and not re.search(r" reports to | has a dotted line to ", r[4]):
            m = re.search(r"\((strong|medium|weak)\)$", r[4])
            kind = m.group(1) if m else ("conflict" if "works against" in r[4] else "influence")
            edges.setdefault(kind, set()).add((line_style(r[1]), r[2] or "normal",
                                               r[3] if m else ""))
    if len(att) != 6 or len(role) != 10:
        bad.append("%s: fixture draws %d attitudes and %d roles, want 6 and 10" % (path, len(att), len(role)))
    for name, looks in list(att.items()) + list(role.items()):
        if len(looks) != 1:
            bad.append("%s: %s is drawn in %d ways: %s" % (path, name, len(looks), sorted(looks)))
    for (a, la), (b, lb) in itertools.combinations(sorted(att.items()), 2):
        la, lb = min(la), min(lb)
        if la[:2] == lb[:2]:
            bad.append("%s: attitudes %s and %s have the same border %s" % (path, a, b, la[:2]))
        if theme == "print" and la[2] == lb[2]:
            bad.append("%s: attitudes %s and %s have the same grey step %d" % (path, a, b, la[2]))
    for (a, la), (b, lb) in itertools.combinations(sorted(role.items()), 2):
        if la == lb:
            bad.append("%s: roles %s and %s have the same shape %s" % (path, a, b, la))
    if len(edges) != 5 or any(len(v) != 1 for v in edges.values()):
        bad.append("%s: line kinds drawn: %s" % (path, edges))
    else:
        e = {k: min(v) for k, v in edges.items()}
        if e["influence"][0] == e["conflict"][0] or e["influence"][1] == e["conflict"][1]:
            bad.append("%s: influence %s and conflict %s differ not by dash and arrowhead" % (path, e["influence"], e["conflict"]))
        for a, b in itertools.combinations(("strong", "medium", "weak"), 2):
            if e[a][0] == e[b][0]:
                bad.append("%s: bands %s and %s have the same dash %s" % (path, a, b, e[a][0]))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
EOF

# ---- 4. print, rasterised in greyscale ----
"$relmap" render "$data/all-values.xml" --style print -o grey.pdf &&
  "$relmap" render "$data/all-values.xml" --style print -o grey.svg &&
  pdftoppm -gray -r 144 -singlefile grey.pdf grey ||
  fail "print: no greyscale raster"
python3 - grey.svg grey.pgm <<'EOF' || fails=$((fails + 1))
import itertools, re, sys
from collections import Counter
import xml.etree.ElementTree as ET
svg, pgm = sys.argv[1], sys.argv[2]
SCALE = 2.0  # 144 dpi over SVG points
raw = open(pgm, "rb").read()
m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", raw)
W, H = int(m.group(1)), int(m.group(2))
px = raw[m.end():]
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(svg).getroot()
g0 = root.find(NS + "g")
t = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", g0.get("transform"))
sc = re.search(r"scale\(([-\d.]+) ([-\d.]+)\)", g0.get("transform"))
tx, ty = float(t.group(1)), float(t.group(2))
sx, sy = float(sc.group(1)), float(sc.group(2))

# The PDF page is the SVG's view box with a margin (Graphviz gives paged
# formats 36 points), centred.
vb = [float(v) for v in root.get("viewBox").split()]
mx, my = (W / SCALE - vb[2]) / 2, (H / SCALE - vb[3]) / 2

def to_px(x, y):
    return ((x + tx) * sx + mx) * SCALE, ((y + ty) * sy + my) * SCALE

def box(el):
    # a polygon's points, or a path's (rounded boxes): x,y pairs
    nums = [float(v) for v in re.findall(r"-?[\d.]+", el.get("points") or el.get("d"))]
    xs, ys = nums[0::2], nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)

def mode(b, shrink):
    x0, y0 = to_px(b[0], b[1]); x1, y1 = to_px(b[2], b[3])
    dx, dy = (x1 - x0) * shrink, (y1 - y0) * shrink
    c = Counter(px[y * W + x] for y in range(int(y0 + dy), int(y1 - dy))
                for x in range(int(x0 + dx), int(x1 - dx)) if 0 <= x < W and 0 <= y < H)
    return c.most_common(1)[0][0] if c else None

bad = []
nodes, swatches = {}, {}
for g in g0.iter(NS + "g"):
    gid = g.get("id") or ""
    classes = (g.get("class") or "").split()
    if gid.startswith("p-p") and "person" in classes:
        att = next(c[len("attitude-"):] for c in classes if c.startswith("attitude-"))
        poly = next(p for p in g.iter() if p.tag in (NS + "polygon", NS + "path")
                    and p.get("fill") not in (None, "none"))
        nodes.setdefault(att, []).append((gid, poly.get("fill"), mode(box(poly), 0.3)))
    elif gid == "legend-key":
        cells = [(box(p), p.get("fill")) for p in g.iter(NS + "polygon")
                 if p.get("fill") not in (None, "none", "transparent")]
        for text in g.iter(NS + "text"):
            x, y = float(text.get("x")), float(text.get("y"))
            for b, fill in cells:
                if b[0] <= x <= b[2] and b[1] <= y <= b[3] and text.text:
                    swatches.setdefault(text.text, (b, fill))
def expect(fill):
    v = [int(fill[i:i + 2], 16) for i in (1, 3, 5)]
    return 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2]
grey = {}
for att, ns in sorted(nodes.items()):
    for gid, fill, level in ns:
        if level is None or abs(level - expect(fill)) > 3:
            bad.append("node %s (%s): grey %s where its fill %s gives %.0f" % (gid, att, level, fill, expect(fill)))
        grey.setdefault(att, set()).add(level)
    if att not in swatches:
        bad.append("legend has no swatch for %s" % att)
        continue
    b, fill = swatches[att]
    level = mode(b, 0.15)
    if level not in grey[att]:
        bad.append("legend swatch %s: grey %s, its nodes %s" % (att, level, sorted(grey[att])))
if len(grey) != 6:
    bad.append("raster shows %d attitudes, want 6" % len(grey))
for (a, ga), (b, gb) in itertools.combinations(sorted(grey.items()), 2):
    if min(abs(x - y) for x in ga for y in gb) < 20:
        bad.append("greyscale: %s %s and %s %s are fewer than 20 levels apart" % (a, sorted(ga), b, sorted(gb)))
for x in bad:
    print("FAIL:", x)
sys.exit(1 if bad else 0)
EOF

# ---- 5. the legend lists what the map uses, nothing else ----
for theme in default print; do
  "$relmap" render "$data/two-of-each.xml" --style $theme -T dot -o two.$theme.dot &&
    "$relmap" render "$data/two-of-each.xml" --style $theme -o two.$theme.svg ||
    { fail "two-of-each: render"; continue; }
  gvpr -q "$dump" two.$theme.dot >two.$theme.tsv
  roles=$(awk -F'\t' '$1 == "N" && $2 ~ /^legend:role:/ { sub(/legend:role:/, "", $2); print $2 }' two.$theme.tsv | sort | tr '\n' ' ')
  [ "$roles" = "economic-buyer user " ] || fail "two-of-each ($theme): legend roles '$roles'"
  key=$(awk -F'\t' '$1 == "N" && $2 == "legend:key" { print $9 }' two.$theme.tsv)
  atts=$(grep -o '<FONT COLOR="[^"]*">[a-z]*</FONT></TD>' <<<"$key" | sed 's/.*">//; s/<.*//' | tr '\n' ' ')
  [ "$atts" = "champion skeptic " ] || fail "two-of-each ($theme): legend attitudes '$atts'"
  for want in "reports to" "strong ≥ 0.7"; do
    grep -qF ">$want<" <<<"$key" || fail "two-of-each ($theme): legend lacks '$want'"
  done
  for unused in "dotted line" influences "works against" medium weak GAP; do
    grep -qF "$unused" <<<"$key" && fail "two-of-each ($theme): legend lists unused '$unused'"
  done
  # ... and the drawing says the same.
  n=$(grep -c 'id="legend&#45;role&#45;' two.$theme.svg)
  [ "$n" = 2 ] || fail "two-of-each ($theme): SVG has $n role samples"
done

[ "$fails" = 0 ] && echo "themes: all checks passed"
exit $((fails > 0))
