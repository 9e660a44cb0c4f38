#!/usr/bin/env python3
"""html_check.py RELMAP SOURCE_DIR SCRATCH_DIR: relmap's -T html in a real
browser (tests/checks/html.sh runs it; docs/html.md says what is checked).

Headless Chromium (Debian's package) loads each page from disk, driven
through its DevTools protocol (tests/tools/cdp.py), which reports what the
page writes on its console, its uncaught exceptions, the browser's log
(CSP violations) and every request the page makes.  A page passes when
 - it is one file: no src, no <link>, no url() but data:, a CSP meta tag
   whose script and style hashes are those of the page's own script and
   style, its data JSON parses and holds no raw < > & U+2028 U+2029;
 - nothing is logged and the page requests nothing; the first view is
   marked drawn (data-ready);
 - every person of the input has its node (#p-ID) in the DOM;
 - the fragment states work: #person=ID opens that person's panel with
   the access path and coverage `check --format json` gives, #q= finds
   names written with accents and CJK, #filter=gap dims every person
   without a gap and no one with one; unknown values change nothing;
 - hostile names, titles and links stay text: no payload runs, with the
   Content-Security-Policy and with it stripped out (so the escaping is
   tested, not just the policy);
 - --audience customer pages name no attitude, coverage, gap or team;
 - the same input gives the same bytes, and the 3,000-person page is
   under 5 MB.
Controls (a page with an external image, and one with a script error) must
be caught, so the request and console checks are known to bite.
"""
import base64
import glob
import hashlib
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import urllib.parse
import xml.etree.ElementTree as ET

relmap, src, scratch = (os.path.abspath(a) for a in sys.argv[1:4])
os.chdir(scratch)
fails = 0


def fail(msg):
    global fails
    fails += 1
    print('FAIL:', msg)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, **kw)


def idpart(s):
    out = []
    for b in s.encode('utf-8'):
        c = chr(b)
        if c.isascii() and (c.isalnum() or c in '.-'):
            out.append(c)
        elif c == '_':
            out.append('__')
        else:
            out.append('_%02X' % b)
    return ''.join(out)


# ---- a small DOM from Chromium's --dump-dom ----
class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], []

    def classes(self):
        return set((self.attrs.get('class') or '').split())

    def content(self):
        return ''.join(t if isinstance(t, str) else t.content() for t in self.text)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


VOID = {'meta', 'br', 'img', 'input', 'link', 'hr', 'area', 'base', 'col', 'embed', 'source', 'wbr'}


class Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node('#root', {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur.text.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur.text.append(n)

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.text.append(data)


def parse_dom(text):
    b = Builder()
    b.feed(text)
    return b.root


# ---- Chromium, one browser for every load (tests/tools/cdp.py) ----
sys.path.insert(0, os.path.join(src, 'tests/tools'))
import cdp  # noqa: E402

CHROMIUM = shutil.which('chromium')
browser = None
runs = 0


def chromium(path, fragment='', ready='data-ready'):
    """(dom text, console lines, page requests) of file://path#fragment."""
    global runs, browser
    runs += 1
    if browser is None:
        browser = cdp.Browser(CHROMIUM)
    url = 'file://' + os.path.abspath(path) + (('#' + fragment) if fragment else '')
    dom, console, reqs, _ = browser.open(url, ready=ready)
    return dom, console, reqs


def load_page(path, fragment='', what=None):
    dom_text, console, reqs = chromium(path, fragment)
    what = what or '%s#%s' % (path, fragment)
    for l in console:
        fail('%s: console: %s' % (what, l[:300]))
    for r in reqs:
        fail('%s: the page requested %s' % (what, r[:200]))
    dom = parse_dom(dom_text)
    root = next((n for n in dom.walk() if n.tag == 'html'), None)
    if root is None or 'data-ready' not in root.attrs:
        fail('%s: the viewer never marked the first view drawn' % what)
    if root is not None and 'data-pwned' in root.attrs:
        fail('%s: a payload ran (data-pwned=%s)' % (what, root.attrs['data-pwned']))
    return dom, root


def by_id(dom):
    return {n.attrs['id']: n for n in dom.walk() if 'id' in n.attrs}


# ---- the file itself ----
def data_of(text, what):
    m = re.search(r'<script type="application/json" id="relmap-data">(.*?)</script>', text, re.S)
    if not m:
        fail('%s: no data block' % what)
        return None
    raw = m.group(1)
    for ch, name in (('<', '<'), ('>', '>'), ('&', '&'), ('\u2028', 'U+2028'), ('\u2029', 'U+2029')):
        if ch in raw:
            fail('%s: the data JSON holds a raw %s' % (what, name))
    try:
        return json.loads(raw)
    except ValueError as e:
        fail('%s: the data JSON does not parse: %s' % (what, e))
        return None


def static_checks(text, what):
    """The page's markup (not the text in it) loads nothing."""
    dom = parse_dom(text)
    for n in dom.walk():
        if n.tag in ('img', 'iframe', 'object', 'embed', 'link', 'base', 'image', 'use', 'audio',
                     'video', 'source', 'track', 'frame', 'feimage'):
            fail('%s: a <%s> element' % (what, n.tag))
        for k, v in n.attrs.items():
            if k in ('src', 'srcset', 'data', 'poster', 'background', 'action', 'formaction'):
                fail('%s: a %s attribute on <%s>' % (what, k, n.tag))
            if k in ('href', 'xlink:href') and n.tag != 'a':
                fail('%s: %s=%r on <%s>' % (what, k, v, n.tag))
            if k == 'style' or k.startswith('on'):
                fail('%s: an inline %s attribute on <%s>' % (what, k, n.tag))
    for st in (n for n in dom.walk() if n.tag == 'style'):
        css = st.content()
        if re.search(r'url\((?!\s*["\']?data:)', css) or '@import' in css:
            fail('%s: the style sheet loads something' % what)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
    if not csp:
        fail('%s: no Content-Security-Policy meta tag' % what)
        return
    policy = html.unescape(csp.group(1))
    if "default-src 'none'" not in policy:
        fail("%s: the policy does not start from default-src 'none': %s" % (what, policy))
    scripts = re.findall(r'<script>(.*?)</script>', text, re.S)
    styles = re.findall(r'<style>(.*?)</style>', text, re.S)
    if len(scripts) != 1 or len(styles) != 1:
        fail('%s: %d scripts and %d styles, not one each' % (what, len(scripts), len(styles)))
        return
    for kind, body in (('script-src', scripts[0]), ('style-src', styles[0])):
        h = "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()
        m = re.search(kind + r' ([^;]*)', policy)
        if not m or m.group(1).strip() != h:
            fail('%s: %s is not exactly the hash of the page\'s own %s' % (what, kind, kind[:-4]))


def render(inp, out, *extra):
    p = run([relmap, 'render', inp, '-o', out] + list(extra))
    if p.returncode != 0:
        fail('render %s %s: exit %d: %s' % (inp, ' '.join(extra), p.returncode,
                                            p.stderr.decode()[-500:]))
        return None
    return open(out, encoding='utf-8').read()


def check_json(inp):
    p = run([relmap, 'check', inp, '--format', 'json', '--fail-on', 'never'])
    return json.loads(p.stdout)['accounts'][0]


def persons_of(inp):
    acc = ET.parse(inp).getroot().find('account')
    return acc, acc.findall('person')


# ---- controls: the checks must bite ----
if not CHROMIUM:
    fail('chromium is not installed (Debian package chromium, scripts/debian-packages.txt)')
    sys.exit(1)
open('control-request.html', 'w').write(
    '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"></body></html>')
open('control-console.html', 'w').write(
    '<!DOCTYPE html><html><body><script>undefinedFunction()</script></body></html>')
_, c1, r1 = chromium('control-request.html', ready=None)
_, c2, r2 = chromium('control-console.html', ready=None)
if not r1:
    fail('control: a page loading http://127.0.0.1:9/x.png was not seen requesting it')
if not c2:
    fail('control: a page with a script error logged nothing on the console')

# ---- every input: one file, loads cleanly, every person's node ----
gen3000 = 'gen-3000.xml'
run(['python3', os.path.join(src, 'tests/tools/genaccount.py'), '--persons', '3000', '--seed', '11',
     '-o', gen3000], check=True)
# An untidy account too, where a third of the persons are key: its
# default overview keeps thousands of cards, which the page folds further.
untidy = 'untidy-3000.xml'
run(['python3', os.path.join(src, 'tests/tools/genrandom.py'), '--persons', '3000', '--seed', '9',
     '-o', untidy], check=True)
inputs = sorted(glob.glob(os.path.join(src, 'samples/*.xml'))) + [untidy] + [
    os.path.join(src, 'tests/data/render', f)
    for f in ('special.xml', 'hostile-ids.xml', 'links.xml', 'hostile-html.xml')] + [gen3000]
pages = {}
for inp in inputs:
    name = os.path.basename(inp)[:-4]
    out = name + '.html'
    text = render(inp, out, '-T', 'html')
    if text is None:
        continue
    again = render(inp, name + '-again.html')
    if again != text:
        fail('%s: two renders differ' % name)
    static_checks(text, out)
    data = data_of(text, out)
    acc, persons = persons_of(inp)
    if data is not None and [p['id'] for p in data['persons']] != [p.get('id') for p in persons]:
        fail('%s: the data does not hold every person in order' % out)
    dom, _ = load_page(out, what=out)
    ids = by_id(dom)
    missing = [p.get('id') for p in persons if 'p-' + idpart(p.get('id')) not in ids]
    if missing:
        fail('%s: %d persons have no node, e.g. %s' % (out, len(missing), missing[:5]))
    pages[name] = (inp, out, data)
for big in ('gen-3000.html', 'untidy-3000.html'):
    size = os.path.getsize(big) if os.path.exists(big) else 0
    print('%s: %d bytes' % (big, size))
    if not 0 < size < 5 * 1000 * 1000:
        fail('the 3,000-person page %s is %d bytes, not under 5 MB' % (big, size))
    cards = open(big, encoding='utf-8').read().count('<g id="p-') if size else 0
    if cards > 1000:
        fail('%s draws %d person cards in its first view, more than 1,000' % (big, cards))


# ---- #person=ID: the panel, the access path, the coverage ----
def panel_of(dom):
    ids = by_id(dom)
    panel = next((n for n in dom.walk() if n.tag == 'aside' and 'rm-panel' in n.classes()), None)
    return ids, panel


for name in ('midmarket', 'gen-3000', 'startup'):
    if name not in pages:
        continue
    inp, out, data = pages[name]
    acc = check_json(inp)
    byid = {p['id']: p for p in acc['persons']}
    tried = 0
    for g in acc['gaps']:
        if g['kind'] != 'uncovered-decision-maker' or tried >= 1:
            continue
        tried += 1
        pid = g['person']
        frag = 'person=' + urllib.parse.quote(pid, safe='')
        dom, _ = load_page(out, frag)
        ids, panel = panel_of(dom)
        what = '%s#%s' % (out, frag)
        if panel is None or 'hidden' in panel.attrs:
            fail('%s: no panel open' % what)
            continue
        title = next((n for n in panel.walk() if n.tag == 'h2'), None)
        if not title or title.content() != byid[pid]['name']:
            fail('%s: the panel is not %r\'s: %r' % (what, byid[pid]['name'], title and title.content()))
        text = panel.content()
        cov = '%.2f (not covered' % byid[pid]['coverage']
        if cov not in text:
            fail('%s: the panel does not say its coverage %r' % (what, cov))
        path = [n.attrs['data-id'] for n in panel.walk() if n.tag == 'li' and 'data-id' in n.attrs]
        want = g['path']['via'] if g['path'] else []
        if path != want:
            fail('%s: access path %s, check says %s' % (what, path, want))
        if not g['path'] and 'no access path' not in text:
            fail('%s: no path, and the panel does not say so' % what)
        node = ids.get('p-' + idpart(pid))
        if node is None or 'rm-selected' not in node.classes():
            fail('%s: the person\'s node is not marked selected' % what)
        if g['path']:
            marked = [v for v in want[1:] if 'rm-on-path' in ids.get('p-' + idpart(v), Node('x', {}, None)).classes()]
            if len(want) > 1 and not any(n.tag == 'polyline' and 'rm-path-line' in n.classes() for n in dom.walk()):
                fail('%s: the path is not drawn on the map' % what)
            drawn = {p['id'] for p in data['persons'] if p['shown'] == 'drawn'}
            if any(v in drawn and v not in marked for v in want[1:]):
                fail('%s: path persons not highlighted: %s' % (what, want))
    if not tried and name != 'startup':
        fail('%s: no uncovered decision maker to try #person= on' % name)


# ---- #q=: accents folded, CJK as written ----
def first_with(persons, pred):
    return next((p for p in persons if pred(p.get('name') or '')), None)


def strip_accents(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))


for name in ('midmarket', 'special', 'gen-3000', 'startup'):
    if name not in pages:
        continue
    inp, out, data = pages[name]
    _, persons = persons_of(inp)
    cases = []
    acc_p = first_with(persons, lambda n: strip_accents(n) != n and n.isascii() is False
                       and re.search(r'[A-Za-z]', n))
    if acc_p is not None:
        word = max(strip_accents(acc_p.get('name')).split(), key=len)
        cases.append((word.lower(), acc_p))
    cjk = first_with(persons, lambda n: re.search(r'[\u4e00-\u9fff]', n))
    if cjk is not None:
        cases.append((''.join(re.findall(r'[\u4e00-\u9fff]+', cjk.get('name')))[:4], cjk))
    for q, person in cases:
        frag = 'q=' + urllib.parse.quote(q)
        dom, _ = load_page(out, frag)
        ids = by_id(dom)
        node = ids.get('p-' + idpart(person.get('id')))
        if node is None or 'rm-hit' not in node.classes():
            fail('%s#%s (%s): %r is not highlighted' % (out, frag, q, person.get('name')))
    if name in ('midmarket', 'startup') and not cases:
        fail('%s: no accented or CJK name to search for' % name)


# ---- #filter=gap ----
for name in ('midmarket', 'gen-3000'):
    inp, out, data = pages[name]
    acc = check_json(inp)
    gap = {g['person'] for g in acc['gaps'] if g.get('person')}
    dom, _ = load_page(out, 'filter=gap')
    ids = by_id(dom)
    for p in data['persons']:
        n = ids.get(p['node'])
        if p['shown'] != 'drawn' or n is None:
            continue
        if (p['id'] in gap) == ('rm-out' in n.classes()):
            fail('%s#filter=gap: %s (gap: %s) is %s' % (out, p['id'], p['id'] in gap,
                                                         'dimmed' if 'rm-out' in n.classes() else 'shown'))
            break

# ---- unknown values change nothing ----
dom, _ = load_page(pages['midmarket'][1], 'person=nobody&filter=%3Cscript%3E&q&x=1&%E0%A4%A=1')
_, panel = panel_of(dom)
if panel is not None and 'hidden' not in panel.attrs:
    fail('unknown fragment values opened a panel')

# ---- hostile input: text, never markup; with and without the policy ----
inp, out, data = pages['hostile-html']
raw = open(out, encoding='utf-8').read()
open('hostile-nocsp.html', 'w', encoding='utf-8').write(
    re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', '', raw))
_, persons = persons_of(inp)
for page in (out, 'hostile-nocsp.html'):
    for frag in ('person=p1', 'person=' + urllib.parse.quote('<p4>', safe='') + '&q=' +
                 urllib.parse.quote('<script>')):
        dom, _ = load_page(page, frag)
        if any(n.tag in ('img', 'iframe', 'object', 'embed') for n in dom.walk()):
            fail('%s#%s: a payload became an element' % (page, frag))
        scripts = [n for n in dom.walk() if n.tag == 'script']
        if len(scripts) != 2:
            fail('%s#%s: %d script elements, not 2' % (page, frag, len(scripts)))
        for a in (n for n in dom.walk() if n.tag == 'a'):
            href = a.attrs.get('href') or a.attrs.get('xlink:href') or ''
            if href and not re.match(r'(?i)(https?:|mailto:)', href):
                fail('%s#%s: a link to %r' % (page, frag, href))
        if frag == 'person=p1':
            _, panel = panel_of(dom)
            h2 = next((n for n in panel.walk() if n.tag == 'h2'), None) if panel else None
            if not h2 or h2.content() != persons[0].get('name'):
                fail('%s#%s: the name is not shown as text: %r' % (page, frag, h2 and h2.content()))
# every string of the hostile fixture comes back from the data as written
for p, d in zip(persons, data['persons']):
    for k in ('name', 'title', 'department'):
        if (p.get(k) or None) != d.get(k):
            fail('hostile-html: %s of %s is %r in the data, not %r' % (k, p.get('id'), d.get(k), p.get(k)))

# ---- property: every text of the test data, as name, title and department ----
strings = set()
for f in glob.glob(os.path.join(src, 'tests/data/**/*.xml'), recursive=True) + \
        glob.glob(os.path.join(src, 'samples/*.xml')):
    try:
        for e in ET.parse(f).getroot().iter():
            for k, v in e.attrib.items():
                if k in ('name', 'title', 'department', 'url', 'industry', 'id') and \
                        v.strip() and len(v.encode()) < 1000:
                    strings.add(v)
    except (ET.ParseError, OSError, ValueError):
        pass
strings |= {'</script>', '<!--', ']]>', '\u2028', '\u2029', '"><svg onload=alert(1)>',
            "'-alert(1)-'", '${alert(1)}', '{{7*7}}', '\\u003c', '&lt;b&gt;', '<b>bold</b>'}
strings = sorted(strings)
root = ET.Element('relmap', {'version': '1', 'as-of': '2026-11-01'})
acc = ET.SubElement(root, 'account', {'id': 'prop', 'name': strings[0]})
for i, s in enumerate(strings):
    ET.SubElement(acc, 'person', {'id': 'p%d' % i, 'name': s, 'title': s[::-1], 'department': s[:12],
                                  'url': s})
ET.ElementTree(root).write('property.xml', encoding='utf-8', xml_declaration=True)
text = render('property.xml', 'property.html')
if text is not None:
    static_checks(text, 'property.html')
    data = data_of(text, 'property.html')
    if data:
        for s, d in zip(strings, data['persons']):
            if d['name'] != s or d['title'] != s[::-1]:
                fail('property: %r came back as %r' % (s, d['name']))
                break
            if 'url' in d and not re.match(r'(?i)(https?:|mailto:)', d['url']):
                fail('property: the link %r was kept' % d['url'])
    dom, _ = load_page('property.html', 'q=' + urllib.parse.quote('<'))
    if sum(1 for n in dom.walk() if n.tag == 'script') != 2:
        fail('property: extra script elements in the page')
    print('property: %d strings from the test data' % len(strings))

# ---- the customer's page ----
for name in ('midmarket', 'gen-3000'):
    inp, _, _ = pages[name]
    out = name + '-customer.html'
    text = render(inp, out, '--audience', 'customer')
    if text is None:
        continue
    acc_e, persons = persons_of(inp)
    known = sorted({v for p in persons for k in ('name', 'title', 'department', 'id') for v in [p.get(k)] if v}
                   | {v for v in (acc_e.get('name'), acc_e.get('industry'), acc_e.get('id')) if v},
                   key=len, reverse=True)
    rest = html.unescape(text)
    data = data_of(text, out)
    for k in known:
        rest = rest.replace(k, ' ')
    words = re.findall(r'(?i)attitude|coverage|covered|\bgaps?\b|influence|touchpoint|sentiment|champion|'
                       r'supporter|skeptic|opponent|decision-maker|economic-buyer|blocker|\bteam\b|'
                       r'\bmembers?\b|key person', rest)
    if words:
        fail('%s: names what the customer must not see: %s' % (out, sorted(set(words))))
    members = [m for m in acc_e.iter('member')]
    for m in members:
        if m.get('name') and m.get('name') in html.unescape(text) and \
                m.get('name') not in {p.get('name') for p in persons}:
            fail('%s: names team member %r' % (out, m.get('name')))
    allowed = {'id', 'node', 'name', 'title', 'department', 'manager', 'shown', 'fold', 'url'}
    if data:
        extra = {k for p in data['persons'] for k in p} - allowed
        if extra or set(data) - {'relmap', 'audience', 'account', 'persons', 'folds', 'dotted_lines'}:
            fail('%s: data keys beyond the org chart: %s %s' % (out, extra, set(data)))
    load_page(out, what=out)

# ---- batches and the extension ----
p = run([relmap, 'render', os.path.join(src, 'tests/data/cli/two.xml'), '--all', '-T', 'html',
         '--out-dir', 'batch'])
if os.path.exists(os.path.join(src, 'tests/data/cli/two.xml')):
    got = sorted(glob.glob('batch/*.html'))
    if p.returncode != 0 or len(got) < 2:
        fail('render --all -T html: exit %d, files %s: %s' % (p.returncode, got, p.stderr.decode()[-300:]))
text = render(os.path.join(src, 'samples/startup.xml'), 'by-extension.htm')
if text is not None and not text.startswith('<!DOCTYPE html>'):
    fail('-o FILE.htm is not HTML')

print('%d pages loaded in one Chromium' % runs)
browser.close()
sys.exit(1 if fails else 0)
