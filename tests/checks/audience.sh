#!/usr/bin/env bash
# audience.sh RELMAP SOURCE_DIR SCRATCH_DIR
# --audience customer must leave every piece of our intelligence out of the
# file, not just out of sight.  Checked by allow-list: every text, tooltip
# and title in the SVG (and every word pdftotext finds in the PDF) must be
# made of what the customer knows already (account name and industry,
# persons' names, titles and departments, the date); no team member's id
# or name and no attitude colour may appear anywhere in SVG or DOT; and
# every person node must look alike.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

python3 "$src/tests/tools/genaccount.py" --persons 150 --seed 7 -o gen.xml || exit 2
# Big enough to be folded by default: the folding must not tell either.
python3 "$src/tests/tools/genaccount.py" --persons 800 --seed 3 -o big.xml || exit 2
inputs=("$src/samples/startup.xml" "$src/samples/midmarket.xml" gen.xml big.xml)

for input in "${inputs[@]}"; do
  name=$(basename "$input" .xml)
  for fmt in svg dot pdf; do
    "$relmap" render "$input" --audience customer -o "$name.$fmt" 2>err ||
      { fail "$name -T $fmt: $(cat err)"; continue; }
  done
  pdftotext -q "$name.pdf" "$name.txt" || fail "$name.pdf: pdftotext failed"
  python3 - "$input" "$name" "$src/styles/default.xml" <<'PY' || fails=$((fails + 1))
import re, sys, html
import xml.etree.ElementTree as ET
src, name, style = sys.argv[1:]
root = ET.parse(src).getroot()
acc = root.find('account')
known = set()
def add(t):
    if t: known.add(t)
add(acc.get('name')); add(acc.get('id')); add(acc.get('industry'))
persons = acc.findall('person')
for p in persons:
    for k in ('name', 'title', 'department', 'id'):
        add(p.get(k))
members = [m for m in acc.iter('member')]
problems = []
svg = open(name + '.svg', encoding='utf-8').read()
dot = open(name + '.dot', encoding='utf-8').read()
# 1. Team members: neither their ids nor their names.
person_names = {p.get('name') for p in persons}
for m in members:
    if m.get('name') in person_names:
        continue  # a namesake among the customer's own people
    for text, what in ((svg, 'svg'), (dot, 'dot')):
        if m.get('name') and m.get('name') in html.unescape(text):
            problems.append(f'{what} names team member {m.get("name")!r}')
        if re.search(r'\bm[:-]' + re.escape(m.get('id')) + r'\b', text):
            problems.append(f'{what} has team member node {m.get("id")!r}')
# 2. Attitude and band colours of the style.
st = ET.parse(style).getroot()
colours = {a.get('fillcolor').lower() for a in st.findall('attitude')
           if a.get('value') not in ('unknown',)}
colours |= {b.get('color').lower() for b in st.findall('band')}
for c in colours:
    if c in svg.lower() or c in dot.lower():
        problems.append(f'attitude or coverage colour {c} is in the output')
# 3. Every text and tooltip is made of known strings (wrapped titles are
#    split over lines, so each text must be part of a known string).
svgroot = ET.fromstring(svg.encode('utf-8'))
ns = {'s': 'http://www.w3.org/2000/svg', 'x': 'http://www.w3.org/1999/xlink'}
date_line = re.compile(r'^as of \d{4}-\d{2}-\d{2}$')
def explained(t):
    t = t.strip()
    if not t or date_line.match(t):
        return True
    return any(t in k for k in known)
for el in svgroot.iter('{http://www.w3.org/2000/svg}text'):
    t = ''.join(el.itertext())
    if not explained(t) and not re.fullmatch(r'\+\d+ (?:in .*|under .*|more)', t):
        problems.append(f'svg text {t!r} is not the customer\'s own data')
# Tooltips and titles: relmap's fixed phrases around known strings.
fixed = [
    re.compile(r'^Relationship map: (.*)$'),
    re.compile(r'^(.*) reports to (.*)$'),
    re.compile(r'^(.*) has a dotted line to (.*)$'),
    re.compile(r'^department: (.*) \(\d+ persons?\)$'),
    re.compile(r'^\+\d+ (?:in|under) (.*)$'), re.compile(r'^\+\d+ more$'),
    re.compile(r'^\d+ persons who manage nobody, folded$'),
    re.compile(r'^Account (.*) \(id (.*)\) as of \d{4}-\d{2}-\d{2}\. \d+ persons?\.$'),
]
# A person's own tooltip, exactly: name, title (department).
person_tips = set()
for p in persons:
    t = p.get('name') or p.get('id')
    if p.get('title'):
        t += ', ' + p.get('title')
    if p.get('department'):
        t += ' (' + p.get('department') + ')'
    person_tips.add(t)
def phrase_ok(t):
    t = t.strip()
    if t in person_tips or explained(t) or re.fullmatch(r'p:.*|.*->.*|relmap|%3', t):
        return True
    for f in fixed:
        m = f.match(t)
        if m and all(explained(g) for g in m.groups()):
            return True
    return False
texts = []
for el in svgroot.iter():
    tag = el.tag.rsplit('}', 1)[-1]
    if tag in ('title', 'desc'):
        texts.append(''.join(el.itertext()))
    tip = el.get('{http://www.w3.org/1999/xlink}title')
    if tip is not None:
        texts.append(tip)
for tip in texts:
    for part in tip.split('\n'):
        if part and not phrase_ok(part):
            problems.append(f'svg title or tooltip {part!r}')
# Classes: the node kinds only (the org chart's title block is a node of
# class title), nothing that names a role, attitude, coverage or gap.
for el in svgroot.iter():
    for c in (el.get('class') or '').split():
        if c not in ('graph', 'node', 'person', 'edge', 'reports-to',
                     'dotted-line', 'cluster', 'department', 'title'):
            problems.append(f'svg class {c!r}')
# 4. The PDF's words: each must occur in known strings or the date line.
words = ' '.join(known) + ' as of ' + ' '.join(re.findall(r'\d{4}-\d{2}-\d{2}', html.unescape(svg)))
kw = set(re.findall(r'\w+', words.lower())) | {'in', 'under', 'more'}
for w in re.findall(r'\w+', open(name + '.txt', encoding='utf-8').read().lower()):
    if w not in kw and not w.isdigit():
        problems.append(f'pdf word {w!r} is not the customer\'s own data')
        break
# 5. Every person drawn alike: one fill, one border width.
fills = set(re.findall(r'<g id="p-[^"]*" class="node[^"]*">.*?(?:fill="([^"]*)")', svg, re.S))
widths = set(re.findall(r'^\s*"?p:[^\s\]"]+"?\s*\[[^\]]*?penwidth=([0-9.]+)', dot, re.M))
if len(widths) > 1:
    problems.append(f'persons have different border widths in DOT: {sorted(widths)}')
for bad in ('GAP', '\u26a0', 'coverage', 'attitude', 'Legend', 'Our team'):
    if bad.lower() in html.unescape(svg).lower() and not any(bad.lower() in k.lower() for k in known):
        problems.append(f'svg contains {bad!r}')
for p in problems[:10]:
    print(f'FAIL: {name}: {p}')
sys.exit(1 if problems else 0)
PY
done
# Not with the analysis.
"$relmap" render "$src/samples/startup.xml" --audience customer -T json >/dev/null 2>&1
[ $? -eq 64 ] || fail "--audience customer -T json is not a usage error"

[ "$fails" -eq 0 ] && echo "audience: all good" || echo "audience: $fails failure(s)"
[ "$fails" -eq 0 ]
