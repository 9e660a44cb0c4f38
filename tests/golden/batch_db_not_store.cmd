render --db cli/two.xml --all --out-dir "$OUT/maps"
