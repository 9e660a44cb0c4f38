#!/usr/bin/env bash
# screenshots.sh [RELMAP] - regenerate the README's pictures from the
# samples, so they stay in step with the styles and the renderer: each
# sample's map, docs/images/SAMPLE.svg, and the theme screenshots,
# docs/images/theme-SAMPLE-THEME.png.  RELMAP defaults to build/relmap, then relmap on
# the PATH.  Output is deterministic: re-running on an unchanged tree
# changes no file.
#
# The README's pictures are what a planner pastes into a slide: each
# sample on a 16:9 page (--page 16:9, PNG at 96 dpi, 1280 x 720 pixels),
# docs/images/SAMPLE.png; the whole map as SVG too, docs/images/SAMPLE.svg;
# the first pages of the mid-market sample's deck, docs/images/deck-*.png;
# each theme on the start-up and mid-market samples' 16:9 pages; and the
# -T html viewer, docs/images/html-viewer.png.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
relmap=${1:-}
if [ -z "$relmap" ]; then
  if [ -x "$root/build/relmap" ]; then relmap=$root/build/relmap
  else relmap=$(command -v relmap) || { echo "screenshots: no relmap; give its path" >&2; exit 64; }
  fi
fi
out=$root/docs/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
max=$((300 * 1024))
for input in "$root"/samples/*.xml; do
  name=$(basename "$input" .xml)
  "$relmap" render "$input" -o "$out/$name.svg" 2>/dev/null
  "$relmap" render "$input" --page 16:9 --dpi 96 -o "$out/$name.png" 2>/dev/null
done
"$relmap" render "$root/samples/midmarket.xml" --deck -T png --dpi 96 --out-dir "$tmp/deck" 2>/dev/null
for i in 01 02 03; do cp "$tmp/deck/castellan-$i.png" "$out/deck-midmarket-$i.png"; done
for theme in default print dark colorblind; do
  for sample in startup midmarket; do
    f=$out/theme-$sample-$theme.png
    "$relmap" render "$root/samples/$sample.xml" --style "$theme" --page 16:9 \
      --dpi 96 -o "$f" 2>/dev/null
    size=$(stat -c %s "$f")
    [ "$size" -le "$max" ] || { echo "screenshots: $f is $size bytes (> 300 KB)" >&2; exit 1; }
  done
done
echo "screenshots: wrote $out/theme-*.png"
# The interactive page (docs/html.md) in headless Chromium, driven through
# its DevTools protocol (tests/tools/cdp.py) at a 1400 x 850 viewport, a
# person's panel and access path opened through the URL fragment.
if command -v chromium >/dev/null; then
  "$relmap" render "$root/samples/midmarket.xml" -o "$tmp/midmarket.html" 2>/dev/null
  python3 - "$root/tests/tools" "$tmp/midmarket.html" "$out/html-viewer.png" <<'PY'
import base64, sys
sys.path.insert(0, sys.argv[1])
import cdp
with cdp.Browser() as b:
    b.call('Emulation.setDeviceMetricsOverride',
           {'width': 1400, 'height': 850, 'deviceScaleFactor': 1, 'mobile': False})
    b.open('file://' + sys.argv[2] + '#person=p3')
    png = b.call('Page.captureScreenshot', {'format': 'png'})['data']
    open(sys.argv[3], 'wb').write(base64.b64decode(png))
PY
  echo "screenshots: wrote $out/html-viewer.png"
fi
