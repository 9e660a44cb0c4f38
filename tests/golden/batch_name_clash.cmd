render cli/batch_clash.xml --all --out-dir "$OUT/maps" -T dot -j 2 2>"$OUT/err"; s=$?; sed "s|$OUT|\$OUT|" "$OUT/err" >&2; ls -A "$OUT/maps"; (exit $s)
