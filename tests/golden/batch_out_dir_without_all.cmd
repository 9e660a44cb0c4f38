render cli/two.xml --out-dir "$OUT/maps"
