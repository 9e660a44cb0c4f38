render cli/batch_names.xml --all --out-dir "$OUT/maps" -T dot -j 3 2>"$OUT/err"; s=$?; sed "s|$OUT|\$OUT|" "$OUT/err" >&2; ls -A "$OUT/maps"; (exit $s)
