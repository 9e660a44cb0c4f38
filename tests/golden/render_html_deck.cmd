render cli/acme.xml --deck -T html --out-dir $OUT/d
