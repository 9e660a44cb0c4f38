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
# The interactive page (docs/html.md) in headless Chromium, a person's
# panel and access path open through the URL fragment.
if command -v chromium >/dev/null; then
  "$relmap" render "$root/samples/midmarket.xml" -o "$tmp/midmarket.html" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --user-data-dir="$tmp/profile" \
    --virtual-time-budget=5000 --window-size=1400,850 \
    --screenshot="$out/html-viewer.png" "file://$tmp/midmarket.html#person=p3" >/dev/null 2>&1
  echo "screenshots: wrote $out/html-viewer.png"
fi
