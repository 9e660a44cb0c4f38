render cli/acme.xml --deck -o $OUT/x.svg
