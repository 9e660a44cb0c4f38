render cli/two.xml --all --out-dir "$OUT/maps" --shard 4/3
