render cli/acme.xml --page 10x7 -o $OUT/x.svg
