render cli/two.xml --all --out-dir "$OUT/maps" -j 0
