#!/usr/bin/env bash
# bench/html.sh [RELMAP]: how long -T html pages take to open in headless
# Chromium, against the same SVG map inline in a bare page (no data, no
# viewer), measured in the same run.  Each page marks the moment its first
# view has been drawn (the task after the first frame) in ms since
# navigation started; the table gives medians and the ratio html / svg.
# Sizes: BENCH_HTML_SIZES (default "60 1000 3000"), runs BENCH_HTML_RUNS (5).
# On demand only; ctest never runs it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
relmap=${1:-${RELMAP:-$here/../build/relmap}}
sizes=${BENCH_HTML_SIZES:-60 1000 3000}
runs=${BENCH_HTML_RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v chromium >/dev/null || { echo "bench/html.sh: needs chromium" >&2; exit 1; }

python3 - "$relmap" "$here/../tests/tools" "$work" "$runs" $sizes <<'PY'
import os, statistics, subprocess, sys
relmap, tools, work, runs, sizes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
sys.path.insert(0, tools)
import cdp
mark = ('<script>requestAnimationFrame(function(){setTimeout(function(){'
        'document.documentElement.setAttribute("data-ready",String(Math.round(performance.now())))},0)})'
        '</script>')
print('| persons | html size | html opens (median ms) | same SVG in a bare page (ms) | html / svg |')
print('|---:|---:|---:|---:|---:|')
with cdp.Browser() as b:
    for n in sizes:
        xml = os.path.join(work, 'g%s.xml' % n)
        subprocess.run(['python3', os.path.join(tools, 'genaccount.py'), '--persons', n, '--seed', '1',
                        '-o', xml], check=True)
        page, svg = os.path.join(work, 'g%s.html' % n), os.path.join(work, 'g%s.svg' % n)
        subprocess.run([relmap, 'render', xml, '-o', page], check=True, capture_output=True)
        subprocess.run([relmap, 'render', xml, '-o', svg], check=True, capture_output=True)
        s = open(svg, encoding='utf-8').read()
        bare = os.path.join(work, 'g%s-bare.html' % n)
        open(bare, 'w', encoding='utf-8').write('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                                                + s[s.index('<svg'):] + mark + '</body></html>')
        h, s_ = [], []
        for _ in range(runs):
            h.append(b.open('file://' + page)[3])
            s_.append(b.open('file://' + bare)[3])
        mh, ms = statistics.median(h), statistics.median(s_)
        print('| %s | %.2f MB | %d | %d | %.2f |' % (format(int(n), ','), os.path.getsize(page) / 1e6,
                                                     mh, ms, mh / ms))
PY
