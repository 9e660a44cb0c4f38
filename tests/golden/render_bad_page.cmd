render cli/acme.xml --page 16:8 -o $OUT/x.svg
