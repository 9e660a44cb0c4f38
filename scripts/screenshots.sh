#!/usr/bin/env bash
# screenshots.sh [RELMAP] - regenerate the README's pictures from the
# samples, so they stay in step with the styles and the renderer: each
# sample's map, docs/images/SAMPLE.svg, and the theme screenshots,
# docs/images/theme-SAMPLE-THEME.png.  RELMAP defaults to build/relmap, then relmap on
# the PATH.  Output is deterministic: re-running on an unchanged tree
# changes no file.
#
# startup is written by relmap itself (-T png at 96 dpi).
# midmarket is wider (about 1 MB as
# a PNG), so it is drawn to SVG and scaled to 1600 pixels wide by
# rsvg-convert to keep each image under 300 KB.
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
  "$relmap" render "$input" -o "$out/$(basename "$input" .xml).svg"
done
for theme in default print dark colorblind; do
  "$relmap" render "$root/samples/startup.xml" --style "$theme" --dpi 96 \
    -o "$out/theme-startup-$theme.png"
  "$relmap" render "$root/samples/midmarket.xml" --style "$theme" -o "$tmp/m.svg"
  rsvg-convert -w 1600 -a -o "$out/theme-midmarket-$theme.png" "$tmp/m.svg"
  for f in "$out/theme-startup-$theme.png" "$out/theme-midmarket-$theme.png"; do
    size=$(stat -c %s "$f")
    [ "$size" -le "$max" ] || { echo "screenshots: $f is $size bytes (> 300 KB)" >&2; exit 1; }
  done
done
echo "screenshots: wrote $out/theme-*.png"
