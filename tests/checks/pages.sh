#!/usr/bin/env bash
# pages.sh RELMAP SOURCE_DIR SCRATCH_DIR
# --page, --dpi and --transparent, read back by real consumers: the SVG's
# own width and height, the PNG's header (and rsvg-convert's PNG of the
# SVG), pdfinfo's page size.  Every page must come out at its aspect ratio
# within 1% in every format, --dpi 192 must give twice the pixels of
# --dpi 96 each way, and --transparent must give PNG an alpha channel.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# PAGE WIDTH HEIGHT (points) for each named page and a few WxH forms.
pages=(
  "16:9 960 540" "4:3 720 540" "16:10 864 540"
  "a4 841.89 595.28" "a4-portrait 595.28 841.89" "letter 792 612"
  "1920x1080px 1440 810" "20cmx10cm 566.93 283.46" "8x2in 576 144"
)
# A wide map, a small one and a tall one (a chain of managers).
python3 - >tall.xml <<'PY'
print('<relmap version="1" as-of="2026-11-01"><account id="t" name="Tall">')
for i in range(25):
    rt = f' reports-to="p{i-1}"' if i else ''
    print(f'<person id="p{i}" name="Person {i}" title="Level {i}"{rt}/>')
print('</account></relmap>')
PY
inputs=("$src/samples/midmarket.xml" "$src/samples/startup.xml" tall.xml)

ratio_ok() { # ACTUAL_W ACTUAL_H WANT_W WANT_H
  python3 -c "import sys; a=$1/$2; w=$3/$4; sys.exit(0 if abs(a/w-1) < 0.01 else 1)"
}
png_size() { python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(*struct.unpack('>II', d[16:24]))" "$1"; }

for input in "${inputs[@]}"; do
  name=$(basename "$input" .xml)
  for p in "${pages[@]}"; do
    set -- $p; page=$1 w=$2 h=$3
    # Every page for the small map; three shapes for the others.
    case "$name:$page" in startup:*|*:16:9|*:a4-portrait|*:1920x1080px) ;; *) continue;; esac
    out=$name-${page//[:]/_}
    # Every page as SVG; PNG and PDF (slower) for the small map.
    fmts=svg; [ "$name" = startup ] && fmts="svg png pdf"
    for fmt in $fmts; do
      if ! "$relmap" render "$input" --page "$page" -o "$out.$fmt" 2>err; then
        fail "$name --page $page -T $fmt: $(cat err)"; continue
      fi
      case $fmt in
      svg) read -r sw sh < <(sed -n 's/.*<svg width="\([0-9.]*\)pt" height="\([0-9.]*\)pt".*/\1 \2/p' "$out.svg")
           ratio_ok "${sw:-0}" "${sh:-1}" "$w" "$h" || fail "$out.svg is ${sw}x${sh}pt, not $page"
           # The points too, within a point of rounding.
           python3 -c "import sys; sys.exit(0 if abs($sw-$w)<=1 and abs($sh-$h)<=1 else 1)" ||
             fail "$out.svg is ${sw}x${sh}pt, not ${w}x${h}pt"
           rsvg-convert -o "$out.rsvg.png" "$out.svg" 2>err || fail "$out.svg: rsvg-convert: $(cat err)"
           read -r pw ph < <(png_size "$out.rsvg.png")
           ratio_ok "$pw" "$ph" "$w" "$h" || fail "rsvg-convert drew $out.svg ${pw}x${ph}, not $page";;
      png) read -r pw ph < <(png_size "$out.png")
           ratio_ok "$pw" "$ph" "$w" "$h" || fail "$out.png is ${pw}x${ph}, not $page"
           # 192 dpi by default: the page's inches times 192.
           python3 -c "import sys; sys.exit(0 if abs($pw/($w/72*192)-1)<0.005 and abs($ph/($h/72*192)-1)<0.005 else 1)" ||
             fail "$out.png is ${pw}x${ph} px, not $page at 192 dpi";;
      pdf) read -r qw qh < <(pdfinfo "$out.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
           ratio_ok "${qw:-0}" "${qh:-1}" "$w" "$h" || fail "$out.pdf is ${qw}x${qh}pt, not $page";;
      esac
    done
  done
  # --dpi: twice the dpi, twice the pixels each way, with or without a page.
  for extra in "" "--page 16:9"; do
    "$relmap" render "$input" $extra --dpi 96 -o d96.png 2>err || fail "$name --dpi 96: $(cat err)"
    "$relmap" render "$input" $extra --dpi 192 -o d192.png 2>err || fail "$name --dpi 192: $(cat err)"
    read -r aw ah < <(png_size d96.png); read -r bw bh < <(png_size d192.png)
    python3 -c "import sys; sys.exit(0 if abs($bw-2*$aw)<=2 and abs($bh-2*$ah)<=2 else 1)" ||
      fail "$name $extra: --dpi 192 gave ${bw}x${bh}, --dpi 96 ${aw}x${ah}"
  done
  # --transparent: an alpha channel in PNG (colour type 6), none without.
  "$relmap" render "$input" --transparent -o t.png 2>err || fail "$name --transparent: $(cat err)"
  [ "$(od -An -tu1 -j25 -N1 t.png | tr -d ' ')" = 6 ] || fail "$name --transparent: PNG has no alpha channel"
  "$relmap" render "$input" --transparent -o t.svg 2>err || fail "$name --transparent -T svg: $(cat err)"
  grep -q 'fill="white"' t.svg && fail "$name --transparent: the SVG still paints a white background"
done
# Same input, same bytes, with a page too.
"$relmap" render "$src/samples/startup.xml" --page a4 -o r1.png && "$relmap" render "$src/samples/startup.xml" --page a4 -o r2.png
cmp -s r1.png r2.png || fail "--page a4 PNG differs between runs"

[ "$fails" -eq 0 ] && echo "pages: all good" || echo "pages: $fails failure(s)"
[ "$fails" -eq 0 ]
