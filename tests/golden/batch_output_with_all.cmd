render cli/two.xml --all --out-dir "$OUT/maps" -o x.svg
