render cli/two.xml --all --out-dir "$OUT/maps" --account beta
