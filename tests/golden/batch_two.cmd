render cli/two.xml --all --out-dir "$OUT/maps" -T dot 2>"$OUT/err"; s=$?; sed "s|$OUT|\$OUT|" "$OUT/err" >&2; ls -A "$OUT/maps"; (exit $s)
