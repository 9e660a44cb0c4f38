render cli/two.xml --all --out-dir "$OUT/maps" --shard 0/3
