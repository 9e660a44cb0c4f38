render cli/two.xml --all --out-dir "$OUT/maps" -T json --shard 2/2 -j 1 2>"$OUT/err"; s=$?; sed "s|$OUT|\$OUT|" "$OUT/err" >&2; ls -A "$OUT/maps"; (exit $s)
