render diff/new.xml --diff diff/old.xml --all --out-dir $OUT/maps
